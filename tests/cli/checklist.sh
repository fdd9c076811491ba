#!/bin/sh
# checklist.sh - `pacta checklist` with and without FILE, in both languages,
# against golden files (PACTA_REGEN_GOLDEN=1 rewrites them).
: "${top_srcdir:=.}"
: "${PACTA:=./pacta}"
: "${PYTHON3:=python3}"
GOLDEN="$top_srcdir/tests/golden"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi; }

[ -x "$PACTA" ] || { echo "1..0 # SKIP $PACTA not built"; exit 77; }

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

ex_es="$top_srcdir/examples/panaderia-lopez.sla.yaml"
ex_en="$top_srcdir/examples/web-hosting-basic.sla.yaml"

# Blank checklists for a first meeting, for each type, and in both languages.
for t in basic binding two_way; do
    "$PACTA" checklist --type $t > "$tmp/blank-$t.text"; ok $? "blank $t checklist exits 0"
    golden "checklist-blank-$t.text" "$tmp/blank-$t.text"
done
"$PACTA" checklist --lang es --type two_way -f md > "$tmp/blank-es.md"; ok $? "blank Spanish checklist (md)"
golden "checklist-blank-es.md" "$tmp/blank-es.md"
"$PACTA" checklist -f html --lang es > "$tmp/blank-es.html"; ok $? "blank checklist (html)"
grep -q '<html lang="es">' "$tmp/blank-es.html"; ok $? "the checklist is in the language asked for"

grep -q '^\[ \] What should the agreement be called?$' "$tmp/blank-basic.text"
ok $? "a field is asked by its question (forms/ \"question:\"), with a checkbox"
grep -q '^\[ \] Title?' "$tmp/blank-basic.text"; ok $((! $?)) "... not by its label and a question mark"
grep -q '^- \[ \] ¿Cómo se llamará el acuerdo?' "$tmp/blank-es.md"; ok $? "the questions are translated"
grep -q '^    ______' "$tmp/blank-basic.text"; ok $? "blank lines to write the answer on"
grep -q 'Penalties' "$tmp/blank-basic.text"; ok $((! $?)) "basic: the penalties step is not asked"
grep -q 'Penalties' "$tmp/blank-binding.text"; ok $? "binding: the penalties step is asked"
! grep -q '^\[x\]' "$tmp/blank-two_way.text"; ok $? "a blank checklist has nothing ticked"

# With an agreement: its answers, ticked; its language.
"$PACTA" checklist "$ex_es" > "$tmp/es.text"; ok $? "checklist FILE (es) exits 0"
golden "checklist-panaderia.text" "$tmp/es.text"
"$PACTA" checklist "$ex_en" -f md > "$tmp/en.md"; ok $? "checklist FILE (en, md) exits 0"
golden "checklist-hosting.md" "$tmp/en.md"
"$PACTA" checklist "$ex_en" -f html > "$tmp/en.html"; ok $? "checklist FILE (en, html) exits 0"
golden "checklist-hosting.html" "$tmp/en.html"
grep -q '^\[x\] ' "$tmp/es.text"; ok $? "an answered question is ticked"
grep -q 'Panadería López' "$tmp/es.text"; ok $? "the current answer is shown"

# Open findings become questions to ask.
sed -e '/measurement:/d' "$top_srcdir/tests/data/render/hosting.sla.yaml" > "$tmp/open.sla.yaml"
"$PACTA" checklist "$tmp/open.sla.yaml" > "$tmp/open.text"; ok $? "checklist of an agreement with findings"
grep -q 'Questions to ask' "$tmp/open.text" && grep -q 'service_levels\[0\]' "$tmp/open.text"
ok $? "open findings are listed as questions to ask"

if command -v "$PYTHON3" >/dev/null 2>&1; then
    "$PYTHON3" - "$tmp"/*.text <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) or c == '\f' else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
bad = [(f, l) for f in sys.argv[1:] for l in open(f, encoding='utf-8').read().split('\n') if width(l) > 80]
for f, l in bad: print('# too wide in', f, ':', l)
sys.exit(1 if bad else 0)
PY
    ok $? "every text checklist within 80 display columns"
fi

if command -v groff >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    "$PACTA" checklist "$ex_en" -f pdf -o "$tmp/c.pdf"; ok $? "checklist -f pdf"
    pdftotext "$tmp/c.pdf" - | grep -q 'Harbour Web Services'; ok $? "the PDF checklist holds the answers"
fi

# Usage errors.
"$PACTA" checklist --type simple > /dev/null 2>&1; ok $(($? != 64)) "unknown type: exit 64"
"$PACTA" checklist --lang fr > /dev/null 2>&1; ok $(($? != 64)) "unknown language: exit 64"
"$PACTA" checklist "$tmp/none.yaml" > /dev/null 2>&1; ok $(($? != 65)) "missing file: exit 65"

echo "1..$n"
[ "$failed" -eq 0 ]
