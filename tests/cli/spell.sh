#!/bin/sh
# spell.sh - `pacta spell FILE [--dict NAME]`: output lines and exit codes
# (issue 5).  TAP.  Uses $PACTA, and the tiny fixture dictionary through
# $DICPATH; the part with the system es_ES dictionary is skipped (and says
# so) only where it is not installed.
PACTA=${PACTA:-${top_builddir:-.}/pacta}
SRC=${top_srcdir:-.}
D=$SRC/tests/data/spell

if [ ! -x "$PACTA" ]; then
    echo "1..0 # SKIP $PACTA not built"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spell-cli.XXXXXX") || { echo "1..0 # SKIP no temporary folder"; exit 77; }
trap 'rm -rf "$tmp"' EXIT
XDG_DATA_HOME=$tmp/xdg
DICPATH=$SRC/tests/data/dict
export XDG_DATA_HOME DICPATH

n=0 fail=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
flunk() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
# check NAME WANT GOT
check() {
    if [ "$2" = "$3" ]; then pass "$1"; else
        flunk "$1"
        printf '%s\n' "$2" | sed 's/^/#   want: /'
        printf '%s\n' "$3" | sed 's/^/#   got:  /'
    fi
}

# Planted errors, tiny dictionary: every line exact.
cd "$D" || exit 1
out=$("$PACTA" spell planted.sla.yaml --dict tiny 2>"$tmp/err"); rc=$?
check "planted: exit 1 when there are misspelt words" 1 "$rc"
check "planted: one line per word, FILE:LINE:COL: word (path) -> suggestions" \
"planted.sla.yaml:4:14: servisio (metadata.title) -> servicio
planted.sla.yaml:9:24: senal (services[0].name) -> señal
planted.sla.yaml:12:25: clientte (services[0].description) -> cliente
planted.sla.yaml:13:24: corrreo (services[0].route[1]) -> correo
planted.sla.yaml:14:9: zzzz (notes) -> (no suggestions)" "$out"
check "planted: nothing on stderr" "" "$(cat "$tmp/err")"

out=$("$PACTA" spell --dict=tiny clean.sla.yaml 2>&1); rc=$?
check "clean: exit 0" 0 "$rc"
check "clean: no output (ids, numbers, addresses, spell_ignore accepted)" "" "$out"

# The personal dictionary makes a word correct.
mkdir -p "$XDG_DATA_HOME/pacta" && printf 'clientte\nzzzz\n' >"$XDG_DATA_HOME/pacta/dictionary.txt"
out=$("$PACTA" spell planted.sla.yaml --dict tiny | cut -d' ' -f2 | tr '\n' ' '); rc=$?
check "personal dictionary words are accepted" "servisio senal corrreo " "$out"
rm -f "$XDG_DATA_HOME/pacta/dictionary.txt"

# Errors.
"$PACTA" spell "$tmp/nonexistent.sla.yaml" >/dev/null 2>"$tmp/err"; rc=$?
check "a missing file: exit 65" 65 "$rc"
grep -q "nonexistent.sla.yaml" "$tmp/err" && pass "the message names the file" || flunk "the message names the file: $(cat "$tmp/err")"
printf 'metadata: [unclosed\n' >"$tmp/bad.sla.yaml"
"$PACTA" spell "$tmp/bad.sla.yaml" >/dev/null 2>"$tmp/err"; rc=$?
check "malformed YAML: exit 65" 65 "$rc"
grep -q "bad.sla.yaml:[0-9]*:[0-9]*: " "$tmp/err" && pass "the loader's message has a position" || flunk "the loader's message has a position: $(cat "$tmp/err")"
sed 's/language: es/language: zz/' planted.sla.yaml >"$tmp/zz.sla.yaml"
"$PACTA" spell "$tmp/zz.sla.yaml" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no dictionary for the language: exit 69" 69 "$rc"
grep -q "hunspell-zz" "$tmp/err" && pass "the message names the Debian package" || flunk "the message names the Debian package: $(cat "$tmp/err")"
check "nothing on stdout then" "" "$(cat "$tmp/out")"
"$PACTA" spell planted.sla.yaml --dict nosuchdict >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown --dict: exit 69" 69 "$rc"
"$PACTA" spell >/dev/null 2>&1; rc=$?
check "no file: usage error 64" 64 "$rc"

# The system Spanish dictionary.
if [ -r /usr/share/hunspell/es_ES.dic ] && [ -r /usr/share/hunspell/es_ES.aff ]; then
    unset DICPATH
    out=$("$PACTA" spell planted-es.sla.yaml); rc=$?
    check "es_ES: exit 1" 1 "$rc"
    check "es_ES: exactly the planted words, at their positions" \
"planted-es.sla.yaml:9:44: fayar (needs[0].description)
planted-es.sla.yaml:15:51: esepciones (services[0].description)" "$(printf '%s\n' "$out" | sed 's/ -> .*//')"
    case $out in *"fayar (needs[0].description) -> fallar"*) pass "es_ES: fallar is suggested first" ;;
        *) flunk "es_ES: fallar is suggested first" ;; esac
    case $out in *"esepciones (services[0].description) -> excepciones"*) pass "es_ES: excepciones is suggested first" ;;
        *) flunk "es_ES: excepciones is suggested first" ;; esac
    nsug=$(printf '%s\n' "$out" | head -1 | sed 's/.* -> //' | tr ',' '\n' | wc -l)
    [ "$nsug" -ge 1 ] && [ "$nsug" -le 5 ] && pass "at most five suggestions ($nsug)" || flunk "at most five suggestions ($nsug)"
    # The same text given to hunspell (less TPV, in the file's spell_ignore).
    want=$(sed -n 's/.*description: "\(.*\)", priority.*/\1/p; /description: |/,/route:/p' planted-es.sla.yaml |
        grep -v 'description: |\|route:' | hunspell -l -i UTF-8 -d es_ES | grep -vxF TPV | sort -u | tr '\n' ' ')
    check "es_ES: the same words as hunspell -l" "esepciones fayar " "$want"
else
    echo "# SKIP es_ES is not installed (Debian: hunspell-es): 6 checks not run"
fi

echo "1..$n"
[ "$fail" -eq 0 ]
