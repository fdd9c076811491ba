#!/bin/sh
# tests/tmux/hangup.sh - a hang-up while the dictionary is still loading
# (TAP): the real binary in tmux, its dictionary slowed down to 10 s with
# PACTA_TEST_SPELL_DELAY_MS (src/spell.h); text typed, then SIGHUP.  pacta
# writes its recovery file, lets go of its lock and is gone at once, without
# waiting for the loading on its worker thread.  Skips (77) without tmux.
set -u
[ -d /proc/self/task ] || { echo "1..0 # SKIP no /proc"; exit 77; }
NAME=hangup
. "$(dirname "$0")/lib.sh"

# The dictionary takes this long; pacta must be gone well within BOUND_MS
# of the signal (far below it: the old wait was the whole loading).
DELAY_MS=10000
BOUND_MS=2000

echo "1..5"

# gone: no such process, or a zombie not yet reaped by tmux
gone() {
    [ ! -e "/proc/$1" ] && return 0
    state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
    [ -z "$state" ] || [ "$state" = Z ]
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

cp "$top_srcdir/examples/web-hosting-basic.sla.yaml" "$tmp/acuerdo.sla.yaml"
t new-session -d -s w -x 100 -y 30 \
    "cd '$tmp' && echo \$\$ >pid && exec env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
     LANGUAGE= HOME='$tmp' XDG_STATE_HOME='$tmp/state' XDG_DATA_HOME='$tmp/data' \
     PACTA_DICT='$top_srcdir/tests/data/dict/tiny' PACTA_TEST_SPELL_DELAY_MS=$DELAY_MS \
     PACTA_RECOVER_DELAY_MS=60000 PACTA_TODAY=2026-11-28 '$PACTA' --lang en acuerdo.sla.yaml"
wait_for "Website hosting" || true
t send-keys -t w End
t send-keys -t w -l -- " typed"
wait_for "shops typed" || true
pid=$(cat "$tmp/pid" 2>/dev/null)
case $pid in '' | *[!0-9]*) echo "Bail out! no pid of pacta"; exit 1 ;; esac

# The loader is still at work: a second thread.
threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
if [ "$threads" -ge 2 ]; then
    echo "ok 1 - the dictionary is still loading on its thread"
else
    echo "not ok 1 - the dictionary is still loading on its thread ($threads threads)"
fi

start=$(now_ms)
kill -HUP "$pid"
while ! gone "$pid" && [ $(($(now_ms) - start)) -lt $((DELAY_MS + 5000)) ]; do
    sleep 0.02
done
took=$(($(now_ms) - start))
if gone "$pid" && [ $took -lt $BOUND_MS ]; then
    echo "ok 2 - gone ${took} ms after the hang-up (the loading takes ${DELAY_MS} ms)"
else
    echo "not ok 2 - gone within ${BOUND_MS} ms of the hang-up: ${took} ms (the loading takes ${DELAY_MS} ms)"
fi

rec=$(ls "$tmp"/state/pacta/recover/*acuerdo.sla.yaml 2>/dev/null | head -1)
if [ -n "$rec" ] && grep -q 'title: "Website hosting for small shops typed"' "$rec"; then
    echo "ok 3 - the recovery file holds the typed text"
else
    echo "not ok 3 - the recovery file holds the typed text"
    ls -la "$tmp/state/pacta/recover" 2>&1 | sed 's/^/# /'
fi
if [ -e "$tmp/.acuerdo.sla.yaml.lock" ]; then
    echo "not ok 4 - the lock is let go"
else
    echo "ok 4 - the lock is let go"
fi
if grep -q 'typed' "$tmp/acuerdo.sla.yaml"; then
    echo "not ok 5 - the agreement itself was not written"
else
    echo "ok 5 - the agreement itself was not written"
fi
exit 0
