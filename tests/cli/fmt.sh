#!/bin/sh
# fmt.sh - `pacta fmt`: canonical output, --check, unknown keys kept in
# place, comments, atomic replacement, unwritable folders (TAP).
: "${PACTA:?PACTA must name the pacta binary}"
: "${top_srcdir:=.}"
LC_ALL=C.UTF-8
LANGUAGE=
export LC_ALL LANGUAGE
data=$top_srcdir/tests/data/check
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
diag() { sed 's/^/#   /' "$1"; }
# same NAME WANT GOT: byte-for-byte comparison, with the diff when it fails
same() {
    if cmp -s "$2" "$3"; then
        pass "$1"
    else
        fail "$1"
        diff -u "$2" "$3" >"$tmp/diff"
        diag "$tmp/diff"
    fi
}
# status NAME WANT_RC GOT_RC
status() {
    if [ "$3" = "$2" ]; then pass "$1"; else fail "$1: exit $3, want $2"; diag "$tmp/err"; fi
}

# ---- the examples are canonical ----
for ex in panaderia-lopez web-hosting-basic; do
    src=$top_srcdir/examples/$ex.sla.yaml
    cp "$src" "$tmp/$ex.sla.yaml"
    "$PACTA" fmt "$tmp/$ex.sla.yaml" 2>"$tmp/err"
    status "fmt $ex exits 0" 0 $?
    same "fmt leaves $ex byte for byte as committed" "$src" "$tmp/$ex.sla.yaml"
    "$PACTA" fmt --check "$src" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc = 0 ] && [ ! -s "$tmp/out" ] && pass "fmt --check $ex: exit 0, silent" || fail "fmt --check $ex: exit $rc"
done
cp "$data/base.sla.yaml" "$tmp/base.sla.yaml"
"$PACTA" fmt "$tmp/base.sla.yaml"
same "the check fixtures' base.sla.yaml is canonical too" "$data/base.sla.yaml" "$tmp/base.sla.yaml"

# ---- a messy file: --check names it and changes nothing; fmt makes it canonical ----
# kind before apiVersion, a plain title, a flow list, deeper indentation
sed -e '1{h;d}' -e '2G' \
    -e 's/^  title: "IT support for a small office"$/  title:   IT support for a small office/' \
    -e 's/^  holidays: \[2027-12-25\]$/  holidays:\n      - 2027-12-25/' \
    "$data/base.sla.yaml" >"$tmp/messy.sla.yaml"
cp "$tmp/messy.sla.yaml" "$tmp/messy.orig"
if cmp -s "$tmp/messy.sla.yaml" "$data/base.sla.yaml"; then
    fail "the messy file differs from base (sed did nothing)"
else
    pass "the messy file differs from base"
fi
(cd "$tmp" && "$PACTA" fmt --check base.sla.yaml messy.sla.yaml >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc")
status "fmt --check on a messy file exits 1" 1 "$(cat "$tmp/rc")"
echo "messy.sla.yaml" >"$tmp/want"
same "fmt --check lists only the messy file" "$tmp/want" "$tmp/out"
same "fmt --check changes nothing" "$tmp/messy.orig" "$tmp/messy.sla.yaml"
"$PACTA" fmt "$tmp/messy.sla.yaml" 2>"$tmp/err"
status "fmt on the messy file exits 0" 0 $?
same "fmt turns the messy file into the canonical base" "$data/base.sla.yaml" "$tmp/messy.sla.yaml"
cp "$tmp/messy.sla.yaml" "$tmp/once"
"$PACTA" fmt "$tmp/messy.sla.yaml"
same "fmt twice gives the same bytes" "$tmp/once" "$tmp/messy.sla.yaml"
"$PACTA" fmt --check "$tmp/messy.sla.yaml" >"$tmp/out" 2>"$tmp/err"
status "fmt --check after fmt exits 0" 0 $?

# ---- a byte order mark is read, and dropped by fmt ----
cp "$data/utf8-bom.sla.yaml" "$tmp/bom.sla.yaml"
"$PACTA" fmt --check "$tmp/bom.sla.yaml" >/dev/null 2>"$tmp/err"
status "fmt --check: a file with a byte order mark is not canonical" 1 $?
"$PACTA" fmt "$tmp/bom.sla.yaml" 2>"$tmp/err"
status "fmt reads a file with a byte order mark" 0 $?
same "and writes it without the mark" "$data/base.sla.yaml" "$tmp/bom.sla.yaml"

# ---- unknown keys survive, in place (after the known key they followed) ----
cat >"$tmp/unknown.sla.yaml" <<'EOF'
kind: ServiceLevelAgreement
apiVersion: pacta/v1
x-top: {a: 1, b: [2, 3]}
agreement:
  type: basic
  colour: blue
  scope: external
metadata:
  title: "T"
  x-crm-id: 'A-17'
  id: t
needs:
- description: "d"
  id: N1
  x-note: "kept"
  weight: 3
owner: "Ann"
later:
  nested:
    deeper: [x, "y"]
EOF
cat >"$tmp/want" <<'EOF'
apiVersion: pacta/v1
x-top: {a: 1, b: [2, 3]}
kind: ServiceLevelAgreement
metadata:
  id: t
  title: "T"
  x-crm-id: 'A-17'
agreement:
  type: basic
  colour: blue
  scope: external
needs:
- id: N1
  x-note: "kept"
  weight: 3
  description: "d"
owner: "Ann"
later:
  nested:
    deeper: [x, "y"]
EOF
"$PACTA" fmt "$tmp/unknown.sla.yaml" 2>"$tmp/err"
status "fmt on a file with unknown keys exits 0" 0 $?
same "x- and other unknown keys, at the top and nested, keep their place and values" "$tmp/want" "$tmp/unknown.sla.yaml"
cp "$tmp/unknown.sla.yaml" "$tmp/once"
"$PACTA" fmt "$tmp/unknown.sla.yaml"
same "and a second fmt keeps them where they are" "$tmp/once" "$tmp/unknown.sla.yaml"

# ---- comments: refused unless --drop-comments ----
{
    echo "# Drafted with the client on 2026-11-20"
    sed 's/^  id: office-it-support$/  id: office-it-support  # the slug used for the folder/' "$data/base.sla.yaml"
} >"$tmp/comments.sla.yaml"
cp "$tmp/comments.sla.yaml" "$tmp/comments.orig"
"$PACTA" fmt "$tmp/comments.sla.yaml" >"$tmp/out" 2>"$tmp/err"
status "fmt on a file with comments exits 1" 1 $?
same "the file with comments is left unchanged" "$tmp/comments.orig" "$tmp/comments.sla.yaml"
if grep -q 'comments' "$tmp/err" && grep -q -- '--drop-comments' "$tmp/err" && grep -q 'comments\.sla\.yaml' "$tmp/err"; then
    pass "the refusal names the file, the comments and --drop-comments"
else
    fail "the refusal names the file, the comments and --drop-comments"
    diag "$tmp/err"
fi
"$PACTA" fmt --drop-comments "$tmp/comments.sla.yaml" 2>"$tmp/err"
status "fmt --drop-comments exits 0" 0 $?
same "fmt --drop-comments rewrites it without the comments" "$data/base.sla.yaml" "$tmp/comments.sla.yaml"

# ---- atomic replacement: a new inode, the mode kept ----
# (one link only: a hard-linked file is written in place with a FILE~ backup,
# which is fileio's business and tested there)
cp "$tmp/messy.orig" "$tmp/atomic.sla.yaml"
chmod 640 "$tmp/atomic.sla.yaml"
ino=$(stat -c %i "$tmp/atomic.sla.yaml")
"$PACTA" fmt "$tmp/atomic.sla.yaml" 2>"$tmp/err"
status "fmt on a mode-640 file exits 0" 0 $?
ino2=$(stat -c %i "$tmp/atomic.sla.yaml")
mode=$(stat -c %a "$tmp/atomic.sla.yaml")
[ "$ino" != "$ino2" ] && pass "the file was replaced by rename (inode $ino -> $ino2)" || fail "the inode did not change ($ino): written in place"
[ "$mode" = 640 ] && pass "its mode is kept (640)" || fail "its mode is $mode, want 640"
leftover=$(ls -A "$tmp" | grep -v -e '\.sla\.yaml$' -e '\.orig$' -e '^once$' -e '^want$' -e '^out$' -e '^err$' -e '^rc$' -e '^diff$')
[ -z "$leftover" ] && pass "no temporary file left behind" || { fail "left behind: $leftover"; }

# ---- an unwritable folder: a clear message, exit 73, the file unchanged ----
if [ "$(id -u)" != 0 ]; then
    mkdir "$tmp/ro"
    cp "$tmp/messy.orig" "$tmp/ro/a.sla.yaml"
    chmod 555 "$tmp/ro"
    "$PACTA" fmt "$tmp/ro/a.sla.yaml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    # root ignores permissions: run as nobody in a world-readable folder
    ro=$(mktemp -d) || exit 99
    chmod 755 "$ro"
    mkdir "$ro/ro"
    cp "$tmp/messy.orig" "$ro/ro/a.sla.yaml"
    chmod 644 "$ro/ro/a.sla.yaml"
    chmod 555 "$ro/ro"
    if setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$PACTA" -a -x "$PACTA" 2>/dev/null; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$PACTA" fmt "$ro/ro/a.sla.yaml" >"$tmp/out" 2>"$tmp/err"
        rc=$?
    else
        rc=skip
    fi
    cp "$ro/ro/a.sla.yaml" "$tmp/ro-result"
    chmod 755 "$ro/ro"
    rm -rf "$ro"
else
    rc=skip
fi
if [ "$rc" = skip ]; then
    n=$((n + 1)); echo "ok $n # SKIP read-only folder: running as root and cannot drop to nobody"
    n=$((n + 1)); echo "ok $n # SKIP read-only folder: running as root and cannot drop to nobody"
else
    status "fmt in a read-only folder exits 73" 73 "$rc"
    if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^pacta: cannot write .*a\.sla\.yaml.*Permission denied' "$tmp/err"; then
        pass "one clear line: the file, why, and the system's reason"
    else
        fail "one clear line: the file, why, and the system's reason"
        diag "$tmp/err"
    fi
fi

# ---- a file with two hard links: written in place, backup kept, and said ----
cp "$tmp/messy.orig" "$tmp/linked.sla.yaml"
ln "$tmp/linked.sla.yaml" "$tmp/other-name.sla.yaml"
"$PACTA" fmt "$tmp/linked.sla.yaml" 2>"$tmp/err"
status "fmt on a hard-linked file exits 0" 0 $?
same "both names see the canonical file" "$tmp/linked.sla.yaml" "$tmp/other-name.sla.yaml"
same "the backup FILE~ holds the old version" "$tmp/messy.orig" "$tmp/linked.sla.yaml~"
grep -q 'linked\.sla\.yaml was written in place.*linked\.sla\.yaml~' "$tmp/err" &&
    pass "and the user is told, with the backup's name" || { fail "fmt in place says nothing"; diag "$tmp/err"; }

# ---- refusals and usage ----
cp "$data/refuse-alias.sla.yaml" "$tmp/alias.sla.yaml"
"$PACTA" fmt "$tmp/alias.sla.yaml" 2>"$tmp/err"
status "fmt on a file the loader refuses exits 65" 65 $?
same "and leaves it unchanged" "$data/refuse-alias.sla.yaml" "$tmp/alias.sla.yaml"
"$PACTA" fmt "$tmp/no-such.sla.yaml" 2>"$tmp/err"
rc=$?
[ $rc = 65 ] && grep -q 'no-such\.sla\.yaml' "$tmp/err" && [ ! -e "$tmp/no-such.sla.yaml" ] &&
    pass "fmt on a missing file exits 65, names it and creates nothing" || { fail "fmt on a missing file: exit $rc"; diag "$tmp/err"; }
"$PACTA" fmt 2>"$tmp/err"
status "fmt without a file: usage error 64" 64 $?

echo "1..$n"
