#!/bin/sh
# `cmake --install` puts the Lua module where Lua 5.4 looks for C modules
# under the prefix, and it loads from there (finding libcxotrack.so.0 beside
# it through its RPATH, without LD_LIBRARY_PATH).
# usage: install.sh CMAKE BUILD_DIR PREFIX CMOD_DIR LUA
set -eu
cmake=$1 build=$2 prefix=$3 cmod=$4 lua=$5
case $cmod in /*) dir=$cmod ;; *) dir=$prefix/$cmod ;; esac

# Two component installs (the library's files, then the module), which
# write install_manifest_<component>.txt: not the install_manifest.txt that a
# whole install (and the build.install test, maybe at the same time) writes.
rm -rf "$prefix"
for component in Unspecified lua; do
	manifest=$build/install_manifest_$component.txt
	saved=
	if [ -f "$manifest" ]; then
		saved=$(mktemp)
		cp "$manifest" "$saved"
	fi
	status=0
	"$cmake" --install "$build" --prefix "$prefix" --component $component >"$prefix.log" 2>&1 || status=$?
	if [ -n "$saved" ]; then mv "$saved" "$manifest"; else rm -f "$manifest"; fi
	if [ $status -ne 0 ]; then
		cat "$prefix.log"
		echo "FAIL: cmake --install $build --prefix $prefix --component $component"
		exit 1
	fi
done
if [ ! -f "$dir/cxotrack.so" ]; then
	echo "FAIL: not installed: $dir/cxotrack.so; installed:"
	(cd "$prefix" && find . -type f | sort | sed 's/^/  /')
	exit 1
fi
# CXO_LUA_PRELOAD: the sanitizer runtime, for lua5.4 alone
got=$(env -u LD_LIBRARY_PATH LD_PRELOAD="${CXO_LUA_PRELOAD:-${LD_PRELOAD:-}}" LUA_CPATH_5_4="$dir/?.so" \
	LUA_CPATH="$dir/?.so" "$lua" -e '
	local cxotrack = require "cxotrack"
	local db = assert(cxotrack.open(":memory:", "rwc"))
	io.write(package.searchpath("cxotrack", package.cpath), " ", cxotrack.version(), " ", db:lifecycle("cto").id, "\n")
	db:close()')
want="$dir/cxotrack.so 0.1.0 cto"
if [ "$got" != "$want" ]; then
	echo "FAIL: the installed module printed \"$got\", not \"$want\""
	exit 1
fi
echo "ok: $want"
