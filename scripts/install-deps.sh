#!/bin/sh
# shellcheck disable=SC2086 # package lists are split into words on purpose
# Install the Debian 12 packages cxotrack needs: the one list of them, shared by
# `make` and .ci/run. Installs only what is missing (apt-get update first), as
# root or through sudo; prints nothing and returns at once when all is there.
#
# usage: scripts/install-deps.sh [--core] [--check] [--list]
#   --core   only what building the library and running its C tests needs
#            (same as CXO_DEPS=core; the default, CXO_DEPS=all, is everything)
#   --check  install nothing: print the missing packages, exit 1 if any
#   --list   print the packages of the selected set, one a line
set -eu
# package lists are split into words on purpose; no globbing in them
set -f

# building the library and running its C and command-line tests (python3 runs
# the transcripts; zlib1g-dev is what a static link to sqlite3 needs)
CORE="make cmake gcc g++ pkg-config python3 sqlite3 libsqlite3-dev zlib1g-dev libcjson-dev libcriterion-dev"
# the bindings, the API reference, and the checks that need them
# (sanitizers with clang, valgrind, HTML reports in a browser, benchmarks)
EXTRA="lua5.4 liblua5.4-dev lua-busted luarocks
python3-pip python3-venv python3-pytest python3-jsonschema python3-pandas python3-matplotlib
python3-nbclient python3-ipykernel
doxygen clang libclang-rt-14-dev valgrind chromium hyperfine"

set_=${CXO_DEPS:-all}
action=install
for arg in "$@"; do
	case $arg in
	--core) set_=core ;;
	--check) action=check ;;
	--list) action=list ;;
	-h | --help)
		sed -n '3,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"
		exit 0
		;;
	*)
		echo "install-deps.sh: unknown argument '$arg' (see --help)" >&2
		exit 2
		;;
	esac
done
case $set_ in
core) packages=$CORE ;;
all) packages="$CORE $EXTRA" ;;
*)
	echo "install-deps.sh: CXO_DEPS must be 'core' or 'all', not '$set_'" >&2
	exit 2
	;;
esac
# one word per line from here on
packages=$(printf '%s\n' $packages)

if [ "$action" = list ]; then
	printf '%s\n' "$packages"
	exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps.sh: dpkg-query not found: this script is for Debian 12" >&2
	exit 1
fi

# Installed packages have status "ii" (or "hi": held); unknown ones are not
# listed at all, hence the "|| true" (dpkg-query then exits 1).
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $packages 2>/dev/null |
	awk '$1 ~ /^.i/ { print $2 }') || true
missing=$(printf '%s\n' "$packages" | while read -r p; do
	printf '%s\n' "$installed" | grep -qx "$p" || printf '%s ' "$p"
done)
missing=${missing% }

[ -z "$missing" ] && exit 0

if [ "$action" = check ]; then
	echo "missing Debian packages: $missing"
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "install-deps.sh: missing packages ($missing) and neither root nor sudo to install them" >&2
	exit 1
fi

echo "install-deps.sh: installing $missing"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get -q update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Lock::Timeout=300 install $missing
