# The audit log: every change with its UTC time, actor, operation and record
# (`log`); --json gives each entry's record before and after the change.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --date 2013-11-18 --city Bangkok --country TH
added meeting cto-2013-bangkok
$ cxotrack add topic qos-qoe --title 'QoS/QoE fixed-mobile'
added topic qos-qoe
$ cxotrack --actor alice observe qos-qoe cto-2013-bangkok prioritized
qos-qoe at cto-2013-bangkok: prioritized
$ USER=bob CXOTRACK_ACTOR= cxotrack set topic qos-qoe --aliases QoE
updated topic qos-qoe
$ cxotrack rename qos-qoe quality --title 'Quality of service and experience'
renamed topic qos-qoe to quality
$ cxotrack delete meeting cto-2013-bangkok --cascade
deleted meeting cto-2013-bangkok
$ cxotrack log
TIME                      ACTOR   OP      ENTITY       KEY
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  meeting      cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  alice   create  observation  qos-qoe cto cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  bob     update  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  rename  topic        quality qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  meeting      cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  observation  qos-qoe cto cto-2013-bangkok (re)
$ cxotrack log --entity topic
TIME                      ACTOR   OP      ENTITY  KEY
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  topic   qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  bob     update  topic   qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  rename  topic   quality qos-qoe (re)
$ cxotrack log --id qos-qoe
TIME                      ACTOR   OP      ENTITY       KEY
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  alice   create  observation  qos-qoe cto cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  bob     update  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  rename  topic        quality qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  observation  qos-qoe cto cto-2013-bangkok (re)
$ cxotrack log --entity observation --id qos-qoe
TIME                      ACTOR   OP      ENTITY       KEY
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  alice   create  observation  qos-qoe cto cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  observation  qos-qoe cto cto-2013-bangkok (re)
$ cxotrack log --since 2000-01-01
TIME                      ACTOR   OP      ENTITY       KEY
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  meeting      cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  create  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  alice   create  observation  qos-qoe cto cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  bob     update  topic        qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  rename  topic        quality qos-qoe (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  meeting      cto-2013-bangkok (re)
\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  tester  delete  observation  qos-qoe cto cto-2013-bangkok (re)
$ cxotrack log --since 2999
TIME  ACTOR  OP  ENTITY  KEY
$ cxotrack --json log --id qos-qoe --entity topic
\[\{"id":2,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","actor":"tester","op":"create","entity":"topic","key":"qos-qoe","before":null,"after":\{"id":"qos-qoe","title":"QoS/QoE fixed-mobile"\},"parent":null\},\{"id":4,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","actor":"bob","op":"update","entity":"topic","key":"qos-qoe","before":\{"id":"qos-qoe","title":"QoS/QoE fixed-mobile"\},"after":\{"id":"qos-qoe","title":"QoS/QoE fixed-mobile","aliases":\["QoE"\]\},"parent":null\},\{"id":5,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","actor":"tester","op":"rename","entity":"topic","key":"quality qos-qoe","before":\{"id":"qos-qoe","title":"QoS/QoE fixed-mobile","aliases":\["QoE"\]\},"after":\{"id":"quality","title":"Quality of service and experience","aliases":\["QoE","QoS/QoE fixed-mobile"\],"relations":\[\{"type":"renamed-from","topic":"qos-qoe"\}\]\},"parent":null\}\] (re)
$ cxotrack --json log --entity observation
\[\{"id":3,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","actor":"alice","op":"create","entity":"observation","key":"qos-qoe cto cto-2013-bangkok","before":null,"after":\{"topic":"qos-qoe","lifecycle":"cto","meeting":"cto-2013-bangkok","status":"prioritized","qualifier":"agreed"\},"parent":null\},\{"id":7,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","actor":"tester","op":"delete","entity":"observation","key":"qos-qoe cto cto-2013-bangkok","before":\{"topic":"qos-qoe","lifecycle":"cto","meeting":"cto-2013-bangkok","status":"prioritized","qualifier":"agreed"\},"after":null,"parent":6\}\] (re)
# a read-only command leaves no entry
$ cxotrack topics > /dev/null && cxotrack log --since 2000 | wc -l
8
# command-line errors
$ cxotrack log qos-qoe
cxotrack log: takes no arguments
usage: cxotrack log [--entity E] [--id ID] [--since DATE]
[2]
$ cxotrack log --entity
cxotrack log: --entity needs a value
usage: cxotrack log [--entity E] [--id ID] [--since DATE]
[2]
$ cxotrack log --key qos-qoe
cxotrack log: unknown option --key
usage: cxotrack log [--entity E] [--id ID] [--since DATE]
[2]
$ cxotrack log --help
usage: cxotrack log [--entity E] [--id ID] [--since DATE]

the audit log: who changed what, and when

  --entity E      only changes to records of kind E (topic, meeting...)
  --id ID         only changes to the record ID (or to records whose key starts with it)
  --since DATE    only changes at or after DATE (UTC, a date or a time)
  With --json, each entry has the record before and after the change.
# refused
$ cxotrack --db missing.db log
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
