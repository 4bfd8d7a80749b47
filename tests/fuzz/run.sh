#!/bin/bash
# Runs every libFuzzer target for SECONDS each (default 20), starting from the committed seed
# corpora (which it does not modify). A crash stops the run and names the input that caused it:
# copy that file into tests/fuzz/regressions/<target>/ once it is fixed, so that it replays in
# every test run from then on.
# Usage: tests/fuzz/run.sh FUZZ_BUILD_DIR [SECONDS]
#   e.g. CC=clang CXX=clang++ cmake -S . -B build-fuzz -DKEFU_FUZZ=ON && cmake --build build-fuzz -j2
#        tests/fuzz/run.sh build-fuzz 3600     # an hour per target
set -euo pipefail
build=$1
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$build/fuzz-work
for target in call call_json cadence_parse cadence_parse_json csv_import; do
  mkdir -p "$work/$target" "$work/artifacts"
  echo "== fuzzing $target for ${seconds}s"
  if ! "$build/tests/fuzz/kefu_fuzz_$target" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
      "$work/$target" "$here/corpus/$target" 2>"$work/$target.log"; then
    tail -n 40 "$work/$target.log"
    echo "fuzz target $target FAILED; the input is in $work/artifacts/"
    exit 1
  fi
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$work/$target.log" | tr '\n' ' '
  echo
done
echo "all fuzz targets ran ${seconds}s each without a finding"
