#!/bin/sh
# locale.sh - languages and locales (issue 7): outputs follow the
# agreement's language whatever the locale, the screen language follows
# --lang and the locale, and no locale (C, or one not installed) crashes.
set -u
: "${PACTA:?}" "${top_srcdir:?}"
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
es="$top_srcdir/examples/panaderia-lopez.sla.yaml"
en="$top_srcdir/examples/web-hosting-basic.sla.yaml"
has_locale() { locale -a 2>/dev/null | grep -qix "$(echo "$1" | sed 's/UTF-8/utf8/')"; }

# 1. No usable locale: the program still runs.
LC_ALL=C LANGUAGE= "$PACTA" --help >"$tmp/help-c" 2>&1
t $? "--help under LC_ALL=C"
grep -q "Usage: pacta" "$tmp/help-c"
t $? "--help under LC_ALL=C is in English"
LC_ALL=xx_XX.UTF-8 LANG=xx_XX.UTF-8 LANGUAGE= "$PACTA" check "$es" "$en" >"$tmp/out" 2>&1
t $? "check under a locale that is not installed"
LC_ALL=C LANGUAGE= "$PACTA" check "$es" "$en" >"$tmp/out" 2>&1
t $? "check of Spanish text under LC_ALL=C"

# 2. Outputs follow metadata.language, not the locale.
for f in text md html; do
    LC_ALL=C LANGUAGE= "$PACTA" summary "$es" -f $f >"$tmp/s-c.$f" 2>&1
    rc=$?
    LC_ALL=C.UTF-8 LANGUAGE=en "$PACTA" summary "$es" -f $f >"$tmp/s-en.$f" 2>&1
    rc2=$?
    t $((rc + rc2)) "summary -f $f runs under C and C.UTF-8"
    cmp -s "$tmp/s-c.$f" "$tmp/s-en.$f"
    t $? "summary -f $f of a Spanish agreement is the same under LC_ALL=C and LANGUAGE=en"
    if has_locale es_ES.UTF-8; then
        LC_ALL=es_ES.UTF-8 LANGUAGE=es "$PACTA" summary "$es" -f $f >"$tmp/s-es.$f" 2>&1
        cmp -s "$tmp/s-c.$f" "$tmp/s-es.$f"
        t $? "summary -f $f is the same with Spanish screens"
    else
        n=$((n + 1)); echo "ok $n - # SKIP es_ES.UTF-8 locale not installed"
    fi
done
sed 's/^  language: es$/  language: en/' "$es" >"$tmp/as-en.sla.yaml"
LC_ALL=C "$PACTA" summary "$tmp/as-en.sla.yaml" >"$tmp/s-as-en.text" 2>&1
! cmp -s "$tmp/s-c.text" "$tmp/s-as-en.text"
t $? "the same agreement marked English gives a different summary"
grep -q "Parties and term" "$tmp/s-as-en.text"
t $? "... with English headings"
! grep -q "Parties and term" "$tmp/s-c.text"
t $? "... and the Spanish one has none"
grep -q "1 de enero de 2027" "$tmp/s-c.text"
t $? "Spanish dates in the Spanish summary under LC_ALL=C"
grep -q "January 1, 2027" "$tmp/s-as-en.text"
t $? "English dates in the English summary"

# A language with a region (es_ES) uses the "es" catalogue all the way to
# the last line (the catalogue cache once filled up and fell back to English).
sed 's/^  language: es$/  language: es_ES/' "$es" >"$tmp/es_ES.sla.yaml"
LC_ALL=C "$PACTA" summary "$tmp/es_ES.sla.yaml" >"$tmp/s-es_ES.text" 2>&1
cmp -s "$tmp/s-c.text" "$tmp/s-es_ES.text"
t $? "language es_ES gives the same summary as es, to the last line"

# 3. The screen language: --lang wins over the locale.
LC_ALL=C LANGUAGE= "$PACTA" --lang es --help >"$tmp/help-es" 2>&1
t $? "--lang es --help under LC_ALL=C"
! cmp -s "$tmp/help-c" "$tmp/help-es"
t $? "--lang es changes the language of --help"
LC_ALL=C.UTF-8 LANGUAGE=es "$PACTA" --lang en --help >"$tmp/help-en" 2>&1
cmp -s "$tmp/help-c" "$tmp/help-en"
t $? "--lang en wins over LANGUAGE=es"
LC_ALL=C "$PACTA" --lang es check "$top_srcdir/tests/data/hostile/empty.sla.yaml" >"$tmp/chk-es" 2>&1
LC_ALL=C "$PACTA" --lang en check "$top_srcdir/tests/data/hostile/empty.sla.yaml" >"$tmp/chk-en" 2>&1
! cmp -s "$tmp/chk-es" "$tmp/chk-en"
t $? "findings are translated"
grep -q "error:" "$tmp/chk-en" && grep -q ": error: " "$tmp/chk-es"
t $? "both name the severity"
# 4. Run where it was built, without PACTA_LOCALEDIR (the README's quick
# start: ./bootstrap && ./pacta): the catalogues beside the program are
# found, as they are for a copy of it with a locale/ folder beside it.
if [ -n "${PACTA_LOCALEDIR:-}" ] && [ -f "$PACTA_LOCALEDIR/es/LC_MESSAGES/pacta.mo" ] &&
    [ -f "$(dirname "$PACTA")/locale/es/LC_MESSAGES/pacta.mo" ]; then
    env -u PACTA_LOCALEDIR LC_ALL=C LANGUAGE= "$PACTA" --lang es --help >"$tmp/help-tree" 2>&1
    cmp -s "$tmp/help-es" "$tmp/help-tree"
    t $? "from its build tree, without PACTA_LOCALEDIR, pacta speaks Spanish"
    mkdir -p "$tmp/bin/locale/es/LC_MESSAGES"
    cp "$PACTA" "$tmp/bin/pacta" && cp "$PACTA_LOCALEDIR/es/LC_MESSAGES/pacta.mo" "$tmp/bin/locale/es/LC_MESSAGES/"
    env -u PACTA_LOCALEDIR LC_ALL=C LANGUAGE= "$tmp/bin/pacta" --lang es --help >"$tmp/help-copy" 2>&1
    cmp -s "$tmp/help-es" "$tmp/help-copy"
    t $? "a copy with locale/ beside it reads the catalogues there"
    env -u PACTA_LOCALEDIR LC_ALL=C LANGUAGE= "$tmp/bin/pacta" summary "$es" >"$tmp/s-copy" 2>&1
    cmp -s "$tmp/s-c.text" "$tmp/s-copy"
    t $? "and its Spanish summary is the same"
else
    n=$((n + 1)); echo "ok $n - # SKIP no Spanish catalogue in the build tree"
fi
echo "1..$n"
