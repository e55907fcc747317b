# TAP helpers for convene's command-line tests. Each test script sources
# this, runs its checks and ends with done_testing.
set -u
: "${CONVENE:?CONVENE must name the convene binary}"
: "${TESTDATA:=$(cd "$(dirname "$0")/../data" && pwd)}"
# need PROGRAM...: the whole file is skipped, with the reason, when any of
# these is not on PATH (sqlite3 reads the file behind every check).
need() {
	missing=""
	for p in sqlite3 "$@"; do
		command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "1..0 # SKIP not on PATH:$missing"
	exit 0
}
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/convene-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# skip DESC REASON: a check that cannot run here, reported as a TAP SKIP.
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

# have PROGRAM: whether PROGRAM is on PATH.
have() { command -v "$1" >/dev/null 2>&1; }

# run CMD...: run convene, keeping stdout, stderr and status.
run() {
	"$CONVENE" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# expect_status N DESC: the last run exited with N.
expect_status() {
	if [ "$status" -eq "$1" ]; then pass "$2"
	else fail "$2" "exit $status, wanted $1" "stderr: $(head -c 400 "$TMP/err")"; fi
}

# expect_err TEXT DESC: stderr of the last run contains TEXT.
expect_err() {
	if grep -qF -- "$1" "$TMP/err"; then pass "$2"
	else fail "$2" "stderr lacks: $1" "stderr: $(head -c 400 "$TMP/err")"; fi
}

# expect_out TEXT DESC: stdout of the last run contains TEXT.
expect_out() {
	if grep -qF -- "$1" "$TMP/out"; then pass "$2"
	else fail "$2" "stdout lacks: $1" "stdout: $(head -c 400 "$TMP/out")"; fi
}

# expect_golden FILE DESC: stdout of the last run is exactly FILE.
expect_golden() {
	if diff -u "$1" "$TMP/out" >"$TMP/diff"; then pass "$2"
	else fail "$2" "differs from $1:" "$(head -40 "$TMP/diff")"; fi
}

# expect_json DESC: stdout of the last run is one valid JSON document.
expect_json() {
	if [ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$TMP/out') AS TEXT))")" = 1 ]
	then pass "$1"; else fail "$1" "not JSON: $(head -c 200 "$TMP/out")"; fi
}

# json_get PATH: a value from the last run's JSON output.
json_get() {
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$TMP/out') AS TEXT), '$1')"
}

# expect_eq GOT WANT DESC
expect_eq() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got '$1', wanted '$2'"; fi
}

# dump FILE: the document's content, for before/after comparisons.
dump() { sqlite3 "$1" .dump | sha1sum; }

# small FILE: build the small fixture conference into FILE.
small() {
	"$CONVENE" new "$1" --event "$TESTDATA/small/event.cfg" >/dev/null &&
	"$CONVENE" import "$1" speakers "$TESTDATA/small/speakers.csv" >/dev/null &&
	"$CONVENE" import "$1" delegates "$TESTDATA/small/delegates.csv" >/dev/null &&
	"$CONVENE" import "$1" sessions "$TESTDATA/small/sessions.csv" >/dev/null &&
	"$CONVENE" import "$1" preferences "$TESTDATA/small/preferences.csv" >/dev/null
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
