# report KIND, and its shortcuts diff and lint: the tool passes the options to
# the library and prints what it writes. Meetings, topics and the Focus Group
# from ../shared/data/itu-facts.json.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH --participants 23
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA --participants 15
added meeting cto-2014-doha
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU --participants 14
added meeting cto-2015-budapest
$ cxotrack add topic cloud --title 'Cloud computing'
added topic cloud
$ cxotrack add topic sdn --title 'Software-defined networking' --aliases SDN
added topic sdn
$ cxotrack add topic iot --title 'Internet of Things' --aliases IoT
added topic iot
$ cxotrack observe cloud cto-2013-bangkok raised
cloud at cto-2013-bangkok: raised
$ cxotrack observe cloud cto-2014-doha prioritized
cloud at cto-2014-doha: prioritized
$ cxotrack observe sdn cto-2014-doha raised
sdn at cto-2014-doha: raised
$ cxotrack observe iot cto-2014-doha raised
iot at cto-2014-doha: raised
$ cxotrack observe iot cto-2015-budapest in-progress
iot at cto-2015-budapest: in-progress
$ cxotrack conclude cto-2014-doha 2 --kind request --text 'Coordinate the IoT work of the study groups.' --topic iot
added conclusion cto-2014-doha/2
$ cxotrack act cto-2014-doha/2 tsag-iot --owner TSAG --description 'Coordinate IoT work across study groups' --due-meeting cto-2015-budapest
added action tsag-iot
$ cxotrack report tsag --meeting cto-2015-budapest
\# Report to TSAG: CTO meeting, Budapest, 2015-10-11

- **As of:** cto-2015-budapest
- **Lifecycle:** cto

\## Meeting

- **Id:** cto-2015-budapest
- **Kind:** cto
- **Ordinal:** 7
- **Date:** 2015-10-11
- **City:** Budapest
- **Country:** HU
- **Participants:** 14

\## Conclusions

| Conclusion | No. | Kind | Text | Topics |
| --- | --- | --- | --- | --- |
| (none) |  |  |  |  |

\## Topics discussed

\### Internet of Things (iot)

- **Topic:** iot
- **Title:** Internet of Things
- **Also called:** IoT
- **Status at this meeting:** in-progress
- **Movement:** advanced
- **First raised:** cto-2014-doha
- **First raised on:** 2014-12-06
- **First meeting to discuss it:** cto-2014-doha
- **Meetings that discussed it:** 2

\#### History

| Point | Date | Topic | Status | Movement | Not discussed at | Qualifier | Note | Sources |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| cto-2014-doha | 2014-12-06 | iot | raised | new |  | agreed |  |  |
| cto-2015-budapest | 2015-10-11 | iot | in-progress | advanced |  | agreed |  |  |

\#### What earlier meetings concluded

| Conclusion | Meeting | Date | Kind | Text |
| --- | --- | --- | --- | --- |
| cto-2014-doha/2 | cto-2014-doha | 2014-12-06 | request | Coordinate the IoT work of the study groups. |

\#### Actions

| Action | Conclusion | Owner | Description | Due | Status | Age (meetings) | Overdue |
| --- | --- | --- | --- | --- | --- | --- | --- |
| tsag-iot | cto-2014-doha/2 | TSAG | Coordinate IoT work across study groups | cto-2015-budapest | open | 1 | no |

\#### Links to Resolution 22 items and other registries

| Registry | Item | Title | Relation | Since | Item status | Topic |
| --- | --- | --- | --- | --- | --- | --- |
| (none) |  |  |  |  |  |  |
$ cxotrack report tsag --meeting cto-2015-budapest --format json | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["report"], r["meeting"]["id"], [t["id"] for t in r["topics"]])'
tsag cto-2015-budapest ['iot']
$ cxotrack report matrix --format csv
topic,title,first_seen,last_seen,events,cto-2013-bangkok,cto-2014-doha,cto-2015-budapest
cloud,Cloud computing,cto-2013-bangkok,cto-2014-doha,,raised,prioritized,
iot,Internet of Things,cto-2014-doha,cto-2015-budapest,,,raised,in-progress
sdn,Software-defined networking,cto-2014-doha,cto-2014-doha,,,raised,
$ cxotrack report followup
\# Follow-up of the actions the conclusions raised

- **As of:** cto-2015-budapest

\## Actions

| State | Action | Conclusion | Meeting | Owner | Description | Due | Status | Age (meetings) | Overdue | Follow-ups |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| open | tsag-iot | cto-2014-doha/2 | cto-2014-doha | TSAG | Coordinate IoT work across study groups | cto-2015-budapest | open | 1 | no |  |

\## In numbers

- **Overdue:** 0
- **Open, not overdue:** 1
- **Closed:** 0
$ cxotrack diff cto-2013-bangkok cto-2015-budapest
\# What changed from cto-2013-bangkok (2013-11-18) to cto-2015-budapest (2015-10-11)

- **As of:** cto-2015-budapest
- **From:** cto-2013-bangkok
- **To:** cto-2015-budapest
- **Lifecycle:** cto

\## Changes

| Change | Record | Key | Title or text | At the first meeting | At the second meeting |
| --- | --- | --- | --- | --- | --- |
| no longer discussed | topic | cloud | Cloud computing | raised | prioritized |
| advanced | topic | cloud | Cloud computing | raised | prioritized |
| new | topic | iot | Internet of Things |  | in-progress |
| new | topic | sdn | Software-defined networking |  | raised |
| opened | conclusion | cto-2014-doha/2 | Coordinate the IoT work of the study groups. |  | cto-2014-doha |
| opened | action | tsag-iot | Coordinate IoT work across study groups |  | open |

- **Changes:** 6
$ cxotrack report agenda --topics iot,cloud,quantum
\# Agenda check

- **As of:** cto-2015-budapest
- **Stalled after (meetings without an advance):** 3

\## The planned topics

| Topic | Title | Known | Status | Meetings since it advanced | Stalled | Registry links |
| --- | --- | --- | --- | --- | --- | --- |
| iot | Internet of Things | yes | in-progress | 0 | no |  |
| cloud | Cloud computing | yes | prioritized | 1 | no |  |
| quantum |  | no | new |  | no |  |

\## Stalled topics the agenda leaves out

| Topic | Title | Status | Meetings since it advanced |
| --- | --- | --- | --- |
| (none) |  |  |  |

\## Resolution 22 items no topic links to

| Registry | Item | Title | Status |
| --- | --- | --- | --- |
| (none) |  |  |  |
# the HTML report is one page, with its timeline and nothing from outside
$ cxotrack report tsag --meeting cto-2015-budapest --format html -o r.html
$ grep -c '<svg' r.html; grep -cE '<script|(src|href)=|url\(|@import' r.html
2
0
[1]
# as of an earlier point, later records do not count
$ cxotrack report matrix --as-of cto-2014-doha --format csv
topic,title,first_seen,last_seen,events,cto-2013-bangkok,cto-2014-doha
cloud,Cloud computing,cto-2013-bangkok,cto-2014-doha,,raised,prioritized
iot,Internet of Things,cto-2014-doha,cto-2014-doha,,,raised
sdn,Software-defined networking,cto-2014-doha,cto-2014-doha,,,raised
# lint: exit status 1 when a finding is an error
$ cxotrack lint
\# Findings about the records

- **As of:** cto-2015-budapest

\## Findings

| Severity | Record | Key | Reason |
| --- | --- | --- | --- |
| warning | meeting | cto-2013-bangkok | no sources |
| warning | meeting | cto-2014-doha | no sources |
| warning | meeting | cto-2015-budapest | no sources |
| warning | observation | cloud cto cto-2013-bangkok | no sources |
| warning | observation | cloud cto cto-2014-doha | no sources |
| warning | observation | iot cto cto-2014-doha | no sources |
| warning | observation | iot cto cto-2015-budapest | no sources |
| warning | observation | sdn cto cto-2014-doha | no sources |
| warning | conclusion | cto-2014-doha/2 | no sources |
| info | topic | sdn | discussed at one meeting only |

\## In numbers

- **Errors:** 0
- **Warnings:** 9
- **Information:** 1
# a regression stored in "warn" mode is an error once the lifecycle is strict
$ cxotrack observe cloud cto-2015-budapest raised
cxotrack: warning: observation "cloud" "cto" "cto-2015-budapest".status: moving from "prioritized" (at cto-2014-doha) to "raised" is not allowed by lifecycle "cto"
cloud at cto-2015-budapest: raised
$ cxotrack set lifecycle cto --enforce strict
updated lifecycle cto
$ cxotrack lint > findings.md
cxotrack: lint: 1 finding of severity error
[1]
$ tail -5 findings.md
\## In numbers

- **Errors:** 1
- **Warnings:** 10
- **Information:** 1
$ cxotrack lint --format json | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print([(f["severity"], f["key"], f["reason"]) for f in r["findings"] if f["severity"] == "error"])'
cxotrack: lint: 1 finding of severity error
[('error', 'cloud cto cto-2015-budapest', '"raised" after "prioritized" (at cto-2014-doha): a transition lifecycle "cto" forbids (strict)')]
# errors
$ cxotrack report
cxotrack report: needs one KIND: tsag, followup, period, matrix, diff, agenda, participation, analysis, lint
usage: cxotrack report KIND [--meeting M] [--from A --to B] [--as-of P] [--kinds K,...] [--lifecycle L] [--stall K] [--topics T,...] [--format json|md|csv|html] [-o FILE]
[2]
$ cxotrack report weather
cxotrack report: "weather" is not a report (tsag, followup, period, matrix, diff, agenda, participation, analysis, lint)
usage: cxotrack report KIND [--meeting M] [--from A --to B] [--as-of P] [--kinds K,...] [--lifecycle L] [--stall K] [--topics T,...] [--format json|md|csv|html] [-o FILE]
[2]
$ cxotrack report tsag
cxotrack: report tsag: the meeting reported on is required
[1]
$ cxotrack report tsag --meeting cto-1999
cxotrack: report: meeting: there is no meeting "cto-1999"
[1]
$ cxotrack report tsag --meeting cto-2015-budapest --format csv
cxotrack: report tsag: no CSV form (CSV is for matrix, diff, followup, participation)
[1]
$ cxotrack report matrix --format pdf
cxotrack report: --format takes json, md, csv or html, not "pdf"
usage: cxotrack report KIND [--meeting M] [--from A --to B] [--as-of P] [--kinds K,...] [--lifecycle L] [--stall K] [--topics T,...] [--format json|md|csv|html] [-o FILE]
[2]
$ cxotrack report matrix --stall 0
cxotrack report: --stall takes a number of meetings from 1 to 1000, not "0"
usage: cxotrack report KIND [--meeting M] [--from A --to B] [--as-of P] [--kinds K,...] [--lifecycle L] [--stall K] [--topics T,...] [--format json|md|csv|html] [-o FILE]
[2]
$ cxotrack report matrix --as-of yesterday
cxotrack: as of: there is no meeting "yesterday"
[1]
$ cxotrack report matrix -o /nonexistent/dir/m.csv
cxotrack: /nonexistent/dir/m.csv: No such file or directory
[1]