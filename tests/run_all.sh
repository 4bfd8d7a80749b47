#!/bin/bash
# The whole test suite, as CI runs it (the README's test command ends here):
#   1. the ASan + UBSan build runs every test, instrumented for line coverage too, and
#      tests/coverage.sh reports the coverage of src/ (and fails below its floor);
#   2. the TSan build runs the concurrency tests;
#   3. the clang/libFuzzer build runs every fuzz target for KEFU_FUZZ_SECONDS (default 20) each;
#   4. the main build (gcc, warnings as errors) runs every test, the ABI check against the
#      recorded baseline, the SIGKILL crash test and the fuzz corpora replays — last, so that the
#      run ends with ctest's summary line.
# Longer runs: KEFU_FUZZ_SECONDS=3600 KEFU_CRASH_ITERATIONS=500 KEFU_CONCURRENCY_SCALE=20
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${KEFU_JOBS:-2}
fuzz_seconds=${KEFU_FUZZ_SECONDS:-20}
step() { printf '\n==== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

step "main build: gcc, -Werror"
cmake -S . -B build -DKEFU_WERROR=ON >/dev/null
cmake --build build -j"$jobs"

step "AddressSanitizer + UndefinedBehaviorSanitizer: every test, with line coverage"
cmake -S . -B build-asan -DKEFU_SANITIZE=address,undefined -DKEFU_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DKEFU_COVERAGE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure
step "line coverage of src/ by the tests above"
tests/coverage.sh build-asan

step "ThreadSanitizer: the concurrency tests"
cmake -S . -B build-tsan -DKEFU_SANITIZE=thread -DKEFU_BUILD_BENCH=OFF -DKEFU_BUILD_CLI=OFF \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-tsan -j"$jobs" --target kefu_concurrency_test kefu_core_tests kefu_capi_tests
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure \
  -R 'Concurrency|Store.ManyWriters|Store.BacksUpOnline|Thread'

step "libFuzzer: every target for ${fuzz_seconds}s"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DKEFU_FUZZ=ON -DKEFU_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$jobs"
tests/fuzz/run.sh build-fuzz "$fuzz_seconds"

step "main build: every test, the ABI check, the crash test"
ctest --test-dir build -j"$jobs" --output-on-failure
