# tests/tmux/lib.sh - what the tmux tests share; sourced, after a test has
# set NAME (its temporary folder and tmux socket are named after it) and
# made its own skip checks.
#
# Skips (77) without tmux or a built pacta.  Sets top_srcdir, PACTA, tmp (a
# fresh folder, removed at exit) and t (tmux on a private server, -L, with
# no configuration; killed at exit).  Gives wait_for, keys and type_text for
# the window "w".
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
PACTA=${PACTA:-$top_srcdir/pacta}
TMUX_BIN=${TMUX_BIN:-tmux}
case $TMUX_BIN in no|"") TMUX_BIN=tmux ;; esac
command -v "$TMUX_BIN" >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 77; }
[ -x "$PACTA" ] || { echo "1..0 # SKIP pacta not built"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacta-$NAME.XXXXXX") || exit 1
sock=pacta-$NAME-$$
t() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
cleanup() { t kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT HUP INT TERM

# Wait until the screen shows $1 (up to 10 s); on a timeout, show it.
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        t capture-pane -p -t w 2>/dev/null | grep -qF -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "# timed out waiting for: $1"
    t capture-pane -p -t w 2>/dev/null | sed 's/^/#   /'
    return 1
}
keys() { t send-keys -t w "$@"; sleep 0.15; }
type_text() { t send-keys -t w -l -- "$1"; sleep 0.15; }
