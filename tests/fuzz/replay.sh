#!/bin/sh
# replay.sh - run the fuzz targets (built with the ordinary compiler by
# tests/fuzz.am) over their seed corpora and the hostile corpus, so that
# every `make check` - and the sanitizer build, and valgrind - re-tests every
# input that ever crashed.  Inputs named open-* are known, reported findings
# not yet fixed: a failure there is TAP TODO.  TAP.
: "${top_srcdir:=.}" "${top_builddir:=.}"
F=$top_builddir/tests/fuzz
n=0 failed=0
for t in agreement forms calc lineedit; do
    bin=$F/replay_$t
    if [ ! -x "$bin" ]; then n=$((n + 1)); echo "ok $n # SKIP $bin not built"; continue; fi
    set -- "$top_srcdir/tests/fuzz/corpus/fuzz_$t"
    case $t in
    agreement) set -- "$@" "$top_srcdir/tests/data/hostile" "$top_srcdir/examples" ;;
    forms) set -- "$@" "$top_srcdir/forms" "$top_srcdir/tests/data/forms-broken" ;;
    esac
    for d in "$@"; do
        [ -d "$d" ] || continue
        for f in "$d"/*; do
            [ -f "$f" ] || continue
            n=$((n + 1))
            if err=$("$bin" "$f" 2>&1 >/dev/null); then
                echo "ok $n - fuzz_$t: $(basename "$d")/$(basename "$f")"
            else
                case $(basename "$f") in
                open-*) echo "not ok $n - fuzz_$t: $(basename "$f") # TODO open finding, tests/fuzz/README.md" ;;
                *) failed=$((failed + 1)); echo "not ok $n - fuzz_$t: $(basename "$d")/$(basename "$f")"
                   printf '%s\n' "$err" | grep -v '^# ' | head -n 8 | sed 's/^/# /' ;;
                esac
            fi
        done
    done
done
echo "1..$n"
[ "$failed" -eq 0 ]
