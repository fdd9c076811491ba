#!/bin/sh
# ci-fuzz.sh - build the libFuzzer targets with clang and run each one for
# FUZZ_SECONDS (default 60); fails when any target finds a crash, a leak,
# undefined behaviour or a broken property.  Prints the figures (executions
# and time per target) from tests/fuzz/summary.txt.
#   tests/ci-fuzz.sh [BUILD-DIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
bld=${1:-${TMPDIR:-/tmp}/pacta-fuzz}
mkdir -p "$bld"
cd "$bld"
[ -f Makefile ] || "$src/configure" --enable-werror
make -j"${JOBS:-2}"
rc=0
make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" || rc=$?
echo "== fuzzing figures"
cat tests/fuzz/summary.txt 2>/dev/null || true
exit $rc
