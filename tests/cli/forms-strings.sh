#!/bin/sh
# tests/cli/forms-strings.sh - locale/forms-strings.c is current: regenerate
# it from forms/ and compare with the committed file (TAP).
top_srcdir=${top_srcdir:-$(dirname "$0")/../..}
PYTHON3=${PYTHON3:-python3}
case $PYTHON3 in no | "") PYTHON3=python3 ;; esac
if ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
    echo "1..0 # SKIP python3 with the yaml module (python3-yaml) is needed to regenerate the strings"
    exit 77
fi
tmp=$(mktemp "${TMPDIR:-/tmp}/forms-strings.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
echo "1..2"
if PYTHON3=$PYTHON3 sh "$top_srcdir/locale/forms-strings.sh" "$top_srcdir" >"$tmp"; then
    echo "ok 1 - locale/forms-strings.sh runs"
else
    echo "not ok 1 - locale/forms-strings.sh runs"
fi
if cmp -s "$tmp" "$top_srcdir/locale/forms-strings.c"; then
    echo "ok 2 - locale/forms-strings.c is current"
else
    echo "not ok 2 - locale/forms-strings.c is stale: run locale/forms-strings.sh > locale/forms-strings.c"
    diff -u "$top_srcdir/locale/forms-strings.c" "$tmp" | head -20 | sed 's/^/# /'
fi
