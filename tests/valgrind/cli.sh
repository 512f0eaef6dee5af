#!/bin/sh
# One command-line transcript with every run of the tools under valgrind: the
# CTest test valgrind/cli/<name>.
#
# usage: cli.sh VALGRIND WORK_DIR SOURCE_DIR TRANSCRIPT TOOL...
# Each TOOL (cxotrack, topic_history) gets a wrapper of the same name in
# WORK_DIR/bin that runs it under valgrind, logging to WORK_DIR/logs/ (the
# transcript compares the tool's own output, so valgrind's must go elsewhere);
# tests/cli/cram.py runs the transcript with WORK_DIR/bin first on PATH. A run
# with an error or a definite leak changes the tool's exit status (99), and
# its log is printed ("ERROR SUMMARY: N", "definitely lost: N" with N > 0).
set -u
valgrind=$1 work=$2 src=$3 transcript=$4
shift 4
rm -rf "$work" && mkdir -p "$work/bin" "$work/logs" || exit 1
for tool in "$@"; do
	name=$(basename "$tool")
	cat >"$work/bin/$name" <<WRAPPER
#!/bin/sh
exec '$valgrind' --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
	--error-exitcode=99 --num-callers=30 --log-file='$work/logs/$name.%p.log' '$tool' "\$@"
WRAPPER
	chmod +x "$work/bin/$name"
done

/usr/bin/python3 "$src/tests/cli/cram.py" "$work/bin" "$src" "$transcript"
status=$?

runs=$(find "$work/logs" -name '*.log' | wc -l)
bad=$(grep -lE 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$work/logs"/*.log 2>/dev/null)
for log in $bad; do
	echo "---- $log"
	cat "$log"
done
echo "valgrind: $runs runs, $(echo "$bad" | wc -w) with errors or definite leaks"
[ "$runs" -gt 0 ] || status=1
[ -z "$bad" ] || status=1
exit $status
