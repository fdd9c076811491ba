#!/bin/sh
# tests/cli/formsgen.sh - forms/formsgen, which compiles the step files into
# src/forms_data.c at build time (TAP): over forms/ it writes what the build
# has; over a folder holding one broken step file (tests/data/forms-broken,
# the expected message on its first line) it fails - and so would the
# build - with the loader's FILE:LINE:COL message.
top_srcdir=${top_srcdir:-$(dirname "$0")/../..}
top_builddir=${top_builddir:-.}
gen=$top_builddir/forms/formsgen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formsgen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
result() { # ok|not-ok description
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}

# The arguments of src/forms.am's rule (FORMS_START_FILES).
if "$gen" "$top_srcdir" forms/start-basic.yaml forms/start-binding.yaml forms/start-two_way.yaml \
        >"$tmp/data.c" 2>"$tmp/err"; then
    result ok "formsgen reads forms/"
else
    result not-ok "formsgen reads forms/"
    sed 's/^/# /' "$tmp/err"
fi
if cmp -s "$tmp/data.c" "$top_builddir/src/forms_data.c"; then
    result ok "and writes the build's src/forms_data.c"
else
    result not-ok "and writes the build's src/forms_data.c"
    diff -u "$top_builddir/src/forms_data.c" "$tmp/data.c" | head -20 | sed 's/^/# /'
fi

mkdir "$tmp/forms"
for f in "$top_srcdir"/tests/data/forms-broken/*.yaml; do
    b=$(basename "$f")
    rm -f "$tmp"/forms/*
    cp "$f" "$tmp/forms/$b"
    want=$(sed -n '1s/^# expect: //p' "$f")
    if "$gen" "$tmp" >"$tmp/out.c" 2>"$tmp/err"; then
        result not-ok "$b: formsgen fails"
        continue
    fi
    got=$(head -n 1 "$tmp/err")
    if [ "$want" = yaml ]; then
        case $got in
        "$tmp/forms/$b":[0-9]*:[0-9]*:\ ?*) result ok "$b: formsgen fails with FILE:LINE:COL (a YAML error)" ;;
        *) result not-ok "$b: formsgen fails with FILE:LINE:COL (a YAML error)"; echo "#   got: $got" ;;
        esac
    elif [ "$got" = "$tmp/forms/$b:$want" ]; then
        result ok "$b: formsgen fails with FILE:$want"
    else
        result not-ok "$b: formsgen fails with FILE:$want"
        echo "#   got: $got"
    fi
done
echo "1..$n"
[ "$fails" -eq 0 ]
