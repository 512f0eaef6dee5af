#!/bin/sh
# The dynamic symbols a shared libcxotrack defines are exactly those listed in
# abi/symbols.txt.
# usage: check-exports.sh NM LIBRARY SYMBOLS_TXT
set -eu
nm=$1 lib=$2 expected=$3
[ -f "$lib" ] || { echo "FAIL: no library $lib"; exit 1; }

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$nm" -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | LC_ALL=C sort >"$actual"

if ! diff -u --label abi/symbols.txt --label "nm -D $(basename "$lib")" "$expected" "$actual"; then
	echo
	echo "FAIL: the symbols $(basename "$lib") exports differ from abi/symbols.txt"
	echo "('-': listed but not exported, '+': exported but not listed)."
	echo "Within a major version symbols may be added, never removed or changed."
	echo "If the change is intended, regenerate the list from this library:"
	echo "  nm -D --defined-only $lib | awk 'NF >= 3 { print \$3 }' | LC_ALL=C sort > abi/symbols.txt"
	exit 1
fi
echo "ok: $(wc -l <"$actual") exported symbols, as abi/symbols.txt lists"
