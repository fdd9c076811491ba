#!/bin/sh
# evaluate.sh - `pacta evaluate` on the example year of measurements: golden
# outputs (English), exact figures (Spanish), exit statuses, -o, errors.
# PACTA_REGEN_GOLDEN=1 rewrites the golden files instead.
: "${top_srcdir:=.}"
: "${PACTA:=./pacta}"
GOLDEN="$top_srcdir/tests/golden/evaluate"
EX="$top_srcdir/examples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi; }

[ -x "$PACTA" ] || { echo "1..0 # SKIP $PACTA not built"; exit 77; }
"$PACTA" evaluate --help >/dev/null 2>&1 || { echo "1..0 # SKIP pacta has no evaluate command yet (main does not dispatch it)"; exit 77; }

golden() { # name file
    if [ -n "$PACTA_REGEN_GOLDEN" ]; then
        cp "$2" "$GOLDEN/$1" && ok 0 "regenerated $1"
    elif cmp -s "$2" "$GOLDEN/$1"; then
        ok 0 "$1 matches the golden file"
    else
        diff -u "$GOLDEN/$1" "$2" | head -40 | sed 's/^/# /'
        ok 1 "$1 matches the golden file"
    fi
}
has() { # file text description
    if grep -qF -- "$2" "$1"; then ok 0 "$3"; else ok 1 "$3"; echo "# missing: $2"; fi
}

# The English example: a year, every format that is plain text.
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" >"$tmp/h.text" 2>"$tmp/err"
ok $([ $? -eq 1 ] && echo 0 || echo 1) "hosting: exit 1, promises were missed"
ok $([ -s "$tmp/err" ] && echo 1 || echo 0) "hosting: nothing on stderr"
golden hosting.text "$tmp/h.text"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" "$EX/web-hosting-basic.measurements.yaml" -f md >"$tmp/h.md"
golden hosting.md "$tmp/h.md"
w=$(LC_ALL=C.UTF-8 wc -L <"$tmp/h.text")
ok $([ "$w" -le 80 ] && echo 0 || echo 1) "hosting: text within 80 columns ($w)"
has "$tmp/h.text" "5 h 10 min  missed  1 of 2 tickets late" "hosting: the New Year's Day ticket took 5 h 10 min of business time"
has "$tmp/h.text" "1 open could still miss" "hosting: a ticket still open at the end of March could still miss"

# The Spanish example: exact figures (the words follow the catalogue).
"$PACTA" evaluate "$EX/panaderia-lopez.sla.yaml" >"$tmp/p.text"
ok $([ $? -eq 1 ] && echo 0 || echo 1) "panaderia: exit 1"
has "$tmp/p.text" "45,00 €" "panaderia: the capped penalty of D1 (12 days late after a 4-day pause)"
has "$tmp/p.text" "9,00 €" "panaderia: the 10 % tier of March"
has "$tmp/p.text" "22,50 €" "panaderia: the 25 % tier of April"
has "$tmp/p.text" "130,50 €" "panaderia: the provider's total"
has "$tmp/p.text" "0,39 €" "panaderia: the client's late-payment interest"
has "$tmp/p.text" "2027-03" "panaderia: the three-month rule flagged from March"
has "$tmp/p.text" "99,22 %" "panaderia: March measured 99.22 %"

# One period: February was clean.
"$PACTA" evaluate "$EX/panaderia-lopez.sla.yaml" --period 2027-02 >"$tmp/feb.text"
ok $([ $? -eq 0 ] && echo 0 || echo 1) "panaderia --period 2027-02: exit 0, every promise kept"
ok $(grep -q "2027-03" "$tmp/feb.text" && echo 1 || echo 0) "--period shows that period only"

# -o writes the file, HTML included.
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" -f html -o "$tmp/h.html"
ok $([ $? -eq 1 ] && [ -s "$tmp/h.html" ] && echo 0 || echo 1) "-o writes the HTML scorecard"
has "$tmp/h.html" "<html" "the HTML is a document"

# Usage and input errors.
"$PACTA" evaluate >/dev/null 2>&1; ok $([ $? -eq 64 ] && echo 0 || echo 1) "no file: 64"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" -f doc >/dev/null 2>"$tmp/err"; ok $([ $? -eq 64 ] && echo 0 || echo 1) "unknown format: 64"
ok $([ "$(cat "$tmp/err")" = "pacta: unknown format 'doc' (text, md, html or pdf)" ] && echo 0 || echo 1) "unknown format: the message"
printf -- '- a\n' >"$tmp/list.yaml"
"$PACTA" evaluate "$tmp/list.yaml" "$EX/web-hosting-basic.measurements.yaml" >/dev/null 2>"$tmp/err"
ok $([ $? -eq 65 ] && echo 0 || echo 1) "an agreement that is a list: 65"
ok $([ "$(cat "$tmp/err")" = "pacta: $tmp/list.yaml:1:1: the file must be a mapping of keys (like \"apiVersion: pacta/v1\"), not a single value or a list" ] && echo 0 || echo 1) "an agreement that is a list: the message"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" --period 2027-13 >/dev/null 2>&1; ok $([ $? -eq 64 ] && echo 0 || echo 1) "bad period: 64"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" --period 2026-01 >/dev/null 2>&1; ok $([ $? -eq 65 ] && echo 0 || echo 1) "a period not measured: 65"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" "$tmp/none.yaml" >/dev/null 2>&1; ok $([ $? -eq 65 ] && echo 0 || echo 1) "missing measurements: 65"
printf 'apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n  levels:\n    SL1:\n      outages: [{start: 2027-01-02T10:00, end: yesterday}]\n' >"$tmp/bad.yaml"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" "$tmp/bad.yaml" >/dev/null 2>"$tmp/err"
ok $([ $? -eq 65 ] && echo 0 || echo 1) "malformed measurements: 65"
has "$tmp/err" "bad.yaml:7:" "the error names the file and line"
printf 'apiVersion: pacta/v1\nkind: Measurements\nperiods:\n- period: 2027-01\n  levels:\n    SL1: {value: 99.95, colour: red}\n' >"$tmp/warn.yaml"
"$PACTA" evaluate "$EX/web-hosting-basic.sla.yaml" "$tmp/warn.yaml" >/dev/null 2>"$tmp/err"
ok $([ $? -eq 0 ] && echo 0 || echo 1) "an unknown key is only a warning: evaluated, every promise kept"
has "$tmp/err" "warn.yaml:6:" "unknown key warned with its line"

echo "1..$n"
[ "$failed" -eq 0 ]
