#!/bin/sh
# The rockspec works: `luarocks make` builds the module from a copy of the
# checkout into a tree of its own (CMake, the library linked in), and Lua
# loads it from there. Skipped (77) where LuaRocks is not installed.
# usage: rockspec.sh SOURCE_DIR WORK_DIR LUA
set -eu
src=$1 work=$2 lua=$3
if ! command -v luarocks >/dev/null 2>&1; then
	echo "lua.rockspec: skipped: luarocks is not installed (Debian: luarocks)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work/src"
# the project's files without build trees or databases
(cd "$src" && tar cf - --exclude='./build*' --exclude='./cxotrack.db*' --exclude='./.git' .) | (cd "$work/src" && tar xf -)
cd "$work/src"
if ! luarocks --lua-version 5.4 make --tree "$work/tree" bindings/lua/cxotrack-0.1.0-1.rockspec >"$work/make.log" 2>&1; then
	tail -40 "$work/make.log"
	echo "FAIL: luarocks make bindings/lua/cxotrack-0.1.0-1.rockspec"
	exit 1
fi
luarocks --lua-version 5.4 lint bindings/lua/cxotrack-0.1.0-1.rockspec
so=$work/tree/lib/lua/5.4/cxotrack.so
got=$(env -u LD_LIBRARY_PATH -u LD_PRELOAD LUA_CPATH_5_4="$work/tree/lib/lua/5.4/?.so" "$lua" -e '
	local cxotrack = require "cxotrack"
	local db = assert(cxotrack.open(":memory:", "rwc"))
	io.write(package.searchpath("cxotrack", package.cpath), " ", db:lifecycle("cto").id, "\n")')
if [ "$got" != "$so cto" ]; then
	echo "FAIL: the rock's module: got '$got', expected '$so cto'"
	exit 1
fi
echo "lua.rockspec: luarocks make installed $so, and it loads"
