#!/bin/sh
# The shared library's SONAME is libcxotrack.so.<major>, and the build made the
# file of that name.
# usage: check-soname.sh READELF LIBRARY EXPECTED_SONAME
set -eu
readelf=$1 lib=$2 expected=$3

soname=$(LC_ALL=C "$readelf" -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]$/\1/p')
if [ "$soname" != "$expected" ]; then
	echo "FAIL: the SONAME of $lib is '${soname:-(none)}', expected '$expected'"
	exit 1
fi
if [ ! -e "$(dirname "$lib")/$expected" ]; then
	echo "FAIL: $(dirname "$lib")/$expected does not exist"
	exit 1
fi
echo "ok: SONAME $soname"
