#!/bin/sh
# The demo end to end, twice (a second run starts afresh): scripts/demo.sh with
# the build under test, writing into a directory of its own. It must print the
# report to TSAG of the latest CTO or CxO meeting of the bundled dataset and
# the analysis, and write a self-contained HTML page.
# usage: demo_test.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/cxotrack-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
for run in 1 2; do
	BUILD="$build" bash "$src/scripts/demo.sh" >out.txt 2>&1 || { cat out.txt; echo "demo: run $run failed"; exit 1; }
done
fail() { cat out.txt; echo "demo: $*"; exit 1; }
grep -q '^# Report to TSAG: CxO meeting, Dubai, 2019-12$' out.txt || fail "no report to TSAG of cxo-2019-dubai"
grep -q '^# An analysis of the series of meetings$' out.txt || fail "no analysis"
grep -q 'cxotrack: warning' out.txt && fail "a warning"
[ -s report.html ] || fail "no report.html"
[ -s cxotrack.db ] || fail "no cxotrack.db"
grep -q "$work/report.html" out.txt || fail "it does not say where report.html is"
grep -q '<svg' report.html || fail "report.html has no timeline"
grep -Eq '<script|(src|href)=|@import|url\(' report.html && fail "report.html is not self-contained"
echo "demo: ok ($(wc -l <out.txt) lines, report.html $(wc -c <report.html) bytes)"
