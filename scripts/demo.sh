#!/usr/bin/env bash
# make demo: load the bundled dataset of the real ITU-T CTO/CxO meetings
# (examples/data/itu-cto-meetings.json, every fact with its source) into a new
# database, print the report to TSAG of the latest CTO or CxO meeting and the
# analysis of the series, and write the same report to TSAG as one HTML page.
#
# Environment: BUILD (the build directory, default build), CXOTRACK_DB (the
# database, default ./cxotrack.db) and DEMO_HTML (default ./report.html); both
# are written afresh on every run.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
case $build in /*) ;; *) build=$top/$build ;; esac
cxo="$build/examples/cli/cxotrack"
data="$top/examples/data/itu-cto-meetings.json"
db=${CXOTRACK_DB:-$PWD/cxotrack.db}
html=${DEMO_HTML:-$PWD/report.html}
export CXOTRACK_DB="$db" CXOTRACK_ACTOR=${CXOTRACK_ACTOR:-demo}

rm -f "$db" "$db-wal" "$db-shm"
"$cxo" init >/dev/null
"$cxo" import "$data" >/dev/null

# the latest meeting of kind cto or cxo: the last line of the list
latest=$("$cxo" meetings --kinds cto,cxo | awk 'NR > 1 { m = $1 } END { print m }')
if [ -z "$latest" ]; then
	echo "demo: no CTO or CxO meeting in $data" >&2
	exit 1
fi

rule() { printf '\n%s\n\n' "================================================================================"; }
"$cxo" meetings | sed '1s/^/Meetings in the dataset:\n\n/'
rule
"$cxo" report tsag --meeting "$latest"
rule
"$cxo" report analysis
"$cxo" report tsag --meeting "$latest" --format html -o "$html"
rule
echo "The report to TSAG of $latest, with a timeline of each topic, is in"
echo "  $html"
echo "The database is $db; for instance:"
echo "  $cxo --db $db topic imt-2020"
echo "  $cxo --db $db report matrix"
