#!/bin/bash
# Runs kefu's whole benchmark suite — the C++ suites and the Python script — keeping every
# figure as Google Benchmark JSON, then prints the comparison table in markdown (bench/report.py).
#
#   bash bench/run.sh [BUILD_DIR] [RESULTS_DIR]     (defaults: build-bench, BUILD_DIR/results)
#
# Builds BUILD_DIR in Release first. KEFU_BENCH_LARGE=1 adds the 10^7 sizes (a much longer run);
# TMPDIR chooses where the archive benchmarks write their files. Takes about 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
results=${2:-$build/results}
python=/usr/bin/python3

mkdir -p "$build"
log=$build/bench-build.log
echo "building $build (Release; log: $log)" >&2
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DKEFU_BUILD_TESTS=OFF &&
       cmake --build "$build" -j2 --target kefu_cadence_bench kefu_worklist_bench \
         kefu_boundary_bench kefu_archive_bench kefu_contention_bench kefu_python kefu_cli; } >"$log" 2>&1; then
  tail -40 "$log" >&2
  exit 1
fi
mkdir -p "$results"

for suite in cadence worklist boundary archive; do
  echo "running kefu_${suite}_bench" >&2
  # The archive's benchmarks write one file archive each, once (an import can run only once):
  # three repetitions, of which the report takes the median.
  repetitions=1
  if [ "$suite" = archive ]; then repetitions=3; fi
  "$build/bench/kefu_${suite}_bench" --benchmark_format=json \
    --benchmark_repetitions=$repetitions >"$results/$suite.json"
done
echo "running bench/python/bench_cadence.py" >&2
PYTHONPATH="$build/python" KEFU_LIBRARY="$build/src/libkefu.so.1" \
  "$python" bench/python/bench_cadence.py --json "$results/python.json" >&2

echo "running kefu_contention_bench (4 front-desk writers; 3 beside a bulk importer)" >&2
"$build/bench/kefu_contention_bench" --writers 4 --seconds 20 --json "$results/contention.json" >&2
"$build/bench/kefu_contention_bench" --writers 3 --seconds 20 --importer \
  --json "$results/contention-import.json" >&2
echo "running bench/python/import_memory.py (10^6 patients and discharges through kefu import)" >&2
"$python" bench/python/import_memory.py "$build/src/cli/kefu" --rows 1000000 --json "$results/import.json"

"$python" bench/report.py "$results"/{cadence,worklist,boundary,archive,python,import,contention,contention-import}.json
