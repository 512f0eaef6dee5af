#!/bin/sh
# Every function declared with CXO_API in the public header is listed in
# abi/symbols.txt, and every symbol listed there is such a function.
# usage: check-header-symbols.sh CC HEADER SYMBOLS_TXT
set -eu
cc=$1 header=$2 symbols=$3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The compiler strips the comments (without expanding macros); preprocessor
# lines go, the rest is joined, and the name before the first "(" of each
# "CXO_API ...(" is a declared function.
if ! "$cc" -fpreprocessed -dD -E -P -x c "$header" >"$tmp/stripped" 2>"$tmp/cc.log"; then
	cat "$tmp/cc.log"
	echo "FAIL: $cc could not read $header"
	exit 1
fi
grep -v '^[[:space:]]*#' "$tmp/stripped" | tr '\n' ' ' |
	grep -o 'CXO_API[^;(]*(' |
	sed -E 's/[[:space:]]*\($//; s/.*[^A-Za-z0-9_]//' |
	LC_ALL=C sort -u >"$tmp/header"
LC_ALL=C sort -u "$symbols" >"$tmp/listed"

if [ ! -s "$tmp/header" ]; then
	echo "FAIL: found no CXO_API function in $header"
	exit 1
fi
status=0
if ! LC_ALL=C sort -c "$symbols" 2>/dev/null || ! cmp -s "$symbols" "$tmp/listed"; then
	echo "FAIL: abi/symbols.txt is not sorted (LC_ALL=C sort -u) or has duplicates"
	status=1
fi
if grep -v '^cxo_[a-z0-9_]*$' "$tmp/listed" >"$tmp/badname"; then
	echo "FAIL: abi/symbols.txt lists names that are not cxo_ functions:"
	sed 's/^/  /' "$tmp/badname"
	status=1
fi
if ! diff -u --label "CXO_API functions of include/cxotrack.h" --label abi/symbols.txt \
	"$tmp/header" "$tmp/listed"; then
	echo
	echo "FAIL: the header and abi/symbols.txt disagree ('-': declared but not listed,"
	echo "'+': listed but not declared)."
	status=1
fi
[ $status -eq 0 ] && echo "ok: the $(wc -l <"$tmp/header") CXO_API functions of the header are the symbols listed"
exit $status
