#!/usr/bin/env bash
# make demo: record a few real ITU-T CTO meetings through the command-line
# tool and print a topic's history. The facts and their sources come from the
# project's facts file (ITU press releases and communiqués).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
cxo="$build/examples/cli/cxotrack"
db=${CXOTRACK_DB:-$top/cxotrack.db}
export CXOTRACK_DB="$db" CXOTRACK_ACTOR=${CXOTRACK_ACTOR:-demo}

rm -f "$db" "$db-wal" "$db-shm"
"$cxo" init >/dev/null

bkk=https://studylib.net/doc/12905755/cto-meeting-communiqu%C3%A9-18-november-2013-bangkok--thailand
doha=https://studylib.net/doc/12905752/cto-meeting-communiqu%C3%A9-6-december-2014-doha--qatar
bud=https://studylib.net/doc/12905746/cto-meeting-communiqu%C3%A9-11-october-2015-budapest--hungary
cjk=https://studylib.net/doc/12905743/tsb-director-cjk-cto-consultation-meeting-communiqu%C3%A9

q() { "$cxo" "$@" >/dev/null; }
q add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH \
  --participants 23 --source 'CTO meeting communique, Bangkok, 18 November 2013' --url "$bkk"
q add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA \
  --participants 15 --source 'CTO meeting communique, Doha, 6 December 2014' --url "$doha"
q add meeting cjk-2015-first --kind consultation --series 'TSB Director CJK CTO consultation' --ordinal 1 \
  --date 2015 --uncertain --note 'known only from the 2016 Seoul communique' \
  --source 'TSB Director CJK CTO consultation communique (Seoul, 2016)' --url "$cjk"
q add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU \
  --participants 14 --host 'alongside ITU Telecom World 2015' \
  --source 'CTO meeting communique, Budapest, 11 October 2015' --url "$bud"

q add topic imt-2020 --title '5G / IMT-2020' --aliases 5G --aliases IMT-2020 --aliases '2020 network requirements' --tags mobile
q add topic iot --title 'Internet of Things' --aliases IoT

q observe imt-2020 cto-2013-bangkok raised --qualifier inferred \
  --note 'named as "2020 network requirements"' --source 'Bangkok communique' --url "$bkk"
q observe imt-2020 cjk-2015-first raised --note 'led to FG IMT-2020' --source 'CJK consultation' --url "$cjk"
q observe imt-2020 --date 2015-05 assigned --note 'Focus Group on IMT-2020 established (SG13)' \
  --source 'CJK consultation communique' --url "$cjk"
q observe imt-2020 cto-2015-budapest in-progress --note 'FG IMT-2020 at work' --source 'Budapest communique' --url "$bud"
q observe iot cto-2014-doha raised --source 'Doha communique' --url "$doha"
q observe iot cto-2015-budapest raised --source 'Budapest communique' --url "$bud"

echo "== meetings"
"$cxo" meetings
echo
echo "== the history of 5G / IMT-2020"
"$cxo" topic imt-2020
echo
echo "(database: $db; try: $cxo --db $db topic iot)"
