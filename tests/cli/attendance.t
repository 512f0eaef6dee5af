# Organizations and who attended which meeting (`add organization`,
# `organizations`, `attend`), shown in the meeting's view. Hosts from
# ../shared/data/itu-facts.json: Tunisie Telecom hosted the 2016 Hammamet CxO
# meeting, TTC the 2020 CJK consultation, and Nokia led the 2024 industry
# engagement workshop's steering committee.
$ cxotrack init
created test.db
$ cxotrack add meeting cxo-2016-hammamet --kind cxo --date 2016-10-23 --city Hammamet --country TN --participants 24 --host 'Tunisie Télécom'
added meeting cxo-2016-hammamet
$ cxotrack add meeting cjk-tokyo --kind consultation --series 'CJK CTO consultation' --date 2020-05 --city Tokyo --country JP --host TTC --uncertain
added meeting cjk-tokyo
$ cxotrack add meeting iew-2024-geneva --kind workshop --date 2024-04-19 --city Geneva --country CH
added meeting iew-2024-geneva
$ cxotrack add organization tunisie-telecom --name 'Tunisie Télécom' --country TN --region africa --kind operator --developing
added organization tunisie-telecom
$ cxotrack add organization ttc --name 'Telecommunication Technology Committee' --country JP --region asia-pacific --kind sdo
added organization ttc
$ cxotrack --json add organization nokia --name Nokia --country FI --region europe --kind vendor --sme false
{"id":"nokia","name":"Nokia","country":"FI","region":"europe","kind":"vendor","sme":false,"developing":false}
$ cxotrack add organization example-sme --name 'An SME' --kind service-provider --sme --note 'for the test'
added organization example-sme
$ cxotrack organizations
ID               COUNTRY  REGION        KIND              SME  DEVELOPING  NAME
example-sme                             service-provider  yes              An SME
nokia            FI       europe        vendor                             Nokia
ttc              JP       asia-pacific  sdo                                Telecommunication Techno…
tunisie-telecom  TN       africa        operator               yes         Tunisie Télécom
$ cxotrack --json organizations
[{"id":"example-sme","name":"An SME","kind":"service-provider","sme":true,"developing":false,"note":"for the test"},{"id":"nokia","name":"Nokia","country":"FI","region":"europe","kind":"vendor","sme":false,"developing":false},{"id":"ttc","name":"Telecommunication Technology Committee","country":"JP","region":"asia-pacific","kind":"sdo","sme":false,"developing":false},{"id":"tunisie-telecom","name":"Tunisie Télécom","country":"TN","region":"africa","kind":"operator","sme":false,"developing":true}]
$ cxotrack attend cxo-2016-hammamet tunisie-telecom --role cxo --note host
added attendance cxo-2016-hammamet tunisie-telecom
$ cxotrack attend cjk-tokyo ttc --role delegate --note host --uncertain
added attendance cjk-tokyo ttc
$ cxotrack --json attend iew-2024-geneva nokia --role delegate --note 'lead of the TSAG steering committee'
{"meeting":"iew-2024-geneva","organization":"nokia","role":"delegate","note":"lead of the TSAG steering committee"}
$ cxotrack attend iew-2024-geneva example-sme
added attendance iew-2024-geneva example-sme
$ cxotrack meeting iew-2024-geneva
iew-2024-geneva
kind:         workshop
date:         2024-04-19
place:        Geneva, CH

attendance:
ORGANIZATION  ROLE      NAME    NOTE
example-sme             An SME
nokia         delegate  Nokia   lead of the TSAG steering committee
$ cxotrack meeting cxo-2016-hammamet
cxo-2016-hammamet
kind:         cxo
date:         2016-10-23
place:        Hammamet, TN
host:         Tunisie Télécom
participants: 24

attendance:
ORGANIZATION     ROLE  NAME             NOTE
tunisie-telecom  cxo   Tunisie Télécom  host
$ cxotrack --json meeting cjk-tokyo
{"meeting":{"id":"cjk-tokyo","kind":"consultation","series":"CJK CTO consultation","date":"2020-05","city":"Tokyo","country":"JP","host":"TTC","uncertain":true,"attendance":[{"organization":"ttc","role":"delegate","note":"host","uncertain":true}]},"observations":[],"conclusions":[],"actions":[]}
# attendance is a record: changed with set, deleted with delete
$ cxotrack set attendance iew-2024-geneva example-sme --role cto
updated attendance iew-2024-geneva example-sme
$ cxotrack delete attendance iew-2024-geneva example-sme
deleted attendance iew-2024-geneva example-sme
$ cxotrack delete organization nokia
cxotrack: organization "nokia" is referred to by 1 attendance record; delete them first, or cascade
[1]
$ cxotrack delete organization nokia --cascade
deleted organization nokia
$ cxotrack meeting iew-2024-geneva
iew-2024-geneva
kind:         workshop
date:         2024-04-19
place:        Geneva, CH
# command-line errors
$ cxotrack attend iew-2024-geneva
cxotrack attend: needs MEETING and ORG
usage: cxotrack attend MEETING ORG [--role R]
[2]
$ cxotrack attend iew-2024-geneva nokia ttc
cxotrack attend: needs MEETING and ORG
usage: cxotrack attend MEETING ORG [--role R]
[2]
$ cxotrack attend iew-2024-geneva ttc --role
cxotrack attend: --role needs a value
usage: cxotrack attend MEETING ORG [--role R]
[2]
$ cxotrack attend iew-2024-geneva ttc --source 'a source'
cxotrack attend: unknown option --source
usage: cxotrack attend MEETING ORG [--role R]
[2]
$ cxotrack organizations nokia
cxotrack organizations: takes no arguments
usage: cxotrack organizations
[2]
$ cxotrack organizations --json
cxotrack organizations: unknown option --json
usage: cxotrack organizations
[2]
$ cxotrack add organization acme --name Acme --colour red
cxotrack add: an organization has no field --colour (fields: --name --country --region --kind --sme --developing --note --uncertain)
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add organization acme --name Acme --sme maybe
cxotrack add: --sme takes true or false, not "maybe"
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add organization acme --name Acme --url https://example.org
cxotrack add: an organization has no field --url (fields: --name --country --region --kind --sme --developing --note --uncertain)
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add attendance iew-2024-geneva --organization ttc
cxotrack add: an attendance has no id; make one with `cxotrack attend`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack attend --help
usage: cxotrack attend MEETING ORG [--role R]

record that an organization attended a meeting

  --note T               a note
  --uncertain            a fact the sources only imply
# refused by the library
$ cxotrack attend cxo-2016-hammamet tunisie-telecom
cxotrack: attendance "cxo-2016-hammamet" "tunisie-telecom" already exists
[1]
$ cxotrack attend iew-2024-geneva nokia
cxotrack: attendance "iew-2024-geneva" "nokia".organization: there is no organization "nokia"
[1]
$ cxotrack attend iew-2099 ttc
cxotrack: attendance "iew-2099" "ttc".meeting: there is no meeting "iew-2099"
[1]
$ cxotrack attend iew-2024-geneva ttc --role chair
cxotrack: attendance "iew-2024-geneva" "ttc".role: "chair" is not one of cto, cxo, delegate
[1]
$ cxotrack add organization acme
cxotrack: organization "acme".name: a value is required
[1]
$ cxotrack add organization acme --name Acme --country FIN
cxotrack: organization "acme".country: "FIN" is not a country code (ISO 3166-1 alpha-2, upper case: "TH")
[1]
$ cxotrack add organization acme --name Acme --region asia
cxotrack: organization "acme".region: "asia" is not one of africa, americas, arab-states, asia-pacific, cis, europe
[1]
$ cxotrack add organization ttc --name TTC
cxotrack: organization "ttc" already exists
[1]
$ cxotrack --db missing.db organizations
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was added by the failures
$ cxotrack organizations
ID               COUNTRY  REGION        KIND              SME  DEVELOPING  NAME
example-sme                             service-provider  yes              An SME
ttc              JP       asia-pacific  sdo                                Telecommunication Techno…
tunisie-telecom  TN       africa        operator               yes         Tunisie Télécom
