#!/bin/bash
# Runs every libFuzzer target for SECONDS each (default: KEFU_FUZZ_SECONDS, else 20), starting
# from the committed seed corpora (which it does not modify) and the corpus an earlier run kept
# in FUZZ_BUILD_DIR/fuzz-work/<target>, and prints each target's executions and executions per
# second. A crash stops the run and names the input that caused it: copy that file into
# tests/fuzz/regressions/<target>/ once it is fixed, so that it replays in every test run.
# KEFU_FUZZ_TARGETS="call call_json" runs only those targets.
# Long campaigns: KEFU_FUZZ_JOBS=N runs N workers per target, and KEFU_FUZZ_MINIMIZE=1 minimises
# the kept corpus afterwards (libFuzzer's -merge), so that the next night starts from it.
# Usage: tests/fuzz/run.sh FUZZ_BUILD_DIR [SECONDS]
#   e.g. CC=clang CXX=clang++ cmake -S . -B build-fuzz -DKEFU_FUZZ=ON && cmake --build build-fuzz -j2
#        KEFU_FUZZ_MINIMIZE=1 tests/fuzz/run.sh build-fuzz 3600     # an hour per target
set -euo pipefail
build=$1
seconds=${2:-${KEFU_FUZZ_SECONDS:-20}}
jobs=${KEFU_FUZZ_JOBS:-1}
here=$(cd "$(dirname "$0")" && pwd)
work=$build/fuzz-work
for target in ${KEFU_FUZZ_TARGETS:-call call_json cadence_parse cadence_parse_json csv_import csv_stream}; do
  mkdir -p "$work/$target" "$work/artifacts"
  echo "== fuzzing $target for ${seconds}s"
  parallel=()
  if (( jobs > 1 )); then parallel=(-fork="$jobs"); fi
  if ! "$build/tests/fuzz/kefu_fuzz_$target" "${parallel[@]}" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
      "$work/$target" "$here/corpus/$target" 2>"$work/$target.log"; then
    tail -n 40 "$work/$target.log"
    echo "fuzz target $target FAILED; the input is in $work/artifacts/"
    exit 1
  fi
  if (( jobs > 1 )); then
    # -fork prints no final stats; its status lines ("#299244: cov: ...") count every worker's
    # executions.
    units=$(grep -oE '^#[0-9]+: cov:' "$work/$target.log" | grep -oE '[0-9]+' | tail -1)
    rss="? (per worker)"
  else
    units=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$work/$target.log" | grep -oE '[0-9]+$' | tail -1)
    rss=$(grep -oE 'stat::peak_rss_mb: +[0-9]+' "$work/$target.log" | grep -oE '[0-9]+$' | tail -1)
  fi
  echo "$target: ${units:-?} executions in ${seconds}s ($(( ${units:-0} / seconds )) per second, $jobs worker(s)), peak ${rss:-?} MB"
  if [[ ${KEFU_FUZZ_MINIMIZE:-0} == 1 ]]; then
    rm -rf "$work/$target.min" && mkdir -p "$work/$target.min"
    "$build/tests/fuzz/kefu_fuzz_$target" -merge=1 "$work/$target.min" "$work/$target" \
      2>>"$work/$target.log" && rm -rf "$work/$target" && mv "$work/$target.min" "$work/$target"
    echo "$target: corpus minimised to $(ls "$work/$target" | wc -l) inputs"
  fi
done
echo "all fuzz targets ran ${seconds}s each without a finding"
