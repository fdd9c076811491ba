#!/bin/sh
# killtest.sh - kill a saving process with SIGKILL at random moments; after
# each kill the file must be exactly the complete old or the complete new
# version (issue 6).  TAP.  KILLTEST_TRIALS (default 300), KILLTEST_SIZE
# (bytes, default 262144).
KILLSAVE=${top_builddir:-.}/tests/killsave
TRIALS=${KILLTEST_TRIALS:-300}
SIZE=${KILLTEST_SIZE:-262144}

if [ ! -x "$KILLSAVE" ]; then
    echo "1..0 # SKIP $KILLSAVE not built"
    exit 77
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/killtest.XXXXXX") || { echo "1..0 # SKIP no temporary folder"; exit 77; }
trap 'rm -rf "$dir"' EXIT
file=$dir/large.sla.yaml

if ! "$KILLSAVE" init "$file" "$SIZE"; then
    echo "Bail out! cannot write $file"
    exit 1
fi

start=$(date +%s)
n=0 fail=0 na=0 nb=0
# A seeded LCG: random moments, yet the same run can be repeated.
seed=${KILLTEST_SEED:-$$}
while [ "$n" -lt "$TRIALS" ]; do
    n=$((n + 1))
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    ms=$(( seed / 65536 % 40 ))
    "$KILLSAVE" save "$file" "$SIZE" &
    pid=$!
    sleep "0.$(printf %03d "$ms")"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if got=$("$KILLSAVE" check "$file" "$SIZE"); then
        echo "ok $n - killed after ${ms} ms: complete version $got"
        case $got in A) na=$((na + 1)) ;; B) nb=$((nb + 1)) ;; esac
    else
        echo "not ok $n - killed after ${ms} ms: $got"
        fail=$((fail + 1))
        cp "$file" "${TMPDIR:-/tmp}/killtest-failure-$n.sla.yaml" 2>/dev/null
    fi
done
left=$(find "$dir" -name '.large.sla.yaml.*' | wc -l)
echo "# $n trials in $(( $(date +%s) - start )) s, size $SIZE bytes: $na found as A, $nb as B, $fail broken; $left temporary files left by killed saves (the target was never touched)"
echo "1..$n"
[ "$fail" -eq 0 ]
