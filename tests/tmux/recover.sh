#!/bin/sh
# tests/tmux/recover.sh - crash recovery with the real binary in tmux (TAP).
#
# Text typed in a real terminal and never saved; then the tmux server is
# killed (the pty closes: SIGHUP).  The recovery file must hold the text;
# reopening the agreement offers it; "recover" brings the text back.
# Skips (77) without tmux.
set -u
NAME=recover
. "$(dirname "$0")/lib.sh"
echo "1..5"

start() {
    t new-session -d -s w -x 100 -y 30 \
        "cd '$tmp' && env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= \
         HOME='$tmp' XDG_STATE_HOME='$tmp/state' PACTA_RECOVER_DELAY_MS=60000 \
         PACTA_TODAY=2026-11-28 '$PACTA' --lang en acuerdo.sla.yaml; echo EXITED \$?; sleep 30"
}

cp "$top_srcdir/examples/web-hosting-basic.sla.yaml" "$tmp/acuerdo.sla.yaml"
start
wait_for "Website hosting" || true
keys End
type_text " never saved"
wait_for "never saved" || true
# The idle delay is a minute: only the hang-up can have written the file.
t kill-server
i=0
while [ $i -lt 50 ] && ! ls "$tmp/state/pacta/recover/" 2>/dev/null | grep -q acuerdo; do
    sleep 0.1
    i=$((i + 1))
done
rec=$(ls "$tmp"/state/pacta/recover/*acuerdo.sla.yaml 2>/dev/null | head -1)
if [ -n "$rec" ] && grep -q 'title: "Website hosting for small shops never saved"' "$rec"; then
    echo "ok 1 - the hang-up wrote the recovery file with the typed text"
else
    echo "not ok 1 - the hang-up wrote the recovery file with the typed text"
    ls -la "$tmp/state/pacta/recover" 2>&1 | sed 's/^/# /'
fi
if [ -n "$rec" ] && [ "$(stat -c %a "$rec")" = 600 ]; then
    echo "ok 2 - the recovery file is private (0600)"
else
    echo "not ok 2 - the recovery file is private (0600)"
fi
if grep -q 'never saved' "$tmp/acuerdo.sla.yaml"; then
    echo "not ok 3 - the agreement itself was not written"
else
    echo "ok 3 - the agreement itself was not written"
fi

# The killed pacta writes the recovery file, then lets go of its lock a
# moment later (without waiting for its dictionary: tests/tmux/hangup.sh),
# removing the lock file as it does: reopen once that is gone, as a person
# would, not in the same instant (the lock dialog would come first).
i=0
while [ $i -lt 50 ] && [ -e "$tmp/.acuerdo.sla.yaml.lock" ]; do
    sleep 0.1
    i=$((i + 1))
done
start
if wait_for "Recover them?"; then
    echo "ok 4 - reopening offers the recovery"
else
    echo "not ok 4 - reopening offers the recovery"
fi
keys r
if wait_for "small shops never saved"; then
    echo "ok 5 - recover brings the text back"
else
    echo "not ok 5 - recover brings the text back"
fi
keys F10
keys d
exit 0
