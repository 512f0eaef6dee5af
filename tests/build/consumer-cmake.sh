#!/bin/sh
# Build tests/build/consumer, a project of its own, against the installed
# package with find_package(cxotrack), run it, and compare what it prints.
# usage: consumer-cmake.sh CMAKE GENERATOR CC CFLAGS SOURCE_DIR WORK_DIR PREFIX EXPECTED
set -eu
cmake=$1 generator=$2 cc=$3 cflags=$4 src=$5 work=$6 prefix=$7 expected=$8

rm -rf "$work"
mkdir -p "$work/run"
if ! "$cmake" -S "$src" -B "$work/build" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_C_FLAGS="$cflags" -DCMAKE_PREFIX_PATH="$prefix" -DCXO_EXPECTED_PREFIX="$prefix" \
	>"$work/configure.log" 2>&1; then
	cat "$work/configure.log"
	echo "FAIL: configuring the consumer against $prefix"
	exit 1
fi
if ! "$cmake" --build "$work/build" >"$work/build.log" 2>&1; then
	cat "$work/build.log"
	echo "FAIL: building the consumer against $prefix"
	exit 1
fi

status=0
"$work/build/consumer" "$work/run" >"$work/output.txt" 2>&1 || status=$?
if ! diff -u --label expected --label actual "$expected" "$work/output.txt"; then
	echo "FAIL: the consumer (exit status $status) printed something else than expected"
	exit 1
fi
if [ $status -ne 0 ]; then
	echo "FAIL: the consumer exited with status $status"
	exit 1
fi
echo "ok: find_package(cxotrack) from $prefix"
