#!/bin/sh
# check.sh - `pacta check` against the fixtures of tests/data/check (TAP).
#
# Each NAME.expected holds "# exit N", then the exact standard output, then,
# when something is written there, "# stderr" and the exact standard error
# (tests/data/check/README.md).  The check runs inside the fixture's folder
# with a relative file name, so the expected lines do not depend on where the
# source tree is.  PACTA_REGEN=1 rewrites the .expected files instead of
# comparing (read the diff before committing it).
: "${PACTA:?PACTA must name the pacta binary}"
: "${top_srcdir:=.}"
LC_ALL=C.UTF-8
LANGUAGE=
export LC_ALL LANGUAGE
data=$(cd "$top_srcdir/tests/data/check" && pwd) || exit 99
case $PACTA in /*) ;; *) PACTA=$(pwd)/$PACTA ;; esac
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
# diag FILE: show a file as TAP comments
diag() { sed 's/^/#   /' "$1"; }

# run_in DIR OUT ARGS...: run pacta check ARGS in DIR; OUT gets the
# "# exit N" / stdout / "# stderr" / stderr layout of the .expected files.
run_in() {
    dir=$1 out=$2
    shift 2
    (cd "$dir" && "$PACTA" check "$@" >"$tmp/stdout" 2>"$tmp/stderr"; echo $? >"$tmp/rc")
    {
        echo "# exit $(cat "$tmp/rc")"
        cat "$tmp/stdout"
        if [ -s "$tmp/stderr" ]; then
            echo "# stderr"
            cat "$tmp/stderr"
        fi
    } >"$out"
}

# Fixtures made at test time (too big or too odd to keep in git).
gen_fixtures() {
    # 70 nested flow lists: past the loader's limit of 64 levels.
    {
        printf 'apiVersion: pacta/v1\nkind: ServiceLevelAgreement\nx-deep: '
        i=0
        while [ $i -lt 70 ]; do printf '['; i=$((i + 1)); done
        i=0
        while [ $i -lt 70 ]; do printf ']'; i=$((i + 1)); done
        printf '\n'
    } >"$tmp/deep-nesting.sla.yaml"
}
gen_fixtures

# ---- every fixture against its expected output ----
generated="deep-nesting"
nfix=0
for name in $(cd "$data" && ls *.sla.yaml | sed 's/\.sla\.yaml$//') $generated; do
    exp=$data/$name.expected
    dir=$data
    [ -f "$data/$name.sla.yaml" ] || dir=$tmp
    nfix=$((nfix + 1))
    run_in "$dir" "$tmp/got" "$name.sla.yaml"
    if [ -n "$PACTA_REGEN" ]; then
        cp "$tmp/got" "$exp"
        pass "$name: regenerated"
    elif [ ! -f "$exp" ]; then
        fail "$name: no $name.expected"
        diag "$tmp/got"
    elif cmp -s "$tmp/got" "$exp"; then
        pass "$name"
    else
        fail "$name"
        diff -u "$exp" "$tmp/got" >"$tmp/diff"
        diag "$tmp/diff"
    fi
done
# An expected output without its fixture is a stale file.
for exp in "$data"/*.expected; do
    name=$(basename "$exp" .expected)
    case " $generated " in *" $name "*) continue ;; esac
    [ -f "$data/$name.sla.yaml" ] || fail "$name.expected has no $name.sla.yaml"
done
[ "$nfix" -ge 60 ] && pass "$nfix fixtures compared" || fail "only $nfix fixtures found in $data"

# expect NAME WANT_RC FILE...: status of check on several files (in $data).
expect_rc() {
    name=$1 want=$2
    shift 2
    (cd "$data" && "$PACTA" check "$@" >"$tmp/stdout" 2>"$tmp/stderr"; echo $? >"$tmp/rc")
    rc=$(cat "$tmp/rc")
    if [ "$rc" = "$want" ]; then
        pass "$name (exit $rc)"
    else
        fail "$name: exit $rc, want $want"
        diag "$tmp/stdout"
        diag "$tmp/stderr"
    fi
}

# ---- the examples are valid and clean ----
for ex in panaderia-lopez web-hosting-basic; do
    "$PACTA" check "$top_srcdir/examples/$ex.sla.yaml" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    if [ $rc = 0 ] && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ]; then
        pass "examples/$ex.sla.yaml: exit 0, no findings"
    else
        fail "examples/$ex.sla.yaml: exit $rc"
        diag "$tmp/stdout"
        diag "$tmp/stderr"
    fi
done

# ---- several files at once: every file is reported, the worst status wins ----
expect_rc "a warning and a clean file" 0 newer-minor-version.sla.yaml base.sla.yaml
expect_rc "an error after a clean file" 1 base.sla.yaml target-over-100.sla.yaml
expect_rc "an error before a clean file" 1 target-over-100.sla.yaml base.sla.yaml
expect_rc "an unreadable file after an error" 65 target-over-100.sla.yaml refuse-alias.sla.yaml
expect_rc "an error after an unreadable file" 65 refuse-alias.sla.yaml target-over-100.sla.yaml base.sla.yaml
# and the output is each file's own output, in the order given
(cd "$data" && "$PACTA" check target-over-100.sla.yaml refuse-alias.sla.yaml due-outside-term.sla.yaml \
    >"$tmp/stdout" 2>"$tmp/stderr")
{ sed '1d' "$data/target-over-100.expected"; sed '1d' "$data/due-outside-term.expected"; } >"$tmp/want"
sed '1,/^# stderr$/d' "$data/refuse-alias.expected" >"$tmp/want_err"
if cmp -s "$tmp/stdout" "$tmp/want" && cmp -s "$tmp/stderr" "$tmp/want_err"; then
    pass "several files: each file's findings in order, refusals on stderr"
else
    fail "several files: each file's findings in order, refusals on stderr"
    diag "$tmp/stdout"
    diag "$tmp/stderr"
fi

# ---- a missing file: 65, named on stderr, the others still checked ----
(cd "$data" && "$PACTA" check no-such-file.sla.yaml target-over-100.sla.yaml >"$tmp/stdout" 2>"$tmp/stderr"
    echo $? >"$tmp/rc")
if [ "$(cat "$tmp/rc")" = 65 ] && grep -q '^pacta: .*no-such-file\.sla\.yaml' "$tmp/stderr" &&
    [ "$(wc -l <"$tmp/stderr")" -eq 1 ] && grep -q '^target-over-100\.sla\.yaml:' "$tmp/stdout"; then
    pass "a missing file exits 65 and is named; the next file is still checked"
else
    fail "a missing file exits 65 and is named; the next file is still checked"
    diag "$tmp/stdout"
    diag "$tmp/stderr"
fi
"$PACTA" check "$tmp" >/dev/null 2>"$tmp/stderr"
rc=$?
[ $rc = 65 ] && grep -q "folder" "$tmp/stderr" && pass "a folder exits 65" || { fail "a folder: exit $rc"; diag "$tmp/stderr"; }
"$PACTA" check >/dev/null 2>"$tmp/stderr"
rc=$?
[ $rc = 64 ] && [ -s "$tmp/stderr" ] && pass "no file: usage error 64" || fail "no file: exit $rc"

# ---- --max-size ----
(cd "$data" && "$PACTA" check --max-size 1K base.sla.yaml >"$tmp/stdout" 2>"$tmp/stderr"; echo $? >"$tmp/rc")
if [ "$(cat "$tmp/rc")" = 65 ] && grep -q '^pacta: .*base\.sla\.yaml.*1024' "$tmp/stderr" && [ ! -s "$tmp/stdout" ]; then
    pass "--max-size 1K refuses a 3 KiB file, naming it and the limit"
else
    fail "--max-size 1K refuses a 3 KiB file, naming it and the limit"
    diag "$tmp/stderr"
fi
# a file over the default limit of 16 MiB: refused, then read with the limit raised
big=$tmp/big.sla.yaml
{
    cat "$data/base.sla.yaml"
    printf 'x-padding: "'
    head -c 17000000 /dev/zero | tr '\0' 'a'
    printf '"\n'
} >"$big"
"$PACTA" check "$big" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
if [ $rc = 65 ] && grep -q 'max-size' "$tmp/stderr"; then
    pass "a 17 MB file is refused by default, and the message names --max-size"
else
    fail "a 17 MB file is refused by default, and the message names --max-size (exit $rc)"
    diag "$tmp/stderr"
fi
"$PACTA" check --max-size 32M "$big" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ] &&
    pass "--max-size 32M reads it: exit 0, no findings" || { fail "--max-size 32M: exit $rc"; diag "$tmp/stdout"; diag "$tmp/stderr"; }
"$PACTA" check --max-size lots "$data/base.sla.yaml" >/dev/null 2>"$tmp/stderr"
rc=$?
[ $rc = 64 ] && grep -q 'lots' "$tmp/stderr" && pass "--max-size lots: usage error 64" || fail "--max-size lots: exit $rc"

echo "1..$n"
[ -z "$PACTA_REGEN" ] || echo "# regenerated the .expected files in $data: review the diff"
exit 0
