#!/bin/sh
# ci-sanitizers.sh - configure a separate build with AddressSanitizer and
# UndefinedBehaviorSanitizer and run the whole suite there (issue 6).
#   tests/ci-sanitizers.sh [BUILD-DIR]     CC=gcc (default) or CC=clang
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
bld=${1:-${TMPDIR:-/tmp}/pacta-sanitizers-${CC:-gcc}}
mkdir -p "$bld"
cd "$bld"
if [ ! -f Makefile ]; then
    "$src/configure" --enable-sanitizers --enable-werror CC="${CC:-gcc}"
fi
# every finding stops the test that made it; leaks count
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS
make -j"${JOBS:-2}"
make -j"${JOBS:-2}" check || { cat test-suite.log 2>/dev/null | tail -n 80; exit 1; }
