#!/bin/sh
# run.sh - the pacta benchmarks (`make bench`): every figure is a ratio of
# two measurements taken in the same run, printed as a Markdown table.
#
# Environment: BUILDDIR (the build tree holding pacta and bench/*; default
# .), SRCDIR (bench/ sources; default the folder of this script), RUNS
# (hyperfine runs for small inputs, default 10), BIGRUNS (for the large
# file, default 3), ROUNDS (rows 3 and 8: rounds of their commands by
# turns, default 15), ITEMS (items in the large agreement, default 100000),
# LIMIT (seconds one command may take before its row is given up, default
# 60), KEYS (characters typed for row 6, default 5000), CG_ITEMS (items of
# the agreement row 3 counts instructions on with callgrind, when valgrind
# is installed, default 30000).
set -u
BUILDDIR=${BUILDDIR:-.}
SRCDIR=${SRCDIR:-$(dirname "$0")}
RUNS=${RUNS:-10}
BIGRUNS=${BIGRUNS:-3}
ROUNDS=${ROUNDS:-15}
ITEMS=${ITEMS:-100000}
LIMIT=${LIMIT:-60}
KEYS=${KEYS:-5000}
PACTA=$BUILDDIR/pacta
GEN=$BUILDDIR/bench/gen
FLOOR=$BUILDDIR/bench/floor
LOAD=$BUILDDIR/bench/load
PTY="python3 $SRCDIR/ptybench.py"
export LC_ALL=C.UTF-8 LANGUAGE=

for tool in hyperfine python3; do
    command -v $tool >/dev/null || { echo "bench: $tool is missing" >&2; exit 77; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/pacta-bench.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
# The editor runs of rows 5 and 6 are killed, not quit: their recovery
# files (and locks) go to the temporary folder, not the user's.
XDG_STATE_HOME=$W/state
export XDG_STATE_HOME

log() { echo "bench: $*" >&2; }
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.2f" % (a/b) if b else "n/a")' "$1" "$2"; }
fmt_s() { python3 -c 'import sys; v=float(sys.argv[1]); print("%.0f ms" % (v*1e3) if v >= 0.01 else "%.1f ms" % (v*1e3))' "$1"; }
# check VALUE OP GOAL -> yes/no
check() { python3 -c 'import sys,operator as o; v,g=float(sys.argv[1]),float(sys.argv[3]); print("yes" if {"le":o.le,"ge":o.ge,"lt":o.lt}[sys.argv[2]](v,g) else "**no**")' "$1" "$2" "$3"; }
# fits CMD...: does one run finish within LIMIT seconds?
fits() { timeout "$LIMIT" "$@" >/dev/null 2>&1; test $? -ne 124; }
# hf NAME RUNS [hyperfine options] CMD...: median seconds of each command,
# one a line, all measured in one hyperfine run (interleaved warm-up).
hf() {
    name=$1 runs=$2 HF_OPTS=
    shift 2
    if [ "$1" = -i ]; then HF_OPTS=-i; shift; fi
    hyperfine -N $HF_OPTS --style none --warmup 1 --runs "$runs" --export-json "$W/$name.json" "$@" >/dev/null 2>&1 || return 1
    python3 -c 'import json,sys; [print(r["median"]) for r in json.load(open(sys.argv[1]))["results"]]' "$W/$name.json"
}
# turns NAME ROUNDS CMD...: like hf, but ROUNDS rounds that each run every
# command once (after one warm-up), so that a burst of noise on the shared
# machine falls on all of them alike.  One line a command: the median of
# its times over the rounds; the median of its ratio to the first command
# within each round; the lower and upper quartiles of that ratio.  (Single
# runs of the same command move by up to 40% on this kind of machine; the
# ratio within a round moves less, and its median over many rounds least.)
turns() {
    # (sh has no local variables: hf sets name and runs, so these differ)
    t_name=$1 t_rounds=$2 t_k=0
    shift 2
    while [ "$t_k" -lt "$t_rounds" ]; do
        hf "$t_name.$t_k" 1 "$@" >"$W/$t_name.$t_k.txt" || return 1
        t_k=$((t_k + 1))
    done
    python3 -c '
import statistics, sys
runs = [[float(x) for x in open(f).read().split()] for f in sys.argv[1:]]
for i in range(len(runs[0])):
    ratios = [r[i] / r[0] for r in runs]
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    print(statistics.median(r[i] for r in runs), statistics.median(ratios), q[0], q[2])' "$W/$t_name".*.txt
}
ROWS=
row() { ROWS="$ROWS$*
"; }

log "generating agreements of 10, 1000, 10000, $ITEMS items"
for n in 10 1000 10000 "$ITEMS"; do
    "$GEN" "$n" >"$W/a$n.yaml" || exit 1
done
"$GEN" --text "$ITEMS" >"$W/a$ITEMS.txt"
BIG=$W/a$ITEMS.yaml
SIZE=$(stat -c %s "$BIG")
MB=$(python3 -c "print('%.1f' % ($SIZE/1e6))")
log "large agreement: $ITEMS items, $MB MB"

# 1, 2: fmt against the floor and python3-yaml (each run rewrites a fresh copy).
cat >"$W/rt.py" <<'PY'
import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    d = yaml.load(f, Loader=yaml.CSafeLoader)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    yaml.dump(d, f, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
PY
cp "$BIG" "$W/w.yaml"
if fits "$PACTA" fmt "$W/w.yaml"; then
    log "1-2: fmt, floor, python3-yaml"
    set -- $(hf fmt "$BIGRUNS" --prepare "cp $BIG $W/w.yaml" "$PACTA fmt $W/w.yaml" "$FLOOR $W/w.yaml") || true
    # python3-yaml is 15-30 times slower: one run is enough for the ratio.
    set -- "$@" $(hyperfine -N --style none --runs 1 --prepare "cp $BIG $W/w.yaml" \
        --export-json "$W/py.json" "python3 $W/rt.py $W/w.yaml" >/dev/null 2>&1 && median "$W/py.json")
    if [ $# -eq 3 ]; then
        r1=$(ratio "$1" "$2") r2=$(ratio "$3" "$1")
        row "| 1 | \`pacta fmt\`, $MB MB | $(fmt_s "$1") | floor (libyaml parse+emit) $(fmt_s "$2") | ${r1}× | ≤ 1.5× | $(check "$r1" le 1.5) |"
        row "| 2 | same round trip | $(fmt_s "$1") | python3-yaml CSafeLoader+CSafeDumper $(fmt_s "$3") (1 run) | ${r2}× faster | ≥ 20× faster | $(check "$r2" ge 20) |"
    else
        row "| 1-2 | \`pacta fmt\` | hyperfine failed | | | | **no** |"
    fi
else
    row "| 1 | \`pacta fmt\`, $MB MB | > ${LIMIT} s (given up) | floor | | ≤ 1.5× | **no** |"
    row "| 2 | same round trip | > ${LIMIT} s | python3-yaml | | ≥ 20× faster | **no** |"
fi

# 3: summary against loading alone.
if fits "$PACTA" summary "$BIG" -f text; then
    log "3: summary"
    set -- $(turns summary "$ROUNDS" "$LOAD $BIG" "$PACTA summary $BIG -f text" "$PACTA summary $BIG -f html") || true
    if [ $# -eq 12 ]; then
        # the ratio: the median of the rounds' ratios, with its quartiles
        r2() { python3 -c 'import sys; print("%.2f" % float(sys.argv[1]))' "$1"; }
        r=$(r2 "$6") h=$(r2 "${10}")
        row "| 3 | \`pacta summary -f text\`, $MB MB | $(fmt_s "$5") | loading alone $(fmt_s "$1") | ${r}× (quartiles $(r2 "$7")–$(r2 "$8")) | ≤ 1.3× | $(check "$r" le 1.3) |"
        row "| 3 | \`pacta summary -f html\`, $MB MB | $(fmt_s "$9") | loading alone $(fmt_s "$1") | ${h}× (quartiles $(r2 "${11}")–$(r2 "${12}")) | ≤ 1.3× | $(check "$h" le 1.3) |"
    fi
else
    row "| 3 | \`pacta summary\`, $MB MB | > ${LIMIT} s (given up) | loading alone | | ≤ 1.3× | **no** |"
fi
# The same in instructions (callgrind: every thread's, so validation's
# too), which the machine's noise does not move, on CG_ITEMS items.
CG_ITEMS=${CG_ITEMS:-30000}
if command -v valgrind >/dev/null; then
    log "3: instructions"
    "$GEN" "$CG_ITEMS" >"$W/cg.yaml" || exit 1
    # instr NAME CMD...: the instructions callgrind counted
    instr() {
        n=$1
        shift
        valgrind --tool=callgrind --callgrind-out-file="$W/$n.cg" "$@" >/dev/null 2>"$W/$n.log" || return 1
        sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$W/$n.log"
    }
    il=$(instr load "$LOAD" "$W/cg.yaml") it=$(instr text "$PACTA" summary "$W/cg.yaml" -f text) \
        ih=$(instr html "$PACTA" summary "$W/cg.yaml" -f html)
    if [ -n "$il" ] && [ -n "$it" ] && [ -n "$ih" ]; then
        g() { python3 -c 'import sys; print("%.2f G" % (int(sys.argv[1]) / 1e9))' "$1"; }
        cmb=$(python3 -c 'import os,sys; print("%.1f" % (os.path.getsize(sys.argv[1]) / 1e6))' "$W/cg.yaml")
        r=$(ratio "$it" "$il") h=$(ratio "$ih" "$il")
        row "| 3 | \`pacta summary -f text\`, $cmb MB, instructions | $(g "$it") | loading alone $(g "$il") | ${r}× | ≤ 1.3× | $(check "$r" le 1.3) |"
        row "| 3 | \`pacta summary -f html\`, $cmb MB, instructions | $(g "$ih") | loading alone $(g "$il") | ${h}× | ≤ 1.3× | $(check "$h" le 1.3) |"
    fi
fi

# 4: spell against hunspell -l on the same free text.
if command -v hunspell >/dev/null && [ -f /usr/share/hunspell/es_ES.dic ]; then
    if fits "$PACTA" spell "$BIG"; then
        log "4: spell"
        set -- $(hf spell "$BIGRUNS" -i "$PACTA spell $BIG" "hunspell -d es_ES -l $W/a$ITEMS.txt") || true
        if [ $# -eq 2 ]; then
            r=$(ratio "$1" "$2")
            row "| 4 | \`pacta spell\`, $MB MB | $(fmt_s "$1") | \`hunspell -l\` on the same text $(fmt_s "$2") | ${r}× | ≤ 0.5× | $(check "$r" le 0.5) |"
        fi
    else
        row "| 4 | \`pacta spell\`, $MB MB | > ${LIMIT} s (given up) | \`hunspell -l\` | | ≤ 0.5× | **no** |"
    fi
else
    row "| 4 | \`pacta spell\` | skipped: hunspell or es_ES missing | | | | |"
fi

# 5: first screen in a pseudo-terminal against dialog --inputbox, measured
# by turns.  First screen: the last byte before 30 ms of quiet with the
# main thread waiting for a key; settled: the last byte before 0.3 s of
# quiet with every thread asleep (for pacta, the spelling marks drawn once
# the dictionary has loaded in the background).  The goal is on the first.
if command -v dialog >/dev/null; then
    log "5: first screen"
    set -- $($PTY first "$RUNS" "$PACTA" "$W/a10.yaml" --- dialog --inputbox "Título del acuerdo" 8 60) || true
    if [ $# -eq 4 ]; then
        r=$(ratio "$1" "$3")
        row "| 5 | first screen, \`pacta\` on 10 items (pty 80×24) | $(fmt_s "$1"); settled, spelling marks drawn: $(fmt_s "$2") | \`dialog --inputbox\` $(fmt_s "$3"); settled $(fmt_s "$4") | ${r}× (settled $(ratio "$2" "$4")×) | ≤ 1.5× | $(check "$r" le 1.5) |"
    else
        row "| 5 | first screen | ptybench failed | | | ≤ 1.5× | **no** |"
    fi
else
    row "| 5 | first screen | skipped: dialog is not installed (apt-get install dialog) | | | | |"
fi

# 6: CPU and bytes per keystroke, large against small agreement.
log "6: typing $KEYS characters"
s=$(timeout $((LIMIT * 4)) $PTY type "$KEYS" "$PACTA" "$W/a10.yaml")
b=
# The large agreement must first open within LIMIT seconds.
if PTYBENCH_IDLE=1 timeout "$LIMIT" $PTY first 1 "$PACTA" "$BIG" >/dev/null 2>&1; then
    b=$(timeout $((LIMIT * 4)) $PTY type "$KEYS" "$PACTA" "$BIG")
fi
if [ -n "$s" ] && [ -n "$b" ]; then
    set -- $s $b
    r=$(ratio "$3" "$1")
    row "| 6 | CPU per key, typing $KEYS chars, $ITEMS items | $3 µs | the same on 10 items: $1 µs | ${r}× | ≤ 1.2× | $(check "$r" le 1.2) |"
    row "| 6 | bytes to the terminal per key ($ITEMS / 10 items) | $4 / $2 B | | | ≤ 64 B | $(check "$4" le 64) |"
else
    row "| 6 | typing into a field of $ITEMS items | > $((LIMIT * 4)) s or failed (10 items: ${s:-failed}) | | | ≤ 1.2× | **no** |"
fi

# 7: peak memory loading the large agreement.
log "7: peak memory"
m=$(/usr/bin/time -f %M "$LOAD" "$BIG" 2>&1 >/dev/null | tail -1)
py=$(/usr/bin/time -f %M python3 -c 'import sys,yaml; yaml.load(open(sys.argv[1],encoding="utf-8"),Loader=yaml.CSafeLoader)' "$BIG" 2>&1 >/dev/null | tail -1)
x=$(python3 -c "print('%.1f' % ($m*1024/$SIZE))")
row "| 7 | peak RSS loading $MB MB | $((m / 1024)) MB (${x}× the file) | python3-yaml CSafeLoader $((py / 1024)) MB | $(ratio "$m" "$py")× | ≤ 5× the file, < python3 | $(test "$(check "$x" le 5)" = yes && test "$m" -lt "$py" && echo yes || echo '**no**') |"

# 8: growth of loading time.
log "8: growth"
# by turns too: a burst of noise on the large file's runs alone once made
# a ×9.5 step read ×11.1; each step is the median of the rounds' ratios
if turns growth "$ROUNDS" "$LOAD $W/a1000.yaml" "$LOAD $W/a10000.yaml" "$LOAD $BIG" >"$W/growth.txt"; then
    set -- $(cut -d' ' -f1 "$W/growth.txt") $(python3 -c '
import statistics, sys
runs = [[float(x) for x in open(f).read().split()] for f in sys.argv[1:]]
print(statistics.median(r[1] / r[0] for r in runs), statistics.median(r[2] / r[1] for r in runs))' "$W"/growth.*.txt)
else
    set --
fi
if [ $# -eq 5 ]; then
    g1=$(python3 -c 'import sys; print("%.2f" % float(sys.argv[1]))' "$4")
    g2=$(python3 -c 'import sys; print("%.2f" % float(sys.argv[1]))' "$5")
    row "| 8 | load 1k → 10k → $ITEMS items | $(fmt_s "$1") → $(fmt_s "$2") → $(fmt_s "$3") | | ×${g1}, ×${g2} | ≤ ×11 each | $(test "$(check "$g1" le 11)" = yes && test "$(check "$g2" le 11)" = yes && echo yes || echo '**no**') |"
fi

echo "| # | work | pacta | compared with | ratio | goal | met |"
echo "|---|---|---|---|---|---|---|"
printf %s "$ROWS"
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs ($BIGRUNS for the $MB MB file)."
