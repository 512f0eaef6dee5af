#!/bin/sh
# Fixture of the install tests: install the build tree into a fresh prefix and
# check that the files a consumer needs are there.
# usage: install.sh CMAKE BUILD_DIR PREFIX LIBDIR INCLUDEDIR LIBRARY_FILE...
#   LIBDIR, INCLUDEDIR: relative to PREFIX (CMAKE_INSTALL_LIBDIR/INCLUDEDIR)
#   LIBRARY_FILE: names the library must be installed under, in LIBDIR
set -eu
cmake=$1 build=$2 prefix=$3 libdir=$4 includedir=$5
shift 5

# cmake --install rewrites the build tree's install_manifest.txt: keep the one
# a real install left there
manifest=$build/install_manifest.txt
saved=
if [ -f "$manifest" ]; then
	saved=$(mktemp)
	cp "$manifest" "$saved"
fi
rm -rf "$prefix"
status=0
"$cmake" --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 || status=$?
if [ -n "$saved" ]; then mv "$saved" "$manifest"; else rm -f "$manifest"; fi
if [ $status -ne 0 ]; then
	cat "$prefix.log"
	echo "FAIL: cmake --install $build --prefix $prefix"
	exit 1
fi

missing=0
for f in "$includedir/cxotrack.h" "$libdir/pkgconfig/cxotrack.pc" \
	"$libdir/cmake/cxotrack/cxotrackConfig.cmake" "$libdir/cmake/cxotrack/cxotrackConfigVersion.cmake" \
	"$libdir/cmake/cxotrack/cxotrackTargets.cmake"; do
	[ -f "$prefix/$f" ] || { echo "FAIL: not installed: $f"; missing=1; }
done
for f in "$@"; do
	[ -e "$prefix/$libdir/$f" ] || { echo "FAIL: not installed: $libdir/$f"; missing=1; }
done
if [ $missing -ne 0 ]; then
	echo "installed:"
	(cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')
	exit 1
fi
echo "ok: installed into $prefix"
