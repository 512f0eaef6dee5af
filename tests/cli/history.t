# A topic's history: statuses, movements, gaps, dated events, as-of points.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --date 2013-11-18 --city Bangkok --country TH
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --date 2014-12-06 --city Doha --country QA
added meeting cto-2014-doha
$ cxotrack add meeting tsag-2015 --kind tsag --date 2015-06
added meeting tsag-2015
$ cxotrack add meeting cto-2015-budapest --kind cto --date 2015-10-11 --city Budapest --country HU
added meeting cto-2015-budapest
$ cxotrack add meeting cto-2016-bangkok --kind cto --date 2016-11-13 --city Bangkok --country TH
added meeting cto-2016-bangkok
$ cxotrack add topic imt-2020 --title '5G / IMT-2020' --aliases 5G
added topic imt-2020
$ cxotrack observe imt-2020 cto-2013-bangkok raised --note '2020 network requirements' --source 'Bangkok communique' --url https://example.org/bkk
imt-2020 at cto-2013-bangkok: raised
$ cxotrack observe imt-2020 --date 2015-05 assigned --note 'FG IMT-2020 established by SG13' --source 'FG IMT-2020'
imt-2020 at 2015-05: assigned
$ cxotrack observe imt-2020 cto-2015-budapest in-progress --priority high
imt-2020 at cto-2015-budapest: in-progress
$ cxotrack observe imt-2020 cto-2016-bangkok prioritized --qualifier noted
cxotrack: warning: observation "imt-2020" "cto" "cto-2016-bangkok".status: moving from "in-progress" (at cto-2015-budapest) to "prioritized" is not allowed by lifecycle "cto"
imt-2020 at cto-2016-bangkok: prioritized
$ cxotrack topic imt-2020
imt-2020: 5G / IMT-2020
aliases: 5G

POINT              DATE        STATUS       MOVEMENT    QUALIFIER  PRIORITY  SOURCES  NOTE
cto-2013-bangkok   2013-11-18  raised       new         agreed               [1]      2020 network …
cto-2014-doha      2014-12-06  -            (gap)                                     not discussed
2015-05            2015-05     assigned     advanced    agreed               [2]      FG IMT-2020 e…
cto-2015-budapest  2015-10-11  in-progress  advanced    agreed     high
cto-2016-bangkok   2016-11-13  prioritized  regressed*  noted

* a move the lifecycle's transitions do not allow

[1] Bangkok communique <https://example.org/bkk>
[2] FG IMT-2020
$ cxotrack topic imt-2020 --as-of cto-2015-budapest
imt-2020: 5G / IMT-2020
aliases: 5G

POINT              DATE        STATUS       MOVEMENT  QUALIFIER  PRIORITY  SOURCES  NOTE
cto-2013-bangkok   2013-11-18  raised       new       agreed               [1]      2020 network re…
cto-2014-doha      2014-12-06  -            (gap)                                   not discussed
2015-05            2015-05     assigned     advanced  agreed               [2]      FG IMT-2020 est…
cto-2015-budapest  2015-10-11  in-progress  advanced  agreed     high

[1] Bangkok communique <https://example.org/bkk>
[2] FG IMT-2020
$ cxotrack topic imt-2020 --as-of 2014
imt-2020: 5G / IMT-2020
aliases: 5G

POINT             DATE        STATUS  MOVEMENT  QUALIFIER  SOURCES  NOTE
cto-2013-bangkok  2013-11-18  raised  new       agreed     [1]      2020 network requirements

[1] Bangkok communique <https://example.org/bkk>
$ cxotrack topic imt-2020 --as-of 2012
imt-2020: 5G / IMT-2020
aliases: 5G

no observations as of 2012
$ cxotrack topic imt-2020 --kinds cto,tsag
imt-2020: 5G / IMT-2020
aliases: 5G

POINT              DATE        STATUS       MOVEMENT    QUALIFIER  PRIORITY  SOURCES  NOTE
cto-2013-bangkok   2013-11-18  raised       new         agreed               [1]      2020 network …
cto-2014-doha      2014-12-06  -            (gap)                                     not discussed
2015-05            2015-05     assigned     advanced    agreed               [2]      FG IMT-2020 e…
tsag-2015          2015-06     -            (gap)                                     not discussed
cto-2015-budapest  2015-10-11  in-progress  advanced    agreed     high
cto-2016-bangkok   2016-11-13  prioritized  regressed*  noted

* a move the lifecycle's transitions do not allow

[1] Bangkok communique <https://example.org/bkk>
[2] FG IMT-2020
$ cxotrack topics
ID        TITLE          STATUS       LAST SEEN
imt-2020  5G / IMT-2020  prioritized  cto-2016-bangkok (2016-11-13)
$ cxotrack topics --as-of 2015-06
ID        TITLE          STATUS    LAST SEEN
imt-2020  5G / IMT-2020  assigned  2015-05
$ cxotrack topics --status prioritized
ID        TITLE          STATUS       LAST SEEN
imt-2020  5G / IMT-2020  prioritized  cto-2016-bangkok (2016-11-13)
$ cxotrack topics --status done
cxotrack: status: "done" is not a status of lifecycle "cto"
[1]
$ cxotrack --json topic imt-2020 --as-of 2014
{"topic":{"id":"imt-2020","title":"5G / IMT-2020","aliases":["5G"]},"history":[{"topic":"imt-2020","lifecycle":"cto","point":"cto-2013-bangkok","meeting":"cto-2013-bangkok","date":"2013-11-18","kind":"cto","status":"raised","rank":1,"terminal":false,"movement":"new","allowed":true,"gaps":[],"qualifier":"agreed","priority":null,"note":"2020 network requirements","uncertain":false,"sources":[{"ref":"Bangkok communique","url":"https://example.org/bkk"}],"inherited":false}],"relations":[],"links":[],"conclusions":[]}
# an observation that already exists, a status not in the lifecycle, unknown references
$ cxotrack observe imt-2020 cto-2016-bangkok delivered
cxotrack: observation "imt-2020" "cto" "cto-2016-bangkok" already exists
(change it with `cxotrack set observation imt-2020 cto cto-2016-bangkok --status delivered`)
[1]
$ cxotrack observe imt-2020 cto-2014-doha deliverd
cxotrack: observation "imt-2020" "cto" "cto-2014-doha".status: "deliverd" is not a status of lifecycle "cto"
[1]
$ cxotrack observe imt-2020 cto-2099 raised
cxotrack: observation "imt-2020" "cto" "cto-2099".meeting: there is no meeting "cto-2099"
[1]
$ cxotrack observe iot cto-2014-doha raised
cxotrack: observation "iot" "cto" "cto-2014-doha".topic: there is no topic "iot"
[1]
$ cxotrack observe imt-2020 --date 2015-02-30 raised
cxotrack: observation "imt-2020" "cto" "2015-02-30".date: "2015-02-30" is not a date (no such day in that month)
[1]
$ cxotrack observe imt-2020 cto-2014-doha raised --lifecycle fg
cxotrack: observation "imt-2020" "fg" "cto-2014-doha".lifecycle: there is no lifecycle "fg"
[1]
$ cxotrack observe imt-2020 raised
cxotrack observe: needs TOPIC, MEETING and STATUS
usage: cxotrack observe TOPIC (MEETING | --date D) STATUS [--lifecycle L] [--qualifier Q] [--priority P] [--note T]
[2]
$ cxotrack topic imt-2020 --as-of cto-2099
cxotrack: as of: there is no meeting "cto-2099"
[1]
$ cxotrack topic imt-2020 --kinds cto,board
cxotrack: kinds: "board" is not a meeting kind (cto, cxo, consultation, workshop, tsag, wtsa, other)
[1]
# strict mode refuses what warn mode only warns about
$ cxotrack set observation imt-2020 cto cto-2016-bangkok --status closed
updated observation imt-2020 cto cto-2016-bangkok
$ cxotrack set lifecycle cto --enforce strict
updated lifecycle cto
$ cxotrack set observation imt-2020 cto cto-2016-bangkok --status raised
cxotrack: observation "imt-2020" "cto" "cto-2016-bangkok".status: moving from "in-progress" (at cto-2015-budapest) to "raised" is not allowed by lifecycle "cto" (strict)
[1]
$ cxotrack topic imt-2020 --as-of cto-2016-bangkok
imt-2020: 5G / IMT-2020
aliases: 5G

POINT              DATE        STATUS       MOVEMENT  QUALIFIER  PRIORITY  SOURCES  NOTE
cto-2013-bangkok   2013-11-18  raised       new       agreed               [1]      2020 network re…
cto-2014-doha      2014-12-06  -            (gap)                                   not discussed
2015-05            2015-05     assigned     advanced  agreed               [2]      FG IMT-2020 est…
cto-2015-budapest  2015-10-11  in-progress  advanced  agreed     high
cto-2016-bangkok   2016-11-13  closed       advanced  noted

[1] Bangkok communique <https://example.org/bkk>
[2] FG IMT-2020
