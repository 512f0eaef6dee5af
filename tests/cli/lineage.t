# Lineage: topics renamed, merged or related (`rename`, `relate`), and a
# topic's history with its predecessors' observations stitched in
# (`topic --lineage`). Meetings and FG QIT4N from ../shared/data/itu-facts.json;
# the relations between the topics are an illustration.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2016-bangkok --kind cto --ordinal 8 --date 2016-11-13 --city Bangkok --country TH
added meeting cto-2016-bangkok
$ cxotrack add meeting cto-2017-busan --kind cto --ordinal 9 --date 2017-09 --city Busan --country KR --uncertain
added meeting cto-2017-busan
$ cxotrack add meeting cto-2018-durban --kind cto --ordinal 10 --date 2018-09 --city Durban --country ZA
added meeting cto-2018-durban
$ cxotrack add meeting cxo-2019-dubai --kind cxo --date 2019-12 --city Dubai --country AE
added meeting cxo-2019-dubai
$ cxotrack add meeting cjk-tokyo --kind consultation --series 'CJK CTO consultation' --date 2020-05 --city Tokyo --country JP --uncertain
added meeting cjk-tokyo
$ cxotrack add topic quantum-computing --title 'Quantum computing'
added topic quantum-computing
$ cxotrack add topic quantum-cryptography --title 'Quantum cryptography'
added topic quantum-cryptography
$ cxotrack add topic quantum-it --title 'Quantum information technology' --aliases QIT
added topic quantum-it
$ cxotrack add topic network-automation --title 'Network automation' --description 'intelligence in 5G networks' --tags ai
added topic network-automation
$ cxotrack add topic ai-ml --title 'AI/ML'
added topic ai-ml
$ cxotrack observe quantum-computing cto-2016-bangkok raised
quantum-computing at cto-2016-bangkok: raised
$ cxotrack observe quantum-cryptography cto-2018-durban raised
quantum-cryptography at cto-2018-durban: raised
$ cxotrack observe quantum-it --date 2019-09 assigned --note 'FG QIT4N established by TSAG'
quantum-it at 2019-09: assigned
$ cxotrack observe quantum-it cjk-tokyo in-progress
quantum-it at cjk-tokyo: in-progress
$ cxotrack observe network-automation cto-2017-busan raised
network-automation at cto-2017-busan: raised
$ cxotrack observe ai-ml cto-2017-busan raised
ai-ml at cto-2017-busan: raised
$ cxotrack observe ai-ml cxo-2019-dubai prioritized
ai-ml at cxo-2019-dubai: prioritized
$ cxotrack relate quantum-it merged-from quantum-computing --since 2019-09 --note 'FG QIT4N' --source 'NTT Technical Review, February 2020' --url 'https://ntt-review.jp/archive/ntttechnical.php?contents=ntr202002gls_s.html'
added relation quantum-it merged-from quantum-computing
$ cxotrack --json relate quantum-it merged-from quantum-cryptography --since 2019-09 --uncertain
{"topic":"quantum-it","type":"merged-from","older":"quantum-cryptography","since":"2019-09","uncertain":true}
# a rename: a new topic, renamed from the old one, which keeps its history
$ cxotrack rename network-automation self-driving-networks --title 'Self-driving networks' --since cxo-2019-dubai
renamed topic network-automation to self-driving-networks
$ cxotrack observe self-driving-networks cxo-2019-dubai prioritized
self-driving-networks at cxo-2019-dubai: prioritized
$ cxotrack relate self-driving-networks related ai-ml
added relation self-driving-networks related ai-ml
$ cxotrack topics
ID                     TITLE                           STATUS       LAST SEEN
ai-ml                  AI/ML                           prioritized  cxo-2019-dubai (2019-12)
network-automation     Network automation              raised       cto-2017-busan (2017-09)
quantum-computing      Quantum computing               raised       cto-2016-bangkok (2016-11-13)
quantum-cryptography   Quantum cryptography            raised       cto-2018-durban (2018-09)
quantum-it             Quantum information technology  in-progress  cjk-tokyo (2020-05)
self-driving-networks  Self-driving networks           prioritized  cxo-2019-dubai (2019-12)
# without --lineage, a topic's own history; its relations below it
$ cxotrack topic quantum-it
quantum-it: Quantum information technology
aliases: QIT

POINT           DATE     STATUS       MOVEMENT  QUALIFIER  SOURCES  NOTE
2019-09         2019-09  assigned     new       agreed              FG QIT4N established by TSAG
cxo-2019-dubai  2019-12  -            (gap)                         not discussed
cjk-tokyo       2020-05  in-progress  advanced  agreed

relations:
TOPIC       TYPE         OLDER                 SINCE    NOTE
quantum-it  merged-from  quantum-computing     2019-09  FG QIT4N
quantum-it  merged-from  quantum-cryptography  2019-09
# with --lineage, the predecessors' rows too, each naming its topic
$ cxotrack topic quantum-it --lineage
quantum-it: Quantum information technology
aliases: QIT

POINT             DATE        TOPIC         STATUS       MOVEMENT  QUALIFIER  SOURCES  NOTE
cto-2016-bangkok  2016-11-13  quantum-com…  raised       new       agreed
cto-2018-durban   2018-09     quantum-cry…  raised       new       agreed
2019-09           2019-09     quantum-it    assigned     advanced  agreed              FG QIT4N est…
cxo-2019-dubai    2019-12                   -            (gap)                         not discussed
cjk-tokyo         2020-05     quantum-it    in-progress  advanced  agreed

relations:
TOPIC       TYPE         OLDER                 SINCE    NOTE
quantum-it  merged-from  quantum-computing     2019-09  FG QIT4N
quantum-it  merged-from  quantum-cryptography  2019-09
$ cxotrack topic quantum-it --lineage --as-of 2019
quantum-it: Quantum information technology
aliases: QIT

POINT             DATE        TOPIC           STATUS    MOVEMENT  QUALIFIER  SOURCES  NOTE
cto-2016-bangkok  2016-11-13  quantum-compu…  raised    new       agreed
cto-2018-durban   2018-09     quantum-crypt…  raised    new       agreed
2019-09           2019-09     quantum-it      assigned  advanced  agreed              FG QIT4N esta…

relations:
TOPIC       TYPE         OLDER                 SINCE    NOTE
quantum-it  merged-from  quantum-computing     2019-09  FG QIT4N
quantum-it  merged-from  quantum-cryptography  2019-09
$ cxotrack topic quantum-it --lineage --as-of cto-2018-durban
quantum-it: Quantum information technology
aliases: QIT

no observations as of cto-2018-durban
$ cxotrack topic self-driving-networks --lineage
self-driving-networks: Self-driving networks
intelligence in 5G networks
aliases: Network automation
tags: ai

POINT            DATE     TOPIC             STATUS       MOVEMENT  QUALIFIER  SOURCES  NOTE
cto-2017-busan   2017-09  network-automat…  raised       new       agreed
cto-2018-durban  2018-09                    -            (gap)                         not discussed
cxo-2019-dubai   2019-12  self-driving-ne…  prioritized  advanced  agreed

relations:
TOPIC                  TYPE          OLDER               SINCE
self-driving-networks  related       ai-ml
self-driving-networks  renamed-from  network-automation  cxo-2019-dubai
$ cxotrack topic self-driving-networks
self-driving-networks: Self-driving networks
intelligence in 5G networks
aliases: Network automation
tags: ai

POINT           DATE     STATUS       MOVEMENT  QUALIFIER  SOURCES
cxo-2019-dubai  2019-12  prioritized  new       agreed

relations:
TOPIC                  TYPE          OLDER               SINCE
self-driving-networks  related       ai-ml
self-driving-networks  renamed-from  network-automation  cxo-2019-dubai
$ cxotrack topic network-automation
network-automation: Network automation
intelligence in 5G networks
tags: ai

POINT           DATE     STATUS  MOVEMENT  QUALIFIER  SOURCES
cto-2017-busan  2017-09  raised  new       agreed

relations:
TOPIC                  TYPE          OLDER               SINCE
self-driving-networks  renamed-from  network-automation  cxo-2019-dubai
$ cxotrack --json topic self-driving-networks --lineage
{"topic":{"id":"self-driving-networks","title":"Self-driving networks","description":"intelligence in 5G networks","tags":["ai"],"aliases":["Network automation"],"relations":[{"type":"related","topic":"ai-ml"},{"type":"renamed-from","topic":"network-automation","since":"cxo-2019-dubai"}]},"history":[{"topic":"network-automation","lifecycle":"cto","point":"cto-2017-busan","meeting":"cto-2017-busan","date":"2017-09","kind":"cto","status":"raised","rank":1,"terminal":false,"movement":"new","allowed":true,"gaps":[],"qualifier":"agreed","priority":null,"note":null,"uncertain":false,"sources":[],"inherited":true},{"topic":"self-driving-networks","lifecycle":"cto","point":"cxo-2019-dubai","meeting":"cxo-2019-dubai","date":"2019-12","kind":"cxo","status":"prioritized","rank":2,"terminal":false,"movement":"advanced","allowed":true,"gaps":["cto-2018-durban"],"qualifier":"agreed","priority":null,"note":null,"uncertain":false,"sources":[],"inherited":false}],"relations":[{"topic":"self-driving-networks","type":"related","older":"ai-ml"},{"topic":"self-driving-networks","type":"renamed-from","older":"network-automation","since":"cxo-2019-dubai"}],"links":[],"conclusions":[]}
$ cxotrack --json rename quantum-it quantum-networks --since cjk-tokyo
{"id":"quantum-networks","title":"Quantum information technology","aliases":["QIT"],"relations":[{"type":"renamed-from","topic":"quantum-it","since":"cjk-tokyo"}]}
# relations are records: changed with set, deleted with delete
$ cxotrack set relation quantum-it merged-from quantum-cryptography --uncertain false
updated relation quantum-it merged-from quantum-cryptography
$ cxotrack delete topic quantum-computing
cxotrack: topic "quantum-computing" is referred to by 1 observation and 1 relation of a newer topic; delete them first, or cascade
[1]
$ cxotrack delete relation self-driving-networks related ai-ml
deleted relation self-driving-networks related ai-ml
$ cxotrack topic ai-ml
ai-ml: AI/ML

POINT            DATE     STATUS       MOVEMENT  QUALIFIER  SOURCES  NOTE
cto-2017-busan   2017-09  raised       new       agreed
cto-2018-durban  2018-09  -            (gap)                         not discussed
cxo-2019-dubai   2019-12  prioritized  advanced  agreed
# command-line errors
$ cxotrack rename network-automation
cxotrack rename: needs OLD and NEW topic ids
usage: cxotrack rename OLD NEW [--title T] [--since P]
[2]
$ cxotrack rename a b c
cxotrack rename: needs OLD and NEW topic ids
usage: cxotrack rename OLD NEW [--title T] [--since P]
[2]
$ cxotrack rename network-automation na --description x
cxotrack rename: unknown option --description
usage: cxotrack rename OLD NEW [--title T] [--since P]
[2]
$ cxotrack relate quantum-it merged-from
cxotrack relate: needs TOPIC, TYPE and OLDER
usage: cxotrack relate TOPIC TYPE OLDER [--since P] [--note T]
[2]
$ cxotrack relate quantum-it merged-from quantum-computing --relation x
cxotrack relate: unknown option --relation
usage: cxotrack relate TOPIC TYPE OLDER [--since P] [--note T]
[2]
$ cxotrack topic quantum-it --lineage=yes
cxotrack topic: --lineage takes no value
usage: cxotrack topic ID [--lineage] [--as-of P] [--lifecycle L] [--kinds K,...]
[2]
$ cxotrack rename --help
usage: cxotrack rename OLD NEW [--title T] [--since P]

rename a topic: a new topic, renamed from the old one, which keeps its history

  --title T   the new title (default: the old one)
  --since P   the new name holds from P (a meeting id or a date)
`cxotrack topic NEW --lineage` shows both histories.
$ cxotrack relate --help
usage: cxotrack relate TOPIC TYPE OLDER [--since P] [--note T]

record that a topic comes from an older one, or is related to it

  --since P              the relation holds from P (a meeting id or a date)
  --uncertain            a fact the sources only imply
  --source REF --url U   a source (repeatable, paired in order)
# refused by the library
$ cxotrack rename network-automaton na
cxotrack: topic "network-automaton" does not exist
[1]
$ cxotrack rename network-automation ai-ml
cxotrack: topic "ai-ml" already exists
[1]
$ cxotrack rename network-automation Network-Automation
cxotrack: topic "Network-Automation".id: "Network-Automation" is not an id: it must start with a lower-case letter
[1]
$ cxotrack rename network-automation na --since cto-2099
cxotrack: topic "na".relations["renamed-from" "network-automation"].since: there is no meeting "cto-2099"
[1]
$ cxotrack rename network-automation na --title ''
cxotrack: topic "na".title: the text is empty (leave the field out instead)
[1]
$ cxotrack relate quantum-it merged-from quantum-cryptography
cxotrack: relation "quantum-it" "merged-from" "quantum-cryptography" already exists
[1]
$ cxotrack relate quantum-it inherits quantum-computing
cxotrack: relation "quantum-it" "inherits" "quantum-computing".type: "inherits" is not one of renamed-from, merged-from, split-from, supersedes, related
[1]
$ cxotrack relate quantum-it merged-from quantum-physics
cxotrack: relation "quantum-it" "merged-from" "quantum-physics".older: there is no topic "quantum-physics"
[1]
$ cxotrack relate quantm merged-from quantum-computing
cxotrack: relation "quantm" "merged-from" "quantum-computing".topic: there is no topic "quantm"
[1]
$ cxotrack relate quantum-computing supersedes quantum-it
cxotrack: relation "quantum-computing" "supersedes" "quantum-it": topic "quantum-it" already descends from "quantum-computing"; a supersedes relation would make a cycle
[1]
$ cxotrack relate quantum-it supersedes quantum-it
cxotrack: relation "quantum-it" "supersedes" "quantum-it".older: a topic cannot relate to itself
[1]
$ cxotrack relate ai-ml related quantum-it --since 2019-02-29
cxotrack: relation "ai-ml" "related" "quantum-it".since: "2019-02-29" is not a date (no such day in that month)
[1]
$ cxotrack --db missing.db rename a b
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was added by the failures
$ cxotrack topics
ID                     TITLE                           STATUS       LAST SEEN
ai-ml                  AI/ML                           prioritized  cxo-2019-dubai (2019-12)
network-automation     Network automation              raised       cto-2017-busan (2017-09)
quantum-computing      Quantum computing               raised       cto-2016-bangkok (2016-11-13)
quantum-cryptography   Quantum cryptography            raised       cto-2018-durban (2018-09)
quantum-it             Quantum information technology  in-progress  cjk-tokyo (2020-05)
quantum-networks       Quantum information technology
self-driving-networks  Self-driving networks           prioritized  cxo-2019-dubai (2019-12)
