# Meetings and topics recorded from the command line, with real facts from
# ../shared/data/itu-facts.json.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH --participants 23 --source 'CTO meeting communique, 18 November 2013, Bangkok' --url 'https://studylib.net/doc/12905755/cto-meeting-communiqu%C3%A9-18-november-2013-bangkok--thailand'
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA --participants 15
added meeting cto-2014-doha
$ cxotrack add meeting cjk-2015-first --kind consultation --series 'TSB Director CJK CTO consultation' --ordinal 1 --date 2015 --uncertain --note 'known only from the 2016 Seoul communique'
added meeting cjk-2015-first
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU --participants 14 --agenda imt-2020,iot --agenda open-source
added meeting cto-2015-budapest
$ cxotrack meetings
ID                 KIND          DATE        PLACE         PARTICIPANTS  TOPICS
cto-2013-bangkok   cto           2013-11-18  Bangkok, TH             23       0
cto-2014-doha      cto           2014-12-06  Doha, QA                15       0
cjk-2015-first     consultation  2015                                         0
cto-2015-budapest  cto           2015-10-11  Budapest, HU            14       0
$ cxotrack meetings --kinds consultation
ID              KIND          DATE  TOPICS
cjk-2015-first  consultation  2015       0
$ cxotrack meeting cjk-2015-first
cjk-2015-first
kind:         consultation
series:       TSB Director CJK CTO consultation
ordinal:      1
date:         2015
note:         known only from the 2016 Seoul communique
uncertain:    yes (the sources only imply it)
$ cxotrack --json meeting cto-2014-doha
{"meeting":{"id":"cto-2014-doha","kind":"cto","ordinal":6,"date":"2014-12-06","city":"Doha","country":"QA","participants":15},"observations":[],"conclusions":[],"actions":[]}
$ cxotrack add topic imt-2020 --title '5G / IMT-2020' --aliases 5G --aliases IMT-2020 --tags mobile
added topic imt-2020
$ cxotrack --json add topic iot --title 'Internet of Things' --aliases IoT
{"id":"iot","title":"Internet of Things","aliases":["IoT"]}
$ cxotrack set topic iot --description 'IoT and smart sustainable cities' --tags iot,cities
updated topic iot
$ cxotrack set meeting cto-2014-doha --participants '' --host 'Ooredoo'
updated meeting cto-2014-doha
$ cxotrack meeting cto-2014-doha
cto-2014-doha
kind:         cto
ordinal:      6
date:         2014-12-06
place:        Doha, QA
host:         Ooredoo
# errors name the record and the field
$ cxotrack add meeting cto-2016-bangkok --kind cto --date 2016-13-13
cxotrack: meeting "cto-2016-bangkok".date: "2016-13-13" is not a date (month must be 01 to 12)
[1]
$ cxotrack add meeting cto-2016-bangkok --kind CTO --date 2016-11-13
cxotrack: meeting "cto-2016-bangkok".kind: "CTO" is not one of cto, cxo, consultation, workshop, tsag, wtsa, other
[1]
$ cxotrack add meeting cto-2016-bangkok --kind cto --date 2016-11-13 --country Thailand
cxotrack: meeting "cto-2016-bangkok".country: "Thailand" is not a country code (ISO 3166-1 alpha-2, upper case: "TH")
[1]
$ cxotrack add meeting cto-2016-bangkok --kind cto
cxotrack: meeting "cto-2016-bangkok".date: a value is required
[1]
$ cxotrack add meeting cto-2016-bangkok --kind cto --date 2016-11-13 --participants many
cxotrack add: --participants takes an integer, not "many"
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add meeting cto-2016-bangkok --kind cto --date 2016-11-13 --colour blue
cxotrack add: a meeting has no field --colour (fields: --kind --series --ordinal --date --end-date --city --country --host --participants --agenda --note --uncertain --source --url)
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add meeting Bangkok --kind cto --date 2016-11-13
cxotrack: meeting "Bangkok".id: "Bangkok" is not an id: it must start with a lower-case letter
[1]
$ cxotrack add meeting cto-2013-bangkok --kind cto --date 2013-11-18
cxotrack: meeting "cto-2013-bangkok" already exists
[1]
$ cxotrack add topic quantum
cxotrack: topic "quantum".title: a value is required
[1]
$ cxotrack set topic quantum --title Quantum
cxotrack: topic "quantum" does not exist
[1]
$ cxotrack add observation x
cxotrack add: an observation has no id; make one with `cxotrack observe`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
# any kind of record with an id is added the same way; the others have
# commands of their own
$ cxotrack add conclusion cto-2013-bangkok/3 --meeting cto-2013-bangkok --number 3 --kind request --topics imt-2020 --source 'CTO meeting communique, 18 November 2013, Bangkok'
added conclusion cto-2013-bangkok/3
$ cxotrack --json add action tsb-1 --conclusion cto-2013-bangkok/3 --owner TSB --due-meeting cto-2014-doha
{"id":"tsb-1","conclusion":"cto-2013-bangkok/3","owner":"TSB","due_meeting":"cto-2014-doha"}
$ cxotrack add followup tsb-1
cxotrack add: a followup has no id; make one with `cxotrack follow`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add link imt-2020 --registry fg --item fg-imt2020
cxotrack add: a link has no id; make one with `cxotrack link`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add relation imt-2020
cxotrack add: a relation has no id; make one with `cxotrack relate`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add widget w1
cxotrack add: "widget" is not a kind of record (meeting, topic, lifecycle, observation, conclusion, action, followup, registry, item, link, relation, organization, attendance)
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add conclusion cto-2013-bangkok/4 --meeting cto-2013-bangkok --actions tsb-2
cxotrack add: --actions cannot be given on the command line; use `cxotrack import`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add lifecycle x --statuses y
cxotrack add: --statuses cannot be given on the command line; use `cxotrack import`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
