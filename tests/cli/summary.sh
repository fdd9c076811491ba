#!/bin/sh
# summary.sh - `pacta summary` against golden files, in both languages and
# every format; the text within 80 columns, the HTML parsed, the PDF read
# back.  PACTA_REGEN_GOLDEN=1 rewrites the golden files instead.
: "${top_srcdir:=.}"
: "${PACTA:=./pacta}"
: "${PYTHON3:=python3}"
GOLDEN="$top_srcdir/tests/golden"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

[ -x "$PACTA" ] || { echo "1..0 # SKIP $PACTA not built"; exit 77; }
command -v "$PYTHON3" >/dev/null 2>&1 || { echo "1..0 # SKIP python3 missing"; exit 77; }

# Golden comparison of one output.
golden() { # name file
    if [ -n "$PACTA_REGEN_GOLDEN" ]; then
        cp "$2" "$GOLDEN/$1" && ok 0 "regenerated $1"
    else
        if cmp -s "$2" "$GOLDEN/$1"; then ok 0 "$1 matches the golden file"
        else diff -u "$GOLDEN/$1" "$2" | head -40 | sed 's/^/# /'; ok 1 "$1 matches the golden file"; fi
    fi
}

# Every line at most 80 display columns; pages split by form feeds.
width_check() { # file
    "$PYTHON3" - "$1" <<'PY'
import sys, unicodedata
def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c) or c in '\f':
            continue
        w += 2 if unicodedata.east_asian_width(c) in 'WF' else 1
    return w
bad = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if width(l) > 80]
for l in bad:
    print('# too wide:', l)
sys.exit(1 if bad else 0)
PY
}

# HTML: parsed by a real parser; lang attribute; no script element; the
# text given in must appear as text.
html_check() { # file lang text
    "$PYTHON3" - "$@" <<'PY'
import sys
from html.parser import HTMLParser
path, lang, text = sys.argv[1], sys.argv[2], sys.argv[3]
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None; self.scripts = 0; self.data = []; self.stack = []; self.bad = []
    def handle_starttag(self, tag, attrs):
        if tag == 'html': self.lang = dict(attrs).get('lang')
        if tag == 'script': self.scripts += 1
        if tag not in ('meta', 'br', 'link', 'hr', 'img'): self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag: self.bad.append(tag)
        else: self.stack.pop()
    def handle_data(self, d): self.data.append(d)
p = P(); p.feed(open(path, encoding='utf-8').read()); p.close()
errs = []
if p.lang != lang: errs.append('lang is %r' % p.lang)
if p.scripts: errs.append('%d script elements' % p.scripts)
if p.bad or p.stack: errs.append('unbalanced tags %r %r' % (p.bad, p.stack))
if text and text not in ''.join(p.data): errs.append('text %r not found' % text)
for e in errs: print('#', e)
sys.exit(1 if errs else 0)
PY
}

run() { # name file lang text
    name=$1 file=$2 lang=$3 text=$4
    for f in text md html; do
        "$PACTA" summary "$file" -f $f > "$tmp/$name.$f" 2> "$tmp/err"
        ok $? "summary -f $f $name exits 0"
        golden "summary-$name.$f" "$tmp/$name.$f"
    done
    width_check "$tmp/$name.text"; ok $? "$name: text within 80 display columns"
    grep -q "$(printf '\f')" "$tmp/$name.text"; ok $? "$name: text has pages separated by form feeds"
    html_check "$tmp/$name.html" "$lang" "$text"; ok $? "$name: HTML parses, lang=$lang, values stay text"
    "$PACTA" summary "$file" > "$tmp/$name.default"; cmp -s "$tmp/$name.default" "$tmp/$name.text"
    ok $? "$name: text is the default"
    if command -v groff >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
        "$PACTA" summary "$file" -f pdf -o "$tmp/$name.pdf"; ok $? "$name: -f pdf -o exits 0"
        pdftotext -layout "$tmp/$name.pdf" "$tmp/$name.pdf.txt" 2>/dev/null
        title=$("$PYTHON3" -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["metadata"]["title"])' "$file")
        grep -qF "$title" "$tmp/$name.pdf.txt"; ok $? "$name: the PDF holds the title"
        grep -qF "$text" "$tmp/$name.pdf.txt"; ok $? "$name: the PDF holds '$text'"
    else
        skip "$name: PDF" "groff or pdftotext missing"
    fi
}

run panaderia "$top_srcdir/examples/panaderia-lopez.sla.yaml" es "Panadería López S.L."
run hosting "$top_srcdir/examples/web-hosting-basic.sla.yaml" en "Harbour Web Services Ltd"
run hostile "$top_srcdir/tests/data/render/hosting.sla.yaml" en "<script>alert('x')</script>"

grep -q 'Points to settle' "$tmp/hostile.text"; ok $((! $?)) "a proposed agreement has no points to settle"
# A draft with an open finding lists it at the end.
sed -e 's/^  status: .*/  status: draft/' -e '/measurement:/d' "$top_srcdir/tests/data/render/hosting.sla.yaml" > "$tmp/draft.sla.yaml"
"$PACTA" summary "$tmp/draft.sla.yaml" > "$tmp/draft.text"
grep -q 'Points to settle' "$tmp/draft.text" && grep -q 'service_levels\[0\]' "$tmp/draft.text"
ok $? "a draft lists its open findings as points to settle"
grep -q 'per month:  *£50.50' "$tmp/hostile.text"; ok $? "totals per period are summed (45.00 + 5.50)"

# Exit statuses.
"$PACTA" summary > /dev/null 2>&1; ok $(($? != 64)) "no FILE: exit 64"
"$PACTA" summary "$top_srcdir/examples/web-hosting-basic.sla.yaml" -f docx > /dev/null 2>&1; ok $(($? != 64)) "unknown format: exit 64"
# The words of an unknown format and of a file that is not a map, the same in every command.
for cmd in summary checklist; do
    "$PACTA" $cmd "$top_srcdir/examples/web-hosting-basic.sla.yaml" -f docx > /dev/null 2> "$tmp/err"
    [ "$(cat "$tmp/err")" = "pacta: unknown format 'docx' (text, md, html or pdf)" ]; ok $? "$cmd: unknown format: the message"
    printf -- '- a\n' > "$tmp/list.yaml"
    "$PACTA" $cmd "$tmp/list.yaml" > /dev/null 2> "$tmp/err"; rc=$?
    [ $rc -eq 65 ] && [ "$(cat "$tmp/err")" = "pacta: $tmp/list.yaml:1:1: the file must be a mapping of keys (like \"apiVersion: pacta/v1\"), not a single value or a list" ]
    ok $? "$cmd: a list is not an agreement: exit 65 and the message"
done
"$PACTA" summary "$tmp/missing.sla.yaml" > /dev/null 2>&1; ok $(($? != 65)) "missing file: exit 65"
printf 'a: [\n' > "$tmp/broken.yaml"
"$PACTA" summary "$tmp/broken.yaml" > /dev/null 2> "$tmp/err"; rc=$?
ok $((rc != 65)) "broken YAML: exit 65"
grep -q 'broken.yaml:' "$tmp/err"; ok $? "broken YAML: the message names the file"
"$PACTA" summary "$top_srcdir/examples/web-hosting-basic.sla.yaml" -o "$tmp/no/such/dir/out.txt" 2> /dev/null; ok $(($? != 73)) "unwritable output: exit 73"
"$PACTA" summary "$top_srcdir/examples/web-hosting-basic.sla.yaml" -f md -o "$tmp/out.md"; ok $? "-o writes a file"
cmp -s "$tmp/out.md" "$tmp/hosting.md"; ok $? "-o writes the same bytes as standard output"
PACTA_GROFF=pacta-no-such-groff "$PACTA" summary "$top_srcdir/examples/web-hosting-basic.sla.yaml" -f pdf -o "$tmp/x.pdf" 2> "$tmp/err"; rc=$?
ok $((rc != 69)) "groff missing: exit 69"
grep -q 'apt-get install groff' "$tmp/err"; ok $? "groff missing: the message names the Debian package"

# PDF is not written to a terminal (script(1) gives the command one).
if command -v script >/dev/null 2>&1; then
    script -qec "'$PACTA' summary '$top_srcdir/examples/web-hosting-basic.sla.yaml' -f pdf" /dev/null > "$tmp/tty" 2>&1
    rc=$?
    ok $((rc != 64)) "PDF to a terminal: exit 64"
    grep -q 'terminal' "$tmp/tty" && ! grep -q '%PDF' "$tmp/tty"; ok $? "PDF to a terminal: refused with a message"
else
    skip "PDF to a terminal" "script(1) missing"
fi

# Printing: a stand-in for lp records what it was given; no lp at all is exit 69.
cat > "$tmp/fake-lp" <<EOS
#!/bin/sh
printf '%s\n' "\$@" > "$tmp/lp-args"
for a; do last=\$a; done
cp "\$last" "$tmp/printed"
EOS
chmod +x "$tmp/fake-lp"
PACTA_LP="$tmp/fake-lp" "$PACTA" print "$top_srcdir/examples/web-hosting-basic.sla.yaml" -P office; ok $? "print through lp exits 0"
grep -qx office "$tmp/lp-args" && grep -qx -- -d "$tmp/lp-args"; ok $? "print passes the printer to lp -d"
if command -v groff >/dev/null 2>&1; then
    head -c 4 "$tmp/printed" | grep -q '%PDF'; ok $? "print sends a PDF"
else
    skip "print sends a PDF" "groff missing"
fi
PACTA_LP="$tmp/fake-lp" "$PACTA" print --checklist "$top_srcdir/examples/web-hosting-basic.sla.yaml"; ok $? "print --checklist exits 0"
mkdir "$tmp/emptybin"
PATH="$tmp/emptybin" "$PACTA" print "$top_srcdir/examples/web-hosting-basic.sla.yaml" 2> "$tmp/err"; rc=$?
ok $((rc != 69)) "no lp nor lpr: exit 69"
grep -q cups-client "$tmp/err"; ok $? "no lp nor lpr: the message names cups-client"

echo "1..$n"
[ "$failed" -eq 0 ]
