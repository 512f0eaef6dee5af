#!/bin/sh
# Run an example script and compare what it prints with the expected output.
# usage: run-example.sh LUA MODULE_DIR SCRIPT EXPECTED [ARG...]
set -eu
lua=$1 moddir=$2 script=$3 expected=$4
shift 4
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# CXO_LUA_PRELOAD: the sanitizer runtime, for lua5.4 alone
LD_PRELOAD=${CXO_LUA_PRELOAD:-${LD_PRELOAD:-}} LUA_CPATH_5_4="$moddir/?.so;;" "$lua" "$script" "$@" >"$out"
if ! diff -u "$expected" "$out"; then
	echo "FAIL: $script printed the '+' lines instead of the '-' lines of $expected"
	exit 1
fi
echo "ok: $script printed $expected"
