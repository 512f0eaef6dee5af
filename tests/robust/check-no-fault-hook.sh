#!/bin/sh
# The fault-injection hooks (src/util/fault.h) exist only in the copy of the
# library the allocation-failure test links (cxotrack_fault), never in the
# library that ships: no cxo__fault_ symbol in it, and no reference to
# sqlite3_config or cJSON_InitHooks (the library never sets process-wide
# hooks). The fault copy does have the hooks, so that this check can fail.
# usage: check-no-fault-hook.sh NM LIBRARY FAULT_LIBRARY
set -eu
nm=$1 lib=$2 fault=$3
for f in "$lib" "$fault"; do
	[ -f "$f" ] || { echo "FAIL: no library $f"; exit 1; }
done
syms=$("$nm" -a "$lib" 2>/dev/null || true)
case "$syms" in
*cxo__malloc*) ;;
*) echo "FAIL: $nm finds no symbol table in $lib (stripped?)"; exit 1 ;;
esac
bad=$(printf '%s\n' "$syms" | grep -E 'cxo__fault_|sqlite3_config|cJSON_InitHooks' || true)
if [ -n "$bad" ]; then
	echo "FAIL: $(basename "$lib") holds fault-injection hooks or process-wide hook calls:"
	printf '%s\n' "$bad"
	exit 1
fi
"$nm" "$fault" 2>/dev/null | grep -q 'cxo__fault_alloc_hit' || {
	echo "FAIL: the fault-injection copy $(basename "$fault") has no hook: the check above proves nothing"
	exit 1
}
echo "ok: $(basename "$lib") has no fault-injection hook and sets no process-wide hook"
