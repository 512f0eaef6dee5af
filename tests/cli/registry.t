# Registries, their items and the topics linked to them: a topic's items, an
# item's topics, and the items no topic links to. Focus Groups and
# Recommendation ITU-T Y.3172 from ../shared/data/itu-facts.json.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU
added meeting cto-2015-budapest
$ cxotrack add meeting cto-2017-busan --kind cto --ordinal 9 --date 2017-09 --city Busan --country KR --uncertain
added meeting cto-2017-busan
$ cxotrack add topic imt-2020 --title '5G / IMT-2020'
added topic imt-2020
$ cxotrack add topic ml-networks --title 'AI/ML in networks' --aliases 'network automation'
added topic ml-networks
$ cxotrack add topic quantum --title 'Quantum information technology'
added topic quantum
$ cxotrack observe imt-2020 cto-2015-budapest in-progress
imt-2020 at cto-2015-budapest: in-progress
$ cxotrack observe ml-networks cto-2017-busan raised
ml-networks at cto-2017-busan: raised
# a registry's --url is its own field (registries carry no sources)
$ cxotrack add registry fg --title 'ITU-T Focus Groups' --url https://www.itu.int/en/ITU-T/focusgroups
added registry fg
$ cxotrack add registry rec --title 'ITU-T Recommendations'
added registry rec
$ cxotrack --json add registry res22 --title 'TSAG new and emerging technologies (WTSA Resolution 22)' --note 'no numbered list found: item ids are opaque'
{"id":"res22","title":"TSAG new and emerging technologies (WTSA Resolution 22)","note":"no numbered list found: item ids are opaque"}
$ cxotrack add item fg-imt2020 --registry fg --title 'Focus Group on IMT-2020'
added item fg fg-imt2020
$ cxotrack add item fg-ml5g --registry fg --title 'Focus Group on Machine Learning for Future Networks including 5G'
added item fg fg-ml5g
$ cxotrack add item fg-qit4n --registry fg --title 'Focus Group on Quantum Information Technology for Networks'
added item fg fg-qit4n
# item ids are the registry's own: any text
$ cxotrack --json add item Y.3172 --registry rec --title 'Architectural framework for machine learning in future networks including IMT-2020'
{"registry":"rec","id":"Y.3172","title":"Architectural framework for machine learning in future networks including IMT-2020"}
$ cxotrack add item 'FG DLT (TSAG, 2017-05)' --registry res22 --uncertain
added item res22 FG DLT (TSAG, 2017-05)
$ cxotrack link imt-2020 fg fg-imt2020 --relation led-to --since 2015-05 --source 'TSB Director CJK CTO consultation communique' --url 'https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9'
added link imt-2020 fg fg-imt2020
$ cxotrack link ml-networks fg fg-ml5g --relation led-to --since 2017-11 --note 'an inference from the Busan call for study' --uncertain
added link ml-networks fg fg-ml5g
$ cxotrack --json link ml-networks rec Y.3172 --relation partially-covers --since 2019-06 --source 'IETF liaison statement 1650 (FG ML5G deliverable approved as Y.3172)' --url https://datatracker.ietf.org/liaison/1650/
{"topic":"ml-networks","registry":"rec","item":"Y.3172","relation":"partially-covers","since":"2019-06","sources":[{"ref":"IETF liaison statement 1650 (FG ML5G deliverable approved as Y.3172)","url":"https://datatracker.ietf.org/liaison/1650/"}]}
$ cxotrack link quantum fg fg-qit4n --since 2019-09
added link quantum fg fg-qit4n
$ cxotrack registries
ID     TITLE                                                URL
fg     ITU-T Focus Groups                                   https://www.itu.int/en/ITU-T/focusgroups
rec    ITU-T Recommendations
res22  TSAG new and emerging technologies (WTSA Resolutio…
$ cxotrack --json registries
[{"id":"fg","title":"ITU-T Focus Groups","url":"https://www.itu.int/en/ITU-T/focusgroups"},{"id":"rec","title":"ITU-T Recommendations"},{"id":"res22","title":"TSAG new and emerging technologies (WTSA Resolution 22)","note":"no numbered list found: item ids are opaque"}]
$ cxotrack items
REGISTRY  ID                      TOPICS  TITLE
fg        fg-imt2020                   1  Focus Group on IMT-2020
fg        fg-ml5g                      1  Focus Group on Machine Learning for Future Networks inclu…
fg        fg-qit4n                     1  Focus Group on Quantum Information Technology for Networks
rec       Y.3172                       1  Architectural framework for machine learning in future ne…
res22     FG DLT (TSAG, 2017-05)       0
$ cxotrack items --registry fg
REGISTRY  ID          TOPICS  TITLE
fg        fg-imt2020       1  Focus Group on IMT-2020
fg        fg-ml5g          1  Focus Group on Machine Learning for Future Networks including 5G
fg        fg-qit4n         1  Focus Group on Quantum Information Technology for Networks
$ cxotrack items --unlinked
REGISTRY  ID                      TOPICS
res22     FG DLT (TSAG, 2017-05)       0
# as of 2018 the Y.3172 and FG QIT4N links do not hold yet
$ cxotrack items --as-of 2018
REGISTRY  ID                      TOPICS  TITLE
fg        fg-imt2020                   1  Focus Group on IMT-2020
fg        fg-ml5g                      1  Focus Group on Machine Learning for Future Networks inclu…
fg        fg-qit4n                     0  Focus Group on Quantum Information Technology for Networks
rec       Y.3172                       0  Architectural framework for machine learning in future ne…
res22     FG DLT (TSAG, 2017-05)       0
$ cxotrack items --unlinked --as-of 2018
REGISTRY  ID                      TOPICS  TITLE
fg        fg-qit4n                     0  Focus Group on Quantum Information Technology for Networks
rec       Y.3172                       0  Architectural framework for machine learning in future ne…
res22     FG DLT (TSAG, 2017-05)       0
$ cxotrack --json items --registry rec
[{"registry":"rec","id":"Y.3172","title":"Architectural framework for machine learning in future networks including IMT-2020","status":null,"topics":1}]
# a topic's items, an item's topics
$ cxotrack links
TOPIC        REGISTRY  ITEM        RELATION          SINCE    TITLE
imt-2020     fg        fg-imt2020  led-to            2015-05  Focus Group on IMT-2020
ml-networks  fg        fg-ml5g     led-to            2017-11  Focus Group on Machine Learning for F…
ml-networks  rec       Y.3172      partially-covers  2019-06  Architectural framework for machine l…
quantum      fg        fg-qit4n    related           2019-09  Focus Group on Quantum Information Te…
$ cxotrack links --topic ml-networks
TOPIC        REGISTRY  ITEM     RELATION          SINCE    TITLE
ml-networks  fg        fg-ml5g  led-to            2017-11  Focus Group on Machine Learning for Futu…
ml-networks  rec       Y.3172   partially-covers  2019-06  Architectural framework for machine lear…
$ cxotrack links --registry rec --item Y.3172
TOPIC        REGISTRY  ITEM    RELATION          SINCE    TITLE
ml-networks  rec       Y.3172  partially-covers  2019-06  Architectural framework for machine learn…
$ cxotrack links --registry fg --as-of cto-2017-busan
TOPIC     REGISTRY  ITEM        RELATION  SINCE    TITLE
imt-2020  fg        fg-imt2020  led-to    2015-05  Focus Group on IMT-2020
$ cxotrack links --topic quantum --as-of 2019-08
TOPIC  REGISTRY  ITEM  RELATION  SINCE  TITLE
$ cxotrack --json links --registry fg --item fg-ml5g
[{"topic":"ml-networks","registry":"fg","item":"fg-ml5g","relation":"led-to","since":"2017-11","note":"an inference from the Busan call for study","uncertain":true,"title":"Focus Group on Machine Learning for Future Networks including 5G"}]
# the topic's view lists its links
$ cxotrack topic ml-networks
ml-networks: AI/ML in networks
aliases: network automation

POINT           DATE     STATUS  MOVEMENT  QUALIFIER  SOURCES
cto-2017-busan  2017-09  raised  new       agreed

links:
REGISTRY  ITEM     RELATION          SINCE    TITLE
fg        fg-ml5g  led-to            2017-11  Focus Group on Machine Learning for Future Networks i…
rec       Y.3172   partially-covers  2019-06  Architectural framework for machine learning in futur…
$ cxotrack --json topic imt-2020
{"topic":{"id":"imt-2020","title":"5G / IMT-2020","links":[{"registry":"fg","item":"fg-imt2020","relation":"led-to","since":"2015-05","sources":[{"ref":"TSB Director CJK CTO consultation communique","url":"https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9"}]}]},"history":[{"topic":"imt-2020","lifecycle":"cto","point":"cto-2015-budapest","meeting":"cto-2015-budapest","date":"2015-10-11","kind":"cto","status":"in-progress","rank":4,"terminal":false,"movement":"new","allowed":true,"gaps":[],"qualifier":"agreed","priority":null,"note":null,"uncertain":false,"sources":[],"inherited":false}],"relations":[],"links":[{"topic":"imt-2020","registry":"fg","item":"fg-imt2020","relation":"led-to","since":"2015-05","sources":[{"ref":"TSB Director CJK CTO consultation communique","url":"https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9"}],"title":"Focus Group on IMT-2020"}],"conclusions":[]}
# links and items are records: changed with set, deleted with delete
$ cxotrack set link quantum fg fg-qit4n --relation maps-to --uncertain
updated link quantum fg fg-qit4n
$ cxotrack set item rec Y.3172 --url https://www.itu.int/rec/T-REC-Y.3172
updated item rec Y.3172
$ cxotrack delete registry fg
cxotrack: registry "fg" is referred to by 3 items; delete them first, or cascade
[1]
$ cxotrack delete item fg fg-qit4n
cxotrack: item "fg" "fg-qit4n" is referred to by 1 link; delete them first, or cascade
[1]
$ cxotrack delete item fg fg-qit4n --cascade
deleted item fg fg-qit4n
$ cxotrack delete link ml-networks rec Y.3172
deleted link ml-networks rec Y.3172
$ cxotrack delete link ml-networks rec
cxotrack delete: the key of a link has 3 parts
usage: cxotrack delete KIND KEY... [--cascade]
[2]
$ cxotrack links
TOPIC        REGISTRY  ITEM        RELATION  SINCE    TITLE
imt-2020     fg        fg-imt2020  led-to    2015-05  Focus Group on IMT-2020
ml-networks  fg        fg-ml5g     led-to    2017-11  Focus Group on Machine Learning for Future Ne…
# command-line errors
$ cxotrack link ml-networks fg
cxotrack link: needs TOPIC, REGISTRY and ITEM
usage: cxotrack link TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]
[2]
$ cxotrack link ml-networks fg fg-ml5g extra
cxotrack link: needs TOPIC, REGISTRY and ITEM
usage: cxotrack link TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]
[2]
$ cxotrack link ml-networks fg fg-ml5g --relation
cxotrack link: --relation needs a value
usage: cxotrack link TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]
[2]
$ cxotrack link ml-networks fg fg-ml5g --title x
cxotrack link: unknown option --title
usage: cxotrack link TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]
[2]
$ cxotrack links --item Y.3172
cxotrack links: --item needs --registry (item ids are the registry's own)
usage: cxotrack links [--topic T] [--registry R [--item I]] [--as-of P]
[2]
$ cxotrack links ml-networks
cxotrack links: takes no arguments
usage: cxotrack links [--topic T] [--registry R [--item I]] [--as-of P]
[2]
$ cxotrack items fg
cxotrack items: takes no arguments
usage: cxotrack items [--registry R] [--unlinked] [--as-of P]
[2]
$ cxotrack items --unlinked=no
cxotrack items: --unlinked takes no value
usage: cxotrack items [--registry R] [--unlinked] [--as-of P]
[2]
$ cxotrack registries fg
cxotrack registries: takes no arguments
usage: cxotrack registries
[2]
$ cxotrack add registry iso --title ISO --source 'ISO home page'
cxotrack add: this kind of record has no sources
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add item Y.3173 --registry rec --statuses approved
cxotrack add: --statuses cannot be given on the command line; use `cxotrack import`
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack add item Y.3174 --title 'no registry'
cxotrack add: an item needs --registry (a part of its key)
usage: cxotrack add KIND ID [--FIELD VALUE...]
[2]
$ cxotrack link --help
usage: cxotrack link TOPIC REGISTRY ITEM [--relation R] [--since P] [--note T]

link a topic to a registry item

  --since P              the link holds from P (a meeting id or a date)
  --uncertain            a fact the sources only imply
  --source REF --url U   a source (repeatable, paired in order)
$ cxotrack links --help
usage: cxotrack links [--topic T] [--registry R [--item I]] [--as-of P]

list the links from topics to registry items: a topic's items, an item's topics

  --topic T                  only the links of topic T
  --registry R [--item I]    only the links to registry R, or to its item I
  --as-of P                  ignore what is dated after P (a meeting id or a date)
$ cxotrack items --help
usage: cxotrack items [--registry R] [--unlinked] [--as-of P]

list registry items with their status and how many topics link to them

  --registry R   only the items of registry R
  --unlinked     only the items no topic links to
  --as-of P      ignore what is dated after P (a meeting id or a date)
# refused by the library
$ cxotrack link ml-networks fg fg-ml5g
cxotrack: link "ml-networks" "fg" "fg-ml5g" already exists
[1]
$ cxotrack link quantm fg fg-imt2020
cxotrack: link "quantm" "fg" "fg-imt2020".topic: there is no topic "quantm"
[1]
$ cxotrack link quantum fg fg-quantum
cxotrack: link "quantum" "fg" "fg-quantum".item: there is no item "fg-quantum" in registry "fg"
[1]
$ cxotrack link quantum iso fg-imt2020
cxotrack: link "quantum" "iso" "fg-imt2020".item: there is no item "fg-imt2020" in registry "iso"
[1]
$ cxotrack link quantum fg fg-imt2020 --relation inspired
cxotrack: link "quantum" "fg" "fg-imt2020".relation: "inspired" is not one of maps-to, partially-covers, led-to, related
[1]
$ cxotrack link quantum fg fg-imt2020 --since cto-2099
cxotrack: link "quantum" "fg" "fg-imt2020".since: there is no meeting "cto-2099"
[1]
$ cxotrack link quantum fg fg-imt2020 --since 2019-13
cxotrack: link "quantum" "fg" "fg-imt2020".since: "2019-13" is not a date (month must be 01 to 12)
[1]
$ cxotrack add item Y.3174 --registry recs
cxotrack: item "recs" "Y.3174".registry: there is no registry "recs"
[1]
$ cxotrack add item Y.3172 --registry rec
cxotrack: item "rec" "Y.3172" already exists
[1]
$ cxotrack add registry Rec
cxotrack: registry "Rec".id: "Rec" is not an id: it must start with a lower-case letter
[1]
$ cxotrack items --registry recs
cxotrack: registry: there is no registry "recs"
[1]
$ cxotrack items --as-of cto-2099
cxotrack: as of: there is no meeting "cto-2099"
[1]
$ cxotrack links --topic quantm
cxotrack: topic: there is no topic "quantm"
[1]
$ cxotrack --db missing.db registries
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was added by the failures
$ cxotrack links
TOPIC        REGISTRY  ITEM        RELATION  SINCE    TITLE
imt-2020     fg        fg-imt2020  led-to    2015-05  Focus Group on IMT-2020
ml-networks  fg        fg-ml5g     led-to    2017-11  Focus Group on Machine Learning for Future Ne…
$ cxotrack items
REGISTRY  ID                      TOPICS  TITLE
fg        fg-imt2020                   1  Focus Group on IMT-2020
fg        fg-ml5g                      1  Focus Group on Machine Learning for Future Networks inclu…
rec       Y.3172                       0  Architectural framework for machine learning in future ne…
res22     FG DLT (TSAG, 2017-05)       0
