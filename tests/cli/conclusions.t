# Conclusions: recorded with `conclude`, listed per meeting, per topic and as
# of a point in time; shown in the meeting's view. Facts from
# ../shared/data/itu-facts.json (the conclusion texts paraphrase the topics).
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH --participants 23
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA --participants 15
added meeting cto-2014-doha
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU --participants 14
added meeting cto-2015-budapest
$ cxotrack add topic qos-qoe --title 'QoS/QoE fixed-mobile'
added topic qos-qoe
$ cxotrack add topic imt-2020 --title '5G / IMT-2020' --aliases '2020 network requirements'
added topic imt-2020
$ cxotrack add topic iot --title 'Internet of Things'
added topic iot
$ cxotrack observe qos-qoe cto-2013-bangkok prioritized
qos-qoe at cto-2013-bangkok: prioritized
$ cxotrack observe imt-2020 cto-2013-bangkok raised
imt-2020 at cto-2013-bangkok: raised
$ cxotrack observe iot cto-2014-doha raised
iot at cto-2014-doha: raised
$ cxotrack conclude cto-2013-bangkok 3 --kind request --text 'Study QoS and QoE across fixed and mobile networks.' --topic qos-qoe --source 'CTO meeting communique, 18 November 2013, Bangkok' --url 'https://studylib.net/doc/12905755/cto-meeting-communiqu%C3%A9-18-november-2013-bangkok--thailand'
added conclusion cto-2013-bangkok/3
$ cxotrack conclude cto-2013-bangkok 5 --kind priority --text 'Network requirements for 2020 are a standardization priority.' --topic imt-2020 --topic qos-qoe
added conclusion cto-2013-bangkok/5
$ cxotrack --json conclude cto-2014-doha 2 --id doha-iot --kind observation --text 'IoT needs common standards across sectors.' --topic iot --note 'numbering as printed' --uncertain
{"id":"doha-iot","meeting":"cto-2014-doha","number":"2","kind":"observation","text":"IoT needs common standards across sectors.","topics":["iot"],"note":"numbering as printed","uncertain":true}
$ cxotrack conclude cto-2015-budapest 1 --text 'IMT-2020 work should go on in close cooperation with other SDOs.' --topic imt-2020,iot
added conclusion cto-2015-budapest/1
# all of them, in meeting order
$ cxotrack conclusions
ID                   MEETING            DATE        NUMBER  KIND         TOPICS        TEXT
cto-2013-bangkok/3   cto-2013-bangkok   2013-11-18  3       request      qos-qoe       Study QoS an…
cto-2013-bangkok/5   cto-2013-bangkok   2013-11-18  5       priority     imt-2020, q…  Network requ…
doha-iot             cto-2014-doha      2014-12-06  2       observation  iot           IoT needs co…
cto-2015-budapest/1  cto-2015-budapest  2015-10-11  1                    imt-2020, i…  IMT-2020 wor…
# one meeting's: no meeting column
$ cxotrack conclusions cto-2013-bangkok
ID                  NUMBER  KIND      TOPICS             TEXT
cto-2013-bangkok/3  3       request   qos-qoe            Study QoS and QoE across fixed and mobile …
cto-2013-bangkok/5  5       priority  imt-2020, qos-qoe  Network requirements for 2020 are a standa…
# a topic's, across meetings, and as of a point in time
$ cxotrack conclusions --topic imt-2020
ID                   MEETING            DATE        NUMBER  KIND      TOPICS          TEXT
cto-2013-bangkok/5   cto-2013-bangkok   2013-11-18  5       priority  imt-2020, qos…  Network requi…
cto-2015-budapest/1  cto-2015-budapest  2015-10-11  1                 imt-2020, iot   IMT-2020 work…
$ cxotrack conclusions --topic imt-2020 --as-of 2014
ID                  MEETING           DATE        NUMBER  KIND      TOPICS           TEXT
cto-2013-bangkok/5  cto-2013-bangkok  2013-11-18  5       priority  imt-2020, qos-…  Network requir…
$ cxotrack conclusions --as-of cto-2014-doha
ID                  MEETING           DATE        NUMBER  KIND         TOPICS         TEXT
cto-2013-bangkok/3  cto-2013-bangkok  2013-11-18  3       request      qos-qoe        Study QoS and…
cto-2013-bangkok/5  cto-2013-bangkok  2013-11-18  5       priority     imt-2020, qo…  Network requi…
doha-iot            cto-2014-doha     2014-12-06  2       observation  iot            IoT needs com…
$ cxotrack conclusions cto-2015-budapest --as-of 2014
ID  MEETING  DATE  NUMBER  KIND  TOPICS  TEXT
$ cxotrack --json conclusions cto-2014-doha
[{"id":"doha-iot","meeting":"cto-2014-doha","number":"2","kind":"observation","text":"IoT needs common standards across sectors.","topics":["iot"],"note":"numbering as printed","uncertain":true,"date":"2014-12-06"}]
$ cxotrack --json conclusions --topic qos-qoe --as-of 2013
[{"id":"cto-2013-bangkok/3","meeting":"cto-2013-bangkok","number":"3","kind":"request","text":"Study QoS and QoE across fixed and mobile networks.","topics":["qos-qoe"],"sources":[{"ref":"CTO meeting communique, 18 November 2013, Bangkok","url":"https://studylib.net/doc/12905755/cto-meeting-communiqu%C3%A9-18-november-2013-bangkok--thailand"}],"date":"2013-11-18"},{"id":"cto-2013-bangkok/5","meeting":"cto-2013-bangkok","number":"5","kind":"priority","text":"Network requirements for 2020 are a standardization priority.","topics":["imt-2020","qos-qoe"],"date":"2013-11-18"}]
# the meeting's view lists its conclusions
$ cxotrack meeting cto-2013-bangkok
cto-2013-bangkok
kind:         cto
ordinal:      5
date:         2013-11-18
place:        Bangkok, TH
participants: 23

topics discussed:
TOPIC     LIFECYCLE  STATUS       QUALIFIER
imt-2020  cto        raised       agreed
qos-qoe   cto        prioritized  agreed

conclusions:
NUMBER  ID                  KIND      TOPICS             TEXT
3       cto-2013-bangkok/3  request   qos-qoe            Study QoS and QoE across fixed and mobile …
5       cto-2013-bangkok/5  priority  imt-2020, qos-qoe  Network requirements for 2020 are a standa…
$ cxotrack --json meeting cto-2014-doha
{"meeting":{"id":"cto-2014-doha","kind":"cto","ordinal":6,"date":"2014-12-06","city":"Doha","country":"QA","participants":15},"observations":[{"topic":"iot","lifecycle":"cto","meeting":"cto-2014-doha","status":"raised","qualifier":"agreed"}],"conclusions":[{"id":"doha-iot","meeting":"cto-2014-doha","number":"2","kind":"observation","text":"IoT needs common standards across sectors.","topics":["iot"],"note":"numbering as printed","uncertain":true,"date":"2014-12-06"}],"actions":[]}
# the topic's view lists the conclusions about it
$ cxotrack topic imt-2020
imt-2020: 5G / IMT-2020
aliases: 2020 network requirements

POINT             DATE        STATUS  MOVEMENT  QUALIFIER  SOURCES
cto-2013-bangkok  2013-11-18  raised  new       agreed

conclusions:
ID                   MEETING            DATE        KIND      TEXT
cto-2013-bangkok/5   cto-2013-bangkok   2013-11-18  priority  Network requirements for 2020 are a s…
cto-2015-budapest/1  cto-2015-budapest  2015-10-11            IMT-2020 work should go on in close c…
# conclusions are records: changed with set
$ cxotrack set conclusion cto-2013-bangkok/5 --kind decision
updated conclusion cto-2013-bangkok/5
$ cxotrack --json set conclusion cto-2013-bangkok/5 --topics imt-2020
{"id":"cto-2013-bangkok/5","meeting":"cto-2013-bangkok","number":"5","kind":"decision","text":"Network requirements for 2020 are a standardization priority.","topics":["imt-2020"]}
# a meeting is not deleted while conclusions refer to it (unless --cascade)
$ cxotrack delete meeting cto-2015-budapest
cxotrack: meeting "cto-2015-budapest" is referred to by 1 conclusion; delete them first, or cascade
[1]
$ cxotrack delete conclusion cto-2015-budapest/1
deleted conclusion cto-2015-budapest/1
$ cxotrack delete meeting cto-2015-budapest
deleted meeting cto-2015-budapest
# command-line errors
$ cxotrack conclude cto-2013-bangkok --text x
cxotrack conclude: needs MEETING and NUMBER
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclude cto-2013-bangkok 7
cxotrack conclude: needs --text
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclude cto-2013-bangkok 9 --text x --topics qos-qoe
cxotrack conclude: unknown option --topics
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclude cto-2013-bangkok 7 --text
cxotrack conclude: --text needs a value
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclude cto-2013-bangkok 9 --text x --id a --id b
cxotrack conclude: --id is given twice
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclusions cto-2013-bangkok cto-2014-doha
cxotrack conclusions: takes at most one meeting id
usage: cxotrack conclusions [MEETING] [--topic T] [--as-of P]
[2]
$ cxotrack conclusions --meeting cto-2013-bangkok
cxotrack conclusions: unknown option --meeting
usage: cxotrack conclusions [MEETING] [--topic T] [--as-of P]
[2]
$ cxotrack conclude --help
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]

record a conclusion of a meeting, as numbered in its communique

  --id ID                the conclusion's id (default MEETING/NUMBER)
  --topic T              a topic it is about (repeatable)
  --note T               a note
  --uncertain            a fact the sources only imply
  --source REF --url U   a source (repeatable, paired in order)
# sources pair in order; a source may have a url only
$ cxotrack --json conclude cto-2013-bangkok 7 --text 'Energy efficiency of ICT.' --url https://example.org/1 --url https://example.org/2 --source 'communique §7'
{"id":"cto-2013-bangkok/7","meeting":"cto-2013-bangkok","number":"7","text":"Energy efficiency of ICT.","sources":[{"ref":"communique §7","url":"https://example.org/1"},{"url":"https://example.org/2"}]}
# refused by the library
$ cxotrack conclude cto-2013-bangkok 3 --text 'again'
cxotrack: conclusion "cto-2013-bangkok/3" already exists
[1]
$ cxotrack conclude cto-2099 1 --text x
cxotrack: conclusion "cto-2099/1".meeting: there is no meeting "cto-2099"
[1]
$ cxotrack conclude cto-2013-bangkok 9 --text x --kind wish
cxotrack: conclusion "cto-2013-bangkok/9".kind: "wish" is not one of priority, request, recommendation, observation, decision
[1]
$ cxotrack conclude cto-2013-bangkok 9 --text x --topic quantum
cxotrack: conclusion "cto-2013-bangkok/9".topics[0]: there is no topic "quantum"
[1]
$ cxotrack conclude cto-2013-bangkok 9 --text x --id Bangkok-9
cxotrack: conclusion "Bangkok-9".id: "Bangkok-9" is not an id: it must start with a lower-case letter
[1]
$ cxotrack conclude cto-2013-bangkok 9 --text ''
cxotrack conclude: --text needs a value, not an empty one
usage: cxotrack conclude MEETING NUMBER --text T [--id ID] [--kind K] [--topic T...]
[2]
$ cxotrack conclusions cto-2099
cxotrack: meeting: there is no meeting "cto-2099"
[1]
$ cxotrack conclusions --topic quantum
cxotrack: topic: there is no topic "quantum"
[1]
$ cxotrack conclusions --as-of 2013-02-30
cxotrack: as of: "2013-02-30" is not a date (no such day in that month)
[1]
$ cxotrack --db missing.db conclusions
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was added by the failures
$ cxotrack conclusions cto-2013-bangkok
ID                  NUMBER  KIND      TOPICS    TEXT
cto-2013-bangkok/3  3       request   qos-qoe   Study QoS and QoE across fixed and mobile networks.
cto-2013-bangkok/5  5       decision  imt-2020  Network requirements for 2020 are a standardization…
cto-2013-bangkok/7  7                           Energy efficiency of ICT.
