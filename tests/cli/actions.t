# Actions and their follow-ups: `act`, `follow`, and the `actions` query with
# the status, age and overdue state the library derives. Meetings from
# ../shared/data/itu-facts.json; FG IMT-2020 was established in 2015-05.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA
added meeting cto-2014-doha
$ cxotrack add meeting cjk-2015-first --kind consultation --series 'TSB Director CJK CTO consultation' --ordinal 1 --date 2015 --uncertain
added meeting cjk-2015-first
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU
added meeting cto-2015-budapest
$ cxotrack add topic qos-qoe --title 'QoS/QoE fixed-mobile'
added topic qos-qoe
$ cxotrack add topic imt-2020 --title '5G / IMT-2020'
added topic imt-2020
$ cxotrack add topic iot --title 'Internet of Things'
added topic iot
$ cxotrack observe qos-qoe cto-2013-bangkok prioritized
qos-qoe at cto-2013-bangkok: prioritized
$ cxotrack observe imt-2020 cto-2013-bangkok raised
imt-2020 at cto-2013-bangkok: raised
$ cxotrack observe iot cto-2014-doha raised
iot at cto-2014-doha: raised
$ cxotrack observe imt-2020 cjk-2015-first prioritized
imt-2020 at cjk-2015-first: prioritized
$ cxotrack observe imt-2020 cto-2015-budapest in-progress
imt-2020 at cto-2015-budapest: in-progress
$ cxotrack conclude cto-2013-bangkok 3 --kind request --text 'Study QoS and QoE across fixed and mobile networks.' --topic qos-qoe
added conclusion cto-2013-bangkok/3
$ cxotrack conclude cto-2013-bangkok 5 --kind priority --text 'Network requirements for 2020 are a standardization priority.' --topic imt-2020
added conclusion cto-2013-bangkok/5
$ cxotrack conclude cto-2014-doha 4 --kind request --text 'Coordinate the IoT work of the study groups.' --topic iot
added conclusion cto-2014-doha/4
$ cxotrack act cto-2013-bangkok/3 sg12-qoe --owner SG12 --description 'Study QoE of fixed and mobile services' --due-meeting cto-2014-doha
added action sg12-qoe
$ cxotrack act cto-2013-bangkok/5 tsb-imt-2020 --owner TSB --description 'Propose how ITU-T organizes its IMT-2020 work' --due-date 2015 --source 'CTO meeting communique, 18 November 2013, Bangkok'
added action tsb-imt-2020
$ cxotrack --json act cto-2014-doha/4 tsag-iot --owner TSAG --description 'Coordinate IoT work across study groups' --note 'no due point given' --uncertain
{"id":"tsag-iot","conclusion":"cto-2014-doha/4","owner":"TSAG","description":"Coordinate IoT work across study groups","note":"no due point given","uncertain":true}
$ cxotrack follow sg12-qoe cto-2014-doha in-progress --note 'work item opened'
sg12-qoe at cto-2014-doha: in-progress
$ cxotrack follow tsb-imt-2020 --date 2015-05 done --note 'FG IMT-2020 established by SG13' --source 'TSB Director CJK CTO consultation communique' --url 'https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9'
tsb-imt-2020 at 2015-05: done
$ cxotrack --json follow tsag-iot cto-2015-budapest dropped
{"action":"tsag-iot","meeting":"cto-2015-budapest","status":"dropped"}
# now is cto-2015-budapest, the latest meeting with observations
$ cxotrack actions
ID            OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe      SG12   in-progress  cto-2014-doha    3  yes      Study QoE of fixed and mobile servic…
tsag-iot      TSAG   dropped                       2           Coordinate IoT work across study gro…
tsb-imt-2020  TSB    done         2015             3           Propose how ITU-T organizes its IMT-…
$ cxotrack actions --open
ID        OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe  SG12   in-progress  cto-2014-doha    3  yes      Study QoE of fixed and mobile services
$ cxotrack actions --overdue
ID        OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe  SG12   in-progress  cto-2014-doha    3  yes      Study QoE of fixed and mobile services
$ cxotrack actions --owner SG12
ID        OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe  SG12   in-progress  cto-2014-doha    3  yes      Study QoE of fixed and mobile services
$ cxotrack actions --status done
ID            OWNER  STATUS  DUE   AGE  DESCRIPTION
tsb-imt-2020  TSB    done    2015    3  Propose how ITU-T organizes its IMT-2020 work
$ cxotrack actions --meeting cto-2014-doha
ID        OWNER  STATUS   AGE  DESCRIPTION
tsag-iot  TSAG   dropped    2  Coordinate IoT work across study groups
$ cxotrack actions --topic imt-2020
ID            OWNER  STATUS  DUE   AGE  DESCRIPTION
tsb-imt-2020  TSB    done    2015    3  Propose how ITU-T organizes its IMT-2020 work
# as of an earlier point: later follow-ups and conclusions are ignored
$ cxotrack actions --as-of cto-2014-doha
ID            OWNER  STATUS       DUE            AGE  DESCRIPTION
sg12-qoe      SG12   in-progress  cto-2014-doha    1  Study QoE of fixed and mobile services
tsag-iot      TSAG   open                          0  Coordinate IoT work across study groups
tsb-imt-2020  TSB    open         2015             1  Propose how ITU-T organizes its IMT-2020 work
$ cxotrack actions --as-of 2014
ID            OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe      SG12   in-progress  cto-2014-doha    1  yes      Study QoE of fixed and mobile servic…
tsag-iot      TSAG   open                          0           Coordinate IoT work across study gro…
tsb-imt-2020  TSB    open         2015             1           Propose how ITU-T organizes its IMT-…
$ cxotrack actions --as-of cto-2013-bangkok
ID            OWNER  STATUS  DUE            AGE  DESCRIPTION
sg12-qoe      SG12   open    cto-2014-doha    0  Study QoE of fixed and mobile services
tsb-imt-2020  TSB    open    2015             0  Propose how ITU-T organizes its IMT-2020 work
# the age counts the tracked kinds of meeting only
$ cxotrack actions --kinds cto
ID            OWNER  STATUS       DUE            AGE  OVERDUE  DESCRIPTION
sg12-qoe      SG12   in-progress  cto-2014-doha    2  yes      Study QoE of fixed and mobile servic…
tsag-iot      TSAG   dropped                       1           Coordinate IoT work across study gro…
tsb-imt-2020  TSB    done         2015             2           Propose how ITU-T organizes its IMT-…
$ cxotrack actions --open --overdue --owner TSB
ID  OWNER  STATUS  DUE  AGE  OVERDUE  DESCRIPTION
$ cxotrack --json actions --overdue
[{"id":"sg12-qoe","conclusion":"cto-2013-bangkok/3","owner":"SG12","description":"Study QoE of fixed and mobile services","due_meeting":"cto-2014-doha","followups":[{"meeting":"cto-2014-doha","status":"in-progress","note":"work item opened"}],"meeting":"cto-2013-bangkok","status":"in-progress","age":3,"overdue":true}]
$ cxotrack --json actions --owner TSAG --as-of cto-2014-doha
[{"id":"tsag-iot","conclusion":"cto-2014-doha/4","owner":"TSAG","description":"Coordinate IoT work across study groups","note":"no due point given","uncertain":true,"meeting":"cto-2014-doha","status":"open","age":0,"overdue":false}]
# a meeting's view shows its conclusions with their actions
$ cxotrack meeting cto-2013-bangkok
cto-2013-bangkok
kind:         cto
ordinal:      5
date:         2013-11-18
place:        Bangkok, TH

topics discussed:
TOPIC     LIFECYCLE  STATUS       QUALIFIER
imt-2020  cto        raised       agreed
qos-qoe   cto        prioritized  agreed

conclusions:
NUMBER  ID                  KIND      TOPICS    TEXT
3       cto-2013-bangkok/3  request   qos-qoe   Study QoS and QoE across fixed and mobile networks.
5       cto-2013-bangkok/5  priority  imt-2020  Network requirements for 2020 are a standardization…

actions:
CONCLUSION  ID            OWNER  STATUS       DUE            OVERDUE  DESCRIPTION
3           sg12-qoe      SG12   in-progress  cto-2014-doha  yes      Study QoE of fixed and mobile…
5           tsb-imt-2020  TSB    done         2015                    Propose how ITU-T organizes i…
# follow-ups are records of their own, keyed by action and point
$ cxotrack follow sg12-qoe cto-2014-doha done
cxotrack: followup "sg12-qoe" "cto-2014-doha" already exists
(change it with `cxotrack set followup sg12-qoe cto-2014-doha --status done`)
[1]
$ cxotrack set followup sg12-qoe cto-2014-doha --status done --note 'Recommendation consented'
updated followup sg12-qoe cto-2014-doha
$ cxotrack --json set followup tsb-imt-2020 2015-05 --uncertain
{"action":"tsb-imt-2020","date":"2015-05","status":"done","note":"FG IMT-2020 established by SG13","uncertain":true,"sources":[{"ref":"TSB Director CJK CTO consultation communique","url":"https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9"}]}
$ cxotrack follow sg12-qoe cto-2015-budapest done
sg12-qoe at cto-2015-budapest: done
$ cxotrack actions --owner SG12
ID        OWNER  STATUS  DUE            AGE  DESCRIPTION
sg12-qoe  SG12   done    cto-2014-doha    3  Study QoE of fixed and mobile services
$ cxotrack delete followup sg12-qoe cto-2015-budapest
deleted followup sg12-qoe cto-2015-budapest
$ cxotrack --json set action sg12-qoe --due-meeting '' --due-date 2014
{"id":"sg12-qoe","conclusion":"cto-2013-bangkok/3","owner":"SG12","description":"Study QoE of fixed and mobile services","due_date":"2014","followups":[{"meeting":"cto-2014-doha","status":"done","note":"Recommendation consented"}]}
# command-line errors
$ cxotrack act cto-2013-bangkok/3 --owner SG12 --description x
cxotrack act: needs CONCLUSION and ID
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]
[2]
$ cxotrack act cto-2013-bangkok/3 sg12-x --description x
cxotrack act: needs --owner and --description
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]
[2]
$ cxotrack act cto-2013-bangkok/3 sg12-x --owner '' --description x
cxotrack act: --owner needs a value, not an empty one
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]
[2]
$ cxotrack act cto-2013-bangkok/3 sg12-x --owner SG12 --description x --due-meeting cto-2014-doha --due-date 2014
cxotrack act: give --due-meeting or --due-date, not both
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]
[2]
$ cxotrack act cto-2013-bangkok/3 sg12-x --owner SG12 --description x --due cto-2014-doha
cxotrack act: unknown option --due
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]
[2]
$ cxotrack follow sg12-qoe done
cxotrack follow: needs ACTION, MEETING and STATUS
usage: cxotrack follow ACTION (MEETING | --date D) STATUS [--note T]
[2]
$ cxotrack follow sg12-qoe cto-2014-doha done --date 2014-12
cxotrack follow: with --date, needs ACTION and STATUS
usage: cxotrack follow ACTION (MEETING | --date D) STATUS [--note T]
[2]
$ cxotrack follow sg12-qoe cto-2014-doha done --priority high
cxotrack follow: unknown option --priority
usage: cxotrack follow ACTION (MEETING | --date D) STATUS [--note T]
[2]
$ cxotrack actions open
cxotrack actions: takes no arguments
usage: cxotrack actions [--open] [--overdue] [--owner X] [--status S] [--meeting M] [--topic T] [--as-of P] [--kinds K,...]
[2]
$ cxotrack actions --open=yes
cxotrack actions: --open takes no value
usage: cxotrack actions [--open] [--overdue] [--owner X] [--status S] [--meeting M] [--topic T] [--as-of P] [--kinds K,...]
[2]
$ cxotrack actions --owner
cxotrack actions: --owner needs a value
usage: cxotrack actions [--open] [--overdue] [--owner X] [--status S] [--meeting M] [--topic T] [--as-of P] [--kinds K,...]
[2]
$ cxotrack act --help
usage: cxotrack act CONCLUSION ID --owner O --description T [--due-meeting M | --due-date D]

record an action that a conclusion asks for

  --due-meeting M        the meeting it is due at, or...
  --due-date D           ...the date it is due by
  --note T               a note
  --uncertain            a fact the sources only imply
  --source REF --url U   a source (repeatable, paired in order)
$ cxotrack follow --help
usage: cxotrack follow ACTION (MEETING | --date D) STATUS [--note T]

record where an action stood at a meeting or on a date

  --uncertain            a fact the sources only imply
  --source REF --url U   a source (repeatable, paired in order)
$ cxotrack actions --help
usage: cxotrack actions [--open] [--overdue] [--owner X] [--status S] [--meeting M] [--topic T] [--as-of P] [--kinds K,...]

list actions with their status, age and whether they are overdue

  --open          only those open or in progress
  --overdue       only those overdue
  --owner X       only those owned by X (TSB, TSAG, SG13...)
  --status S      only those whose status is S
  --meeting M     only those of M's conclusions
  --topic T       only those of conclusions about T
  --as-of P       status, age and overdue as known at P (a meeting id or a date)
  --kinds K,...   meeting kinds that count towards the age
                  (default cto,cxo,consultation,workshop)
# refused by the library
$ cxotrack act cto-2099/1 x-1 --owner TSB --description x
cxotrack: action "x-1".conclusion: there is no conclusion "cto-2099/1"
[1]
$ cxotrack act cto-2013-bangkok/3 sg12-qoe --owner SG12 --description 'the same id again'
cxotrack: action "sg12-qoe" already exists
[1]
$ cxotrack act cto-2013-bangkok/3 sg12-x --owner SG12 --description x --due-meeting cto-2099
cxotrack: action "sg12-x".due_meeting: there is no meeting "cto-2099"
[1]
$ cxotrack act cto-2013-bangkok/3 sg12-x --owner SG12 --description x --due-date 2014-02-30
cxotrack: action "sg12-x".due_date: "2014-02-30" is not a date (no such day in that month)
[1]
$ cxotrack act cto-2013-bangkok/3 SG12 --owner SG12 --description x
cxotrack: action "SG12".id: "SG12" is not an id: it must start with a lower-case letter
[1]
$ cxotrack follow sg99 cto-2014-doha done
cxotrack: followup "sg99" "cto-2014-doha".action: there is no action "sg99"
[1]
$ cxotrack follow sg12-qoe cto-2015-budapest finished
cxotrack: followup "sg12-qoe" "cto-2015-budapest".status: "finished" is not one of open, in-progress, done, dropped, superseded
[1]
$ cxotrack follow sg12-qoe cto-2099 done
cxotrack: followup "sg12-qoe" "cto-2099".meeting: there is no meeting "cto-2099"
[1]
$ cxotrack follow sg12-qoe --date 2013-02 done
cxotrack: followup "sg12-qoe" "2013-02".date: 2013-02 is before the action's conclusion (at cto-2013-bangkok)
[1]
$ cxotrack follow tsag-iot cto-2013-bangkok open
cxotrack: followup "tsag-iot" "cto-2013-bangkok".meeting: cto-2013-bangkok is before the action's conclusion (at cto-2014-doha)
[1]
$ cxotrack actions --status finished
cxotrack: status: "finished" is not an action status (open, in-progress, done, dropped, superseded)
[1]
$ cxotrack actions --as-of cto-2099
cxotrack: as of: there is no meeting "cto-2099"
[1]
$ cxotrack actions --kinds cto,board
cxotrack: kinds: "board" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)
[1]
$ cxotrack --db missing.db actions
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was added by the failures
$ cxotrack actions
ID            OWNER  STATUS   DUE   AGE  DESCRIPTION
sg12-qoe      SG12   done     2014    3  Study QoE of fixed and mobile services
tsag-iot      TSAG   dropped          2  Coordinate IoT work across study groups
tsb-imt-2020  TSB    done     2015    3  Propose how ITU-T organizes its IMT-2020 work
