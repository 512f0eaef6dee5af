#!/bin/sh
# Compile tests/build/consumer/main.c against the installed library with the
# flags `pkg-config cxotrack` gives (with --static for a static library), run
# it, and compare what it prints.
# usage: consumer-pkgconfig.sh PKG_CONFIG CC CFLAGS SOURCE_DIR WORK_DIR PREFIX LIBDIR shared|static VERSION EXPECTED
set -eu
pkgconfig=$1 cc=$2 cflags=$3 src=$4 work=$5 prefix=$6 libdir=$7 kind=$8 version=$9
shift 9
expected=$1

rm -rf "$work"
mkdir -p "$work/run"
PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
export PKG_CONFIG_PATH

status=0
got=$("$pkgconfig" --modversion cxotrack) || status=$?
if [ $status -ne 0 ] || [ "$got" != "$version" ]; then
	echo "FAIL: pkg-config --modversion cxotrack gave '$got' (status $status), expected '$version'"
	exit 1
fi
got=$("$pkgconfig" --variable=prefix cxotrack)
if [ "$got" != "$prefix" ]; then
	echo "FAIL: the installed cxotrack.pc has prefix '$got', expected the install prefix '$prefix'"
	exit 1
fi

static=
[ "$kind" = static ] && static=--static
flags=$("$pkgconfig" $static --cflags --libs cxotrack)
echo "cc ... \$(pkg-config${static:+ $static} --cflags --libs cxotrack): $flags"
# word splitting of $cflags and $flags is wanted: they are lists of options
# shellcheck disable=SC2086
if ! "$cc" $cflags -o "$work/consumer" "$src/main.c" $flags >"$work/build.log" 2>&1; then
	cat "$work/build.log"
	echo "FAIL: compiling the consumer with pkg-config's flags"
	exit 1
fi

status=0
LD_LIBRARY_PATH="$prefix/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	"$work/consumer" "$work/run" >"$work/output.txt" 2>&1 || status=$?
if ! diff -u --label expected --label actual "$expected" "$work/output.txt"; then
	echo "FAIL: the consumer (exit status $status) printed something else than expected"
	exit 1
fi
if [ $status -ne 0 ]; then
	echo "FAIL: the consumer exited with status $status"
	exit 1
fi
echo "ok: pkg-config cxotrack from $prefix ($kind)"
