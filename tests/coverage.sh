#!/bin/bash
# The line coverage of src/ by the test suite, from a build configured with -DKEFU_COVERAGE=ON
# whose tests have just run (tests/run_all.sh does this with its ASan build). Prints the summary
# and the files below 90 %, fewest covered first, and writes the whole per-file table to
# BUILD/coverage.txt. Fails when the line coverage of src/ falls below KEFU_COVERAGE_FLOOR
# (default 92: just under the 93.8 % measured on 2026-12-02; raise it as coverage rises).
# Usage: tests/coverage.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
floor=${KEFU_COVERAGE_FLOOR:-92}
# gcov runs on the .gcda files beside the objects; the generated protobuf code and the tests
# themselves are not src/.
gcovr --root "$root" --filter "$root/src/" --object-directory "$build" \
  --gcov-ignore-parse-errors --exclude-unreachable-branches --sort-percentage \
  --txt "$build/coverage.txt" --print-summary --fail-under-line "$floor" >"$build/coverage-summary.txt" || status=$?
echo "files of src/ under 90 % of lines covered (lines, covered, %, missing lines):"
awk '$1 ~ /^src\// && $4+0 < 90 {print "  " $1, $2, $3, $4}' "$build/coverage.txt"
cat "$build/coverage-summary.txt"
if [[ ${status:-0} != 0 ]]; then
  echo "line coverage of src/ is below the floor of ${floor} %"
  exit 1
fi
