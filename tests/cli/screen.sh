# Helpers for tests that drive the organiser's screen under tmux: a
# private tmux server, keys sent as a person types them, and waits that
# poll the screen a bounded number of times rather than sleeping long.
# Source after lib.sh; F names the conference file.
SOCK="convene-test-$$"
T() { tmux -L "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

screen() { T capture-pane -p -t tui 2>/dev/null; }
# wait_for TEXT: poll the screen until it shows TEXT (about 10 s at most: a
# loaded machine is slow to draw).
wait_for() {
	_polls=0
	while [ $_polls -lt 50 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.2
		_polls=$((_polls + 1))
	done
	return 1
}
# see TEXT DESC: the screen shows TEXT.
see() {
	if wait_for "$1"; then pass "$2"
	else fail "$2" "screen lacks: $1" "$(screen)"; fi
}
keys() { T send-keys -t tui "$@"; }
# click X Y: a left click at column X, line Y (from 0), as an xterm sends it.
click() {
	T send-keys -t tui -l "$(printf '\033[M %b%b' "\\0$(printf %o $(($1 + 33)))" \
		"\\0$(printf %o $(($2 + 33)))")"
	T send-keys -t tui -l "$(printf '\033[M#%b%b' "\\0$(printf %o $(($1 + 33)))" \
		"\\0$(printf %o $(($2 + 33)))")"
}
# start [W H]: the screen on F in a fresh tmux session of that size.
start() {
	T kill-session -t tui 2>/dev/null
	T new-session -d -s tui -x "${1:-120}" -y "${2:-40}" \
		"env LANG=C.UTF-8 '$CONVENE' '$F' 2>'$TMP/tui.err'"
}
