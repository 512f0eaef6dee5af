# The bundled dataset of the real meetings (examples/data/itu-cto-meetings.json):
# it imports without a warning, lint finds no error, it round-trips byte for
# byte, and facts from ../shared/data/itu-facts.json can be checked in it.
$ cxotrack init
created test.db
$ cxotrack import $SRC/examples/data/itu-cto-meetings.json
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
registries          2        0          0        0
items              10        0          0        0
meetings           17        0          0        0
topics             41        0          0        0
observations       89        0          0        0
conclusions         5        0          0        0
$ cxotrack export | cmp - $SRC/examples/data/itu-cto-meetings.json && echo identical
identical
# a second import changes nothing
$ cxotrack import $SRC/examples/data/itu-cto-meetings.json
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
registries          0        0          2        0
items               0        0         10        0
meetings            0        0         17        0
topics              0        0         41        0
observations        0        0         89        0
conclusions         0        0          5        0
$ cxotrack lint > lint.md; echo "exit $?"; grep -c '^| error |' lint.md; grep -A4 '^## In numbers' lint.md
exit 0
0
\## In numbers

- **Errors:** 0
- **Warnings:** 7
- **Information:** 23
# 16 meetings from 2009 on, and the 2024 workshop
$ cxotrack meetings | tail -n +2 | wc -l
17
$ cxotrack meetings --kinds cto,cxo | tail -n 1
cxo-2019-dubai     cxo   2019-12     Dubai, AE                        7
$ cxotrack meetings --kinds consultation
ID                KIND          DATE        PLACE             PARTICIPANTS  TOPICS
cjk-2015-first    consultation  2015                                             1
cjk-2016-seoul    consultation  2016-03-21  Seoul, KR                   16       5
cto-2017-sanjose  consultation  2017-03-30  San José, CA, US                     0
cjk-tokyo         consultation  2020-05     Tokyo, JP                            5
$ cxotrack --json meeting cto-2011-unknown | /usr/bin/python3 -c 'import json,sys; m=json.load(sys.stdin)["meeting"]; print(m["date"], m.get("uncertain"), len(m["sources"]))'
2011 True 2
# the 2013 meeting: Bangkok, 18 November 2013, 23 participants
$ cxotrack --json meeting cto-2013-bangkok | /usr/bin/python3 -c 'import json,sys; m=json.load(sys.stdin)["meeting"]; print(m["city"], m["country"], m["date"], m["participants"])'
Bangkok TH 2013-11-18 23
# 5G / IMT-2020: one topic, discussed at the 7 meetings the facts name
$ cxotrack report tsag --meeting cxo-2019-dubai --format json | /usr/bin/python3 -c 'import json,sys; t=[t for t in json.load(sys.stdin)["topics"] if t["id"] == "imt-2020"][0]; print(t["meetings_discussed"], t["first_raised"])'
7 cjk-2015-first
$ topic_history test.db imt-2020
POINT              DATE       STATUS       MOVEMENT   NOT DISCUSSED AT
cjk-2015-first     2015       prioritized  new
2015-05            2015-05    assigned     advanced
cto-2015-budapest  2015-10-11 assigned     reaffirmed
2015-12            2015-12    in-progress  advanced
cjk-2016-seoul     2016-03-21 in-progress  reaffirmed
cto-2016-bangkok   2016-11-13 in-progress  reaffirmed cxo-2016-hammamet
cto-2017-busan     2017-09    in-progress  reaffirmed cto-2017-sanjose
cto-2018-durban    2018-09    in-progress  reaffirmed
cxo-2019-dubai     2019-12    in-progress  reaffirmed
# every meeting, observation, conclusion, link and item status has its sources
$ grep -c 'no sources' lint.md
0
[1]
$ /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); recs=[("meeting",m) for m in d["meetings"]]+[("observation",o) for o in d["observations"]]+[("conclusion",c) for c in d["conclusions"]]+[("link",l) for t in d["topics"] for l in t.get("links",[])]+[("item status",s) for i in d["items"] for s in i.get("statuses",[])]; print(len(recs), "records,", [k for k,r in recs if not r.get("sources")], "without sources")' $SRC/examples/data/itu-cto-meetings.json
138 records, [] without sources
# the Focus Groups and the Resolution 22 candidates
$ cxotrack items
REGISTRY  ID                                 STATUS       TOPICS  TITLE
fg        fg-cloud                           established       1  Focus Group on Cloud Computing
fg        fg-dlt                             concluded         0  Focus Group on Application of Dis…
fg        fg-imt2020                         extended          2  Focus Group on IMT-2020
fg        fg-ml5g                            concluded         2  Focus Group on Machine Learning f…
fg        fg-mv                              concluded         0  Focus Group on Metaverse
fg        fg-qit4n                           established       1  Focus Group on Quantum Informatio…
fg        fg-smart                           established       1  Focus Group on Smart Grid
res22     tsag-fg-dlt                        closed            0  Focus Group on application of dis…
res22     tsag-fg-mv                         closed            0  Focus Group on metaverse (FG-MV)
res22     tsag-rg-stdsstrat-hot-topics-2018  created           0  RG-StdsStrat liaison on hot topic…