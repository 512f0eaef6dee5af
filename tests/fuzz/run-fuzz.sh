#!/bin/sh
# Run one libFuzzer harness for a bounded time: the CTest test fuzz/<name>.
#
# usage: run-fuzz.sh NAME BINARY SOURCE_DIR BUILD_DIR
#   NAME        import, parsers, cli or row
#   BINARY      the harness, or "none" when this build has no libFuzzer (skipped: 77)
#   SOURCE_DIR  tests/fuzz: the seed corpus corpus/NAME/ and dictionary dict/NAME.dict
#   BUILD_DIR   where the corpus grows (corpus/NAME/) and findings go (artifacts/NAME/)
# Environment: CXO_FUZZ_TIME, seconds to run (default 15).
#
# Exit status: 0 no finding; 77 skipped; else the harness failed (a crash, a
# sanitizer report, a leak, a timeout of one input, out of memory), and the
# input that did it is in BUILD_DIR/artifacts/NAME/. To reproduce a finding:
# BINARY FILE; once fixed, keep FILE in SOURCE_DIR/corpus/NAME/ (named for
# what it found), so that every later run checks it first.
set -u
name=$1 bin=$2 src=$3 build=$4
time=${CXO_FUZZ_TIME:-15}

if [ "$bin" = none ] || [ ! -x "$bin" ]; then
	echo "fuzz/$name: skipped: this build has no libFuzzer harnesses" \
		"(configure with CC=clang -DCXO_FUZZ=ON -DBUILD_SHARED_LIBS=OFF, or run make fuzz-ci)"
	exit 77
fi

# absolute paths: the command line's harness works in a directory of its own
src=$(cd "$src" && pwd) && build=$(cd "$build" && pwd) || exit 1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
corpus=$build/corpus/$name
artifacts=$build/artifacts/$name
mkdir -p "$corpus" "$artifacts" || exit 1

# leaks are findings; a finding exits 66 (a timeout 67), never 77
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

set -- -max_total_time="$time" -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
	-error_exitcode=66 -timeout_exitcode=67 -print_final_stats=1 -artifact_prefix="$artifacts/"
[ -f "$src/dict/$name.dict" ] && set -- "$@" -dict="$src/dict/$name.dict"
log=$build/$name.log
"$bin" "$@" "$corpus" "$src/corpus/$name" >"$log" 2>&1
status=$?
# the fuzzer's own report, without its progress lines and its recommended
# dictionary: its start, every finding, its final figures
sed -e '/^#[0-9]*[[:space:]]*\(NEW\|REDUCE\|pulse\)/d' \
	-e '/^###### Recommended dictionary/,/^###### End of recommended dictionary/d' "$log"
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
# (also kept in BUILD_DIR/NAME.summary, which `make fuzz` prints at the end)
echo "fuzz/$name: ${runs:-?} executions in ${time} s, $(find "$corpus" -type f | wc -l) inputs found so far, exit status $status" |
	tee "$build/$name.summary"
if [ $status -ne 0 ]; then
	echo "fuzz/$name: FINDING; the input is in $artifacts/"
	ls -l "$artifacts/"
fi
exit $status
