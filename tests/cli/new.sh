#!/bin/sh
# new.sh - `pacta new --no-edit`: every type x scope x language is written,
# loads, and `pacta check` complains only about what the user must fill in;
# no overwriting; standard output without FILE (TAP).
: "${PACTA:?PACTA must name the pacta binary}"
LC_ALL=C.UTF-8
LANGUAGE=
export LC_ALL LANGUAGE
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
diag() { sed 's/^/#   /' "$1"; }

# The fields a fresh starting point leaves for the user, as check reports them.
must_fill() { # TYPE SCOPE
    {
        echo metadata.title
        echo parties.provider.name
        echo parties.client.name
        echo needs
        echo objectives
        [ "$1" = basic ] || echo agreement.governing_law
        [ "$2" = internal ] || echo 'pricing.items[0].amount'
    } | sort
}

for type in basic binding two_way; do
    for scope in external internal; do
        for lang in es en; do
            name=$type-$scope-$lang
            f=$tmp/$name.sla.yaml
            set -- --no-edit --type "$type" --lang "$lang"
            [ $scope = internal ] && set -- "$@" --internal
            "$PACTA" new "$@" "$f" </dev/null >"$tmp/out" 2>"$tmp/err"
            rc=$?
            if [ $rc = 0 ] && [ -s "$f" ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
                pass "$name: new writes the file, silently"
            else
                fail "$name: new exit $rc"
                diag "$tmp/err"
                continue
            fi
            # what it says about itself
            lines=$(grep -c -e "^  type: $type\$" -e "^  scope: $scope\$" -e "^  language: $lang\$" "$f")
            [ "$lines" = 3 ] && pass "$name: type, scope and language are as asked" ||
                fail "$name: type/scope/language lines found: $lines"
            "$PACTA" check "$f" >"$tmp/out" 2>"$tmp/err"
            rc=$?
            if [ $rc = 0 ] || [ $rc = 1 ]; then
                pass "$name: check reads it (exit $rc)"
            else
                fail "$name: check exit $rc"
                diag "$tmp/err"
            fi
            # every finding is an error about a field to fill in; no warnings
            sed -n 's/.* \[\([^ ]*\)\]$/\1/p' "$tmp/out" | sort >"$tmp/paths"
            must_fill $type $scope >"$tmp/want"
            if cmp -s "$tmp/want" "$tmp/paths" && ! grep -q ': warning: ' "$tmp/out" &&
                [ "$(wc -l <"$tmp/out")" = "$(wc -l <"$tmp/want")" ]; then
                pass "$name: check asks only for the fields to fill in"
            else
                fail "$name: check asks only for the fields to fill in"
                diag "$tmp/out"
            fi
            # a starting point is canonical: fmt would change nothing
            "$PACTA" fmt --check "$f" >"$tmp/out" 2>"$tmp/err"
            rc=$?
            [ $rc = 0 ] && pass "$name: fmt --check exits 0" || { fail "$name: fmt --check exit $rc"; diag "$tmp/err"; }
        done
    done
done

# ---- the Spanish starting point is translated (needs the built catalogue) ----
es=$tmp/basic-external-es.sla.yaml en=$tmp/basic-external-en.sla.yaml
if [ -n "$PACTA_LOCALEDIR" ] && [ -f "$PACTA_LOCALEDIR/es/LC_MESSAGES/pacta.mo" ]; then
    sn=$(sed -n '/^services:/,/^[a-z]/s/^  name: //p' "$es" | head -n 1)
    en_sn=$(sed -n '/^services:/,/^[a-z]/s/^  name: //p' "$en" | head -n 1)
    if [ -n "$sn" ] && [ "$sn" != "$en_sn" ]; then
        pass "the es starting point's texts are translated ($sn / $en_sn)"
    else
        fail "the es starting point's texts are translated ($sn / $en_sn)"
    fi
else
    n=$((n + 1)); echo "ok $n # SKIP no Spanish catalogue in PACTA_LOCALEDIR (${PACTA_LOCALEDIR:-unset})"
fi

# ---- no overwriting ----
f=$tmp/binding-external-en.sla.yaml
cp "$f" "$tmp/before"
echo "# mine" >>"$f"
cp "$f" "$tmp/before"
"$PACTA" new --no-edit --type basic --lang en "$f" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 73 ] && pass "new refuses to overwrite an existing file (exit 73)" || fail "new over an existing file: exit $rc"
cmp -s "$tmp/before" "$f" && pass "the existing file is untouched" || fail "the existing file was changed"
grep -q 'binding-external-en\.sla\.yaml' "$tmp/err" && grep -q 'exists' "$tmp/err" &&
    pass "the refusal names the file" || { fail "the refusal names the file"; diag "$tmp/err"; }
ln -s "$tmp/nowhere.sla.yaml" "$tmp/dangling.sla.yaml"
"$PACTA" new --no-edit "$tmp/dangling.sla.yaml" 2>"$tmp/err"
rc=$?
[ $rc = 73 ] && [ ! -e "$tmp/nowhere.sla.yaml" ] && pass "new does not write through a dangling symlink (exit 73)" ||
    fail "new through a dangling symlink: exit $rc"
"$PACTA" new --no-edit "$tmp/no/such/folder/a.sla.yaml" 2>"$tmp/err"
rc=$?
[ $rc = 73 ] && [ -s "$tmp/err" ] && pass "new into a missing folder: exit 73 with a message" ||
    { fail "new into a missing folder: exit $rc"; diag "$tmp/err"; }

# ---- standard output without FILE ----
"$PACTA" new --no-edit --type two_way --lang es >"$tmp/stdout.sla.yaml" 2>"$tmp/err" </dev/null
rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/err" ] && pass "new without FILE exits 0" || fail "new without FILE: exit $rc"
cmp -s "$tmp/stdout.sla.yaml" "$tmp/two_way-external-es.sla.yaml" &&
    pass "and writes the same agreement to standard output" || fail "standard output differs from the file"
"$PACTA" check "$tmp/stdout.sla.yaml" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && pass "check reads what new wrote to standard output (exit 1: fields to fill in)" ||
    { fail "check on new's standard output: exit $rc"; diag "$tmp/err"; }

# ---- usage errors ----
"$PACTA" new --no-edit --type gold "$tmp/x.sla.yaml" 2>"$tmp/err"
rc=$?
[ $rc = 64 ] && [ ! -e "$tmp/x.sla.yaml" ] && grep -q gold "$tmp/err" && pass "an unknown type: exit 64, named, nothing written" ||
    fail "an unknown type: exit $rc"
"$PACTA" new --no-edit --lang fr "$tmp/x.sla.yaml" 2>"$tmp/err"
rc=$?
[ $rc = 64 ] && [ ! -e "$tmp/x.sla.yaml" ] && grep -q fr "$tmp/err" && pass "an unknown language: exit 64, named, nothing written" ||
    fail "an unknown language: exit $rc"

echo "1..$n"
