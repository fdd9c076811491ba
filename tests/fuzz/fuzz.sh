#!/bin/sh
# fuzz.sh - build the libFuzzer targets with clang and run each one.
#
#   fuzz.sh build      compile the core and the targets into tests/fuzz/bin/
#   fuzz.sh run        run each target for FUZZ_SECONDS (default 60)
#   fuzz.sh build run  both (what `make fuzz` does)
#
# Called by `make fuzz` (tests/fuzz.am), which passes in the environment:
# top_srcdir, top_builddir, FUZZ_CC (clang), FUZZ_SOURCES (the core's .c
# files, relative), FUZZ_CPPFLAGS, FUZZ_LIBS, FUZZ_SECONDS, FUZZ_TARGETS,
# FUZZ_JOBS, FUZZ_SEED (default 1, so that a run is repeatable; 0 picks a
# random one).  Seeds: tests/fuzz/corpus/<target>/ plus the fixtures (examples,
# tests/data); the growing corpus lives in the build tree
# (tests/fuzz/work/<target>/), never in the source tree.  A crash leaves its
# input as tests/fuzz/crashes/<target>-crash-*: turn it into a fixture in
# tests/data/hostile/ (README.md).
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}" "${FUZZ_CC:=clang}" "${FUZZ_SECONDS:=60}" "${FUZZ_JOBS:=2}"
: "${FUZZ_TARGETS:=fuzz_agreement fuzz_forms fuzz_calc fuzz_lineedit}"
: "${FUZZ_CPPFLAGS:=}" "${FUZZ_LIBS:=}" "${FUZZ_SOURCES:=}"
src=$(cd "$top_srcdir" && pwd) || exit 1
bld=$(cd "$top_builddir" && pwd) || exit 1
out=$bld/tests/fuzz
: "${FUZZ_LOCALEDIR:=/usr/local/share/locale}"

# clang with ASan and UBSan (every UB report is a crash); FUZZ_CPPFLAGS are
# the pkg-config flags (word-split on purpose).
cc_f() {
    # shellcheck disable=SC2086
    "$FUZZ_CC" -g -O1 -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
        -fno-omit-frame-pointer -I"$bld" -I"$src" "-DLOCALEDIR=\"$FUZZ_LOCALEDIR\"" $FUZZ_CPPFLAGS "$@"
}

die() { echo "fuzz.sh: $*" >&2; exit 1; }

# The file as the build sees it: generated sources live in the build tree.
locate() { if [ -f "$bld/$1" ]; then echo "$bld/$1"; else echo "$src/$1"; fi; }

build() {
    command -v "$FUZZ_CC" >/dev/null 2>&1 || die "$FUZZ_CC not found: the fuzz targets need clang with libFuzzer"
    [ -n "$FUZZ_SOURCES" ] || die "FUZZ_SOURCES is empty: run through 'make fuzz'"
    mkdir -p "$out/obj" "$out/bin" || exit 1
    # a probe: is libFuzzer there?
    printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}\n' \
        > "$out/obj/probe.c"
    "$FUZZ_CC" -fsanitize=fuzzer "$out/obj/probe.c" -o "$out/obj/probe" 2>/dev/null ||
        die "$FUZZ_CC cannot link -fsanitize=fuzzer (install clang's compiler-rt / libclang-rt-dev)"
    objs=""
    for f in $FUZZ_SOURCES; do
        case $f in *.c) ;; *) continue ;; esac
        o=$out/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
        objs="$objs $o"
        printf '%s %s\n' "$(locate "$f")" "$o"
    done > "$out/obj/list"
    # coverage instrumentation for the code under test, FUZZ_JOBS at a time
    n=0 pids=""
    while read -r c o; do
        cc_f -fsanitize=fuzzer-no-link -c "$c" -o "$o" &
        pids="$pids $!"
        n=$((n + 1))
        if [ "$n" -ge "$FUZZ_JOBS" ]; then
            for p in $pids; do wait "$p" || die "compiling the core with $FUZZ_CC failed"; done
            n=0 pids=""
        fi
    done < "$out/obj/list"
    for p in $pids; do wait "$p" || die "compiling the core with $FUZZ_CC failed"; done
    for t in $FUZZ_TARGETS; do
        echo "  FUZZ     $t"
        # shellcheck disable=SC2086
        cc_f -fsanitize=fuzzer "$src/tests/fuzz/$t.c" $objs $FUZZ_LIBS -o "$out/bin/$t" ||
            die "linking $t failed"
    done
}

# Seeds for one target: its corpus folder, plus fixtures of the right kind.
seeds() {
    echo "$src/tests/fuzz/corpus/$1"
    case $1 in
    fuzz_agreement)
        echo "$src/examples"
        for d in "$src"/tests/data/hostile "$src"/tests/data/spell "$src"/tests/data/calc "$src"/tests/data/render \
                 "$src"/forms; do
            [ -d "$d" ] && echo "$d"
        done ;;
    fuzz_forms)
        echo "$src/forms"
        [ -d "$src/tests/data/forms-broken" ] && echo "$src/tests/data/forms-broken" ;;
    esac
}

run() {
    mkdir -p "$out/crashes" || exit 1
    status=0
    summary=$out/summary.txt
    : > "$summary"
    for t in $FUZZ_TARGETS; do
        bin=$out/bin/$t
        [ -x "$bin" ] || die "$bin is not built (fuzz.sh build)"
        work=$out/work/$t
        mkdir -p "$work"
        # libFuzzer reads every folder given and writes new inputs into the first
        # shellcheck disable=SC2046
        (cd "$out" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
            UBSAN_OPTIONS=print_stacktrace=1 \
            "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$out/crashes/$t-" \
            $( [ -f "$src/tests/fuzz/$t.dict" ] && echo "-dict=$src/tests/fuzz/$t.dict" ) \
            "$work" $(seeds "$t")) > "$out/$t.log" 2>&1
        rc=$?
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log" | tail -n 1)
        secs=$(sed -n 's/.*Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/$t.log" | tail -n 1)
        rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$out/$t.log" | tail -n 1)
        cov=$(grep -o 'cov: [0-9]*' "$out/$t.log" | tail -n 1)
        ncorp=$(find "$work" -type f | wc -l)
        if [ "$rc" -eq 0 ]; then
            line="$t: ${execs:-?} executions in ${secs:-$FUZZ_SECONDS} s, ${cov:-cov: ?} edges, corpus $ncorp, peak ${rss:-?} MB: no crash"
        else
            line="$t: FAILED (exit $rc) after ${execs:-?} executions; see $out/$t.log and $out/crashes/"
            status=1
            grep -m 5 -E 'ERROR|property failed|runtime error|Test unit written' "$out/$t.log" >&2
        fi
        echo "$line" | tee -a "$summary"
    done
    return $status
}

[ $# -gt 0 ] || set -- build run
for step in "$@"; do
    case $step in
    build) build || exit 1 ;;
    run) run || exit 1 ;;
    *) die "unknown step $step (build, run)" ;;
    esac
done
