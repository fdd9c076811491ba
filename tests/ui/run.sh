#!/bin/sh
# tests/ui/run.sh - the headless UI tests (TAP).
#
# Every tests/ui/*.script runs the real pacta binary on a null terminal
# (PACTA_UI_SCRIPT, see ui/term.h for the commands) in a fresh folder; the
# screen dumps it prints are compared with tests/ui/NAME.expected.
#
# Header lines at the top of a script:
#   # size: 80x24        terminal size (default 80x24)
#   # copy: FILE         copy FILE (from the source tree) into the folder
#   # args: ARGS         arguments to pacta (split on blanks)
#   # env: VAR=VALUE     an environment variable for this run
# Printing goes to tests/ui/fake-lp.sh (PACTA_LP), which keeps a copy.
#   # after: COMMAND     a shell command run in the folder afterwards; it
#                        must succeed (checks on the saved file)
#   # status: N         the exit status expected (default 0)
#   # before: COMMAND    a shell command run in the folder before pacta
#   # hold: FILE         while pacta runs, another process holds FILE (a
#                        lock file) with flock, as "ana office-pc 4242
#                        1795000000" (user, host, pid, time): pacta sees the
#                        agreement as open elsewhere
#
# Every run spells with the tiny fixture dictionary (PACTA_DICT), so that
# underlines and suggestions do not depend on the dictionaries installed;
# the personal dictionary goes to home/data/pacta/dictionary.txt.
#
# To regenerate the expected dumps after an intended change, run with
# PACTA_UI_REGEN=1 (then read the diff before committing):
#   PACTA_UI_REGEN=1 make check TESTS=tests/ui/run.sh
# PACTA_UI_ONLY=NAME (or a shell pattern) runs only the matching scripts.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
PACTA=${PACTA:-$top_srcdir/pacta}
here=$top_srcdir/tests/ui
if [ ! -x "$PACTA" ]; then
    echo "1..0 # SKIP pacta binary not built ($PACTA)"
    exit 77
fi
scripts=$(ls "$here"/${PACTA_UI_ONLY:-*}.script 2>/dev/null)
n=0
for s in $scripts; do n=$((n + 1)); done
echo "1..$n"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacta-ui.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
i=0
fail=0
for s in $scripts; do
    i=$((i + 1))
    name=$(basename "$s" .script)
    dir=$tmp/$name
    mkdir -p "$dir/home"
    size=80x24
    args=
    envs=
    afters=
    holds=
    befores=
    want=0
    while IFS= read -r line; do
        case $line in
        "# size: "*) size=${line#\# size: } ;;
        "# copy: "*) cp "$top_srcdir/${line#\# copy: }" "$dir/" ;;
        "# args: "*) args=${line#\# args: } ;;
        "# env: "*) envs="$envs ${line#\# env: }" ;;
        "# status: "*) want=${line#\# status: } ;;
        "# before: "*) befores="$befores${line#\# before: }
" ;;
        "# hold: "*) holds="$holds ${line#\# hold: }" ;;
        "# after: "*) afters="$afters${line#\# after: }
" ;;
        "#"*) ;;
        *) break ;;
        esac
    done <"$s"
    out=$dir/out
    if [ -n "$befores" ]; then
        (cd "$dir" && printf '%s' "$befores" | sh -e) >"$dir/before" 2>&1
    fi
    hpids=
    for h in $holds; do
        printf 'ana office-pc 4242 1795000000\n' >"$dir/$h"
        # shellcheck disable=SC2016
        sh -c 'exec 9>>"$1"; flock 9; exec sleep 300' _ "$dir/$h" &
        hpids="$hpids $!"
        n_wait=0
        while flock -n "$dir/$h" true 2>/dev/null && [ $n_wait -lt 50 ]; do
            sleep 0.1
            n_wait=$((n_wait + 1))
        done
    done
    # the printer stand-in is called by a relative name, so that no dump
    # shows where the source tree is
    cp "$here/fake-lp.sh" "$dir/fake-lp.sh"
    # shellcheck disable=SC2086
    (cd "$dir" && env HOME="$dir/home" XDG_STATE_HOME="$dir/home/state" \
        XDG_CONFIG_HOME="$dir/home/config" XDG_DATA_HOME="$dir/home/data" \
        PACTA_DICT="$top_srcdir/tests/data/dict/tiny" TERM=xterm-256color \
        PACTA_TODAY=2026-11-28 PACTA_UI_SCRIPT="$s" PACTA_UI_SIZE="$size" \
        VISUAL="$here/fake-editor.sh" PACTA_LP=./fake-lp.sh $envs "$PACTA" $args >"$out" 2>"$dir/err")
    rc=$?
    for p in $hpids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    ok=1
    why=
    if [ $rc -ne "$want" ]; then
        ok=0
        why="exit status $rc"
    fi
    if [ -n "$afters" ]; then
        if ! (cd "$dir" && printf '%s' "$afters" | sh -e) >"$dir/after" 2>&1; then
            ok=0
            why="$why; after-check failed"
        fi
    fi
    if [ "${PACTA_UI_REGEN:-}" = 1 ]; then
        cp "$out" "$here/$name.expected"
    elif ! diff -u "$here/$name.expected" "$out" >"$dir/diff" 2>&1; then
        ok=0
        why="$why; screen differs"
    fi
    if [ $ok = 1 ]; then
        echo "ok $i - $name"
    else
        fail=1
        echo "not ok $i - $name:$why"
        sed 's/^/# /' "$dir/err" "$dir/diff" 2>/dev/null | head -80
        [ -f "$dir/after" ] && sed 's/^/# after: /' "$dir/after"
    fi
done
exit 0
