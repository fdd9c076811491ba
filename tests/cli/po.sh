#!/bin/sh
# po.sh - the Spanish catalogue is complete and current (issue 7).  TAP.
#
#  - msgfmt -c accepts locale/es.po and reports no untranslated and no fuzzy
#    message;
#  - xgettext over locale/POTFILES.in (the keywords of locale/locale.am)
#    finds no msgid that locale/es.po lacks: the catalogue is current;
#  - every .c file under src/ and ui/ that uses _( N_( or P_( is listed in
#    locale/POTFILES.in, and every listed file exists;
#  - the Spanish man page keeps step with the English one: same sections,
#    every option of doc/pacta.1 also in doc/es/pacta.1;
#  - with the built catalogue, pacta --help speaks Spanish (when built).
# Skipped (exit 77) only when the gettext tools are missing.
SRC=${top_srcdir:-.}
PACTA=${PACTA:-${top_builddir:-.}/pacta}

for t in msgfmt xgettext msgcmp; do
    if ! command -v "$t" >/dev/null 2>&1; then
        echo "1..0 # SKIP $t is not installed (Debian: apt-get install gettext)"
        exit 77
    fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-test.XXXXXX") || { echo "1..0 # SKIP no temporary folder"; exit 77; }
trap 'rm -rf "$tmp"' EXIT

n=0 fail=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
flunk() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
# diag FILE: show a file as TAP comments (at most 40 lines)
diag() { sed -n '1,40s/^/#   /p' "$1"; }

cd "$SRC" || exit 1

# 1. msgfmt -c: valid, nothing untranslated, nothing fuzzy.
if msgfmt --statistics -c -o /dev/null locale/es.po >"$tmp/stat" 2>&1; then
    pass "msgfmt -c accepts locale/es.po"
else
    flunk "msgfmt -c accepts locale/es.po"; diag "$tmp/stat"
fi
if grep -q 'translated message' "$tmp/stat" && ! grep -q -e untranslated -e fuzzy "$tmp/stat"; then
    pass "es.po: no untranslated and no fuzzy message ($(tr -d '\n' <"$tmp/stat"))"
else
    flunk "es.po: no untranslated and no fuzzy message"; diag "$tmp/stat"
fi

# 2. Every file of POTFILES.in exists; every source with strings is listed.
missing=""
while IFS= read -r f; do
    case $f in ''|'#'*) continue ;; esac
    [ -f "$f" ] || missing="$missing $f"
done <locale/POTFILES.in
if [ -z "$missing" ]; then pass "every file of POTFILES.in exists"; else
    flunk "every file of POTFILES.in exists"; echo "#   missing:$missing"
fi
unlisted=""
for f in src/*.c ui/*.c; do
    [ -f "$f" ] || continue
    [ "$f" = src/forms_data.c ] && continue
    grep -q -E '(^|[^A-Za-z0-9_])(_|N_|P_)\(' "$f" || continue
    grep -q -x -F "$f" locale/POTFILES.in || unlisted="$unlisted $f"
done
if [ -z "$unlisted" ]; then pass "every src/ and ui/ file with _( N_( P_( is in POTFILES.in"; else
    flunk "every src/ and ui/ file with _( N_( P_( is in POTFILES.in"; echo "#   not listed:$unlisted"
fi

# 3. The catalogue is current: no msgid of the sources missing from es.po.
if [ -n "$missing" ]; then
    flunk "xgettext over POTFILES.in (a listed file is missing)"
elif xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
        --keyword=i18n_lang:2 --keyword=i18n_nlang:2,3 --add-comments=TRANSLATORS: \
        --package-name=pacta --msgid-bugs-address= -f locale/POTFILES.in \
        -o "$tmp/cur.pot" 2>"$tmp/xg" || { cat "$tmp/xg"; false; }; then
    pass "xgettext reads every file of POTFILES.in"
    if msgcmp -N locale/es.po "$tmp/cur.pot" >"$tmp/cmp" 2>&1; then
        pass "es.po has every msgid of the sources, translated"
    else
        flunk "es.po has every msgid of the sources, translated (run: make update-po, then translate)"
        diag "$tmp/cmp"
    fi
else
    flunk "xgettext reads every file of POTFILES.in"; diag "$tmp/xg"
fi

# 4. The Spanish man page keeps step with the English one.
if [ -f doc/es/pacta.1 ]; then
    pass "doc/es/pacta.1 exists"
    en_sh=$(grep -c '^\.SH' doc/pacta.1) es_sh=$(grep -c '^\.SH' doc/es/pacta.1)
    if [ "$en_sh" = "$es_sh" ]; then pass "man pages: same number of sections ($en_sh)"; else
        flunk "man pages: same number of sections (en $en_sh, es $es_sh)"
    fi
    # options as written in roff: \-\-name or \-x at a word start
    opts() { grep -o -E '\\-\\-[a-z][a-z-]*|(^|[^a-zA-Z0-9\\])\\-[a-zA-Z]([^a-zA-Z]|$)' "$1" |
             sed -E 's/^[^\\]//; s/[^a-zA-Z-]$//' | sort -u; }
    opts doc/pacta.1 >"$tmp/en.opts"; opts doc/es/pacta.1 >"$tmp/es.opts"
    comm -23 "$tmp/en.opts" "$tmp/es.opts" >"$tmp/lost"
    if [ ! -s "$tmp/lost" ]; then pass "every option of doc/pacta.1 is in doc/es/pacta.1"; else
        flunk "every option of doc/pacta.1 is in doc/es/pacta.1"; diag "$tmp/lost"
    fi
    if LC_ALL=C.UTF-8 MANWIDTH=80 groff -k -man -Tutf8 -ww -z doc/es/pacta.1 >"$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then
        pass "groff formats doc/es/pacta.1 without a warning"
    elif ! command -v groff >/dev/null 2>&1; then
        pass "groff formats doc/es/pacta.1 # SKIP groff is not installed"
    else
        flunk "groff formats doc/es/pacta.1 without a warning"; diag "$tmp/groff"
    fi
else
    flunk "doc/es/pacta.1 exists"
fi

# 5. The compiled catalogue reaches the program.
if [ -x "$PACTA" ] && [ -n "${PACTA_LOCALEDIR:-}" ]; then
    LANGUAGE=es LC_ALL=C.UTF-8 "$PACTA" --help >"$tmp/help" 2>&1
    if grep -q '^Uso: pacta' "$tmp/help" && grep -q 'Redacta, edita e imprime' "$tmp/help"; then
        pass "LANGUAGE=es pacta --help is in Spanish"
    else
        flunk "LANGUAGE=es pacta --help is in Spanish"; diag "$tmp/help"
    fi
else
    pass "LANGUAGE=es pacta --help # SKIP pacta is not built here"
fi

echo "1..$n"
[ "$fail" -eq 0 ]
