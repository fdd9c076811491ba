#!/bin/sh
# valgrind.sh - the command-line tests' commands under valgrind memcheck:
# check, fmt --check, summary and spell on the examples, and check/fmt on a
# few hostile files; no memory error and no definite or indirect leak
# (valgrind exits 99 when it finds one).  TAP; skip 77 without valgrind.
: "${top_srcdir:=.}" "${PACTA:=./pacta}"
V=${VALGRIND:-valgrind}
[ "$V" = no ] && V=valgrind
if ! command -v "$V" >/dev/null 2>&1; then echo "1..0 # SKIP valgrind not found"; exit 77; fi
if [ ! -x "$PACTA" ]; then echo "1..0 # SKIP $PACTA not built"; exit 77; fi
# AddressSanitizer and valgrind cannot share a process; the sanitizer build
# checks the same things its own way.
if [ "${PACTA_SANITIZED:-no}" = yes ]; then echo "1..0 # SKIP built with sanitizers (--enable-sanitizers): memcheck cannot run it"; exit 77; fi
LC_ALL=C.UTF-8 LANGUAGE= ; export LC_ALL LANGUAGE
dir=$(mktemp -d "${TMPDIR:-/tmp}/valgrind.XXXXXX") || { echo "1..0 # SKIP no temporary folder"; exit 77; }
trap 'rm -rf "$dir"' EXIT
n=0 failed=0

vg() { # vg DESCRIPTION pacta-args...
    d=$1
    shift
    n=$((n + 1))
    "$V" -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --log-file="$dir/vg.log" "$PACTA" "$@" > /dev/null 2> "$dir/err"
    rc=$?
    if [ "$rc" -eq 99 ] || [ "$rc" -ge 124 ]; then
        failed=$((failed + 1))
        echo "not ok $n - $d: memcheck clean (status $rc)"
        grep -E '(Invalid|uninitialised|definitely|indirectly|at 0x|by 0x)' "$dir/vg.log" | head -n 12 | sed 's/^/# /'
    else
        echo "ok $n - $d: memcheck clean (status $rc)"
    fi
}

for f in "$top_srcdir"/examples/*.sla.yaml; do
    b=$(basename "$f")
    vg "check $b" check "$f"
    vg "fmt --check $b" fmt --check "$f"
    vg "summary $b" summary "$f" -f text
    vg "summary -f md $b" summary "$f" -f md
    vg "spell $b" spell "$f"
    cp "$f" "$dir/$b"
    vg "fmt (rewriting a copy) $b" fmt "$dir/$b"
done
vg "checklist" checklist --type two_way -f text
H=$top_srcdir/tests/data/hostile
for f in billion-laughs nul utf8-truncated-at-end image.png duplicate-key-nested two-documents unclosed-quote \
         references-in-cycles wrong-type-text-is-map ids-collide empty null-text; do
    vg "check $f" check "$H/$f.sla.yaml"
    vg "fmt --check $f" fmt --check "$H/$f.sla.yaml"
done
awk 'BEGIN{printf "notes: "; for(i=0;i<10000;i++) printf "["; for(i=0;i<10000;i++) printf "]"; print ""}' > "$dir/deep.sla.yaml"
vg "check nesting 10000 deep" check "$dir/deep.sla.yaml"
mkdir "$dir/folder.sla.yaml"
vg "check a folder" check "$dir/folder.sla.yaml"
echo "1..$n"
[ "$failed" -eq 0 ]
