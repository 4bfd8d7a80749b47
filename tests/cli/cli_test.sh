#!/bin/bash
# The kefu command-line tool: output, --json, --help and exit codes that follow the status.
# Usage: cli_test.sh PATH_TO_KEFU
set -uo pipefail
kefu=$1
failures=0

# expect NAME EXIT_CODE PATTERN -- COMMAND...: runs COMMAND, checks its exit code and that its
# stdout+stderr match the extended regular expression PATTERN.
expect() {
  local name=$1 code=$2 pattern=$3
  shift 4
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  if [[ $rc -ne $code ]] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $code), output:"
    echo "$out" | head -n 20
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

expect table 0 '^5 +2026-07-05 +2026-07-11 +D\+161 +phone +health tracking$' -- \
  "$kefu" cadence --policy standard --discharged 2026-01-31 --count 12
expect table-header 0 'Policy standard, discharged 2026-01-31, calls at 20:00' -- \
  "$kefu" cadence --policy standard --discharged 2026-01-31 --count 12
expect twelve-rows 0 '^12 +2028-04-05 +2028-04-11' -- \
  "$kefu" cadence --discharged 2026-01-31 --count 12
expect local-leap 0 '^2 +2024-02-23 +2024-02-29 +D\+29' -- \
  "$kefu" cadence --policy local --discharged 2024-01-31
expect json 0 '"daysAfterAnchor": 161' -- \
  "$kefu" cadence --policy standard --discharged 2026-01-31 --count 5 --json
expect next 0 '^7 +2027-01-05 +2027-01-11' -- \
  "$kefu" cadence --discharged 2026-01-31 --on-or-after 2026-11-23
expect next-ended 0 'the cadence has ended' -- \
  "$kefu" cadence --policy out-of-town --discharged 2026-01-31 --on-or-after 2026-11-23
expect list 0 '^out-of-town +Out-of-town patients' -- "$kefu" cadence --list
expect help 0 'usage: kefu cadence' -- "$kefu" cadence --help
expect top-help 0 'commands:' -- "$kefu" --help
expect version 0 '^kefu [0-9]+\.[0-9]+\.[0-9]+ \(ABI 1\)$' -- "$kefu" version

policy=$(mktemp)
trap 'rm -f "$policy"' EXIT
cat >"$policy" <<'JSON'
{"name": "two-letters", "steps": [
  {"offset": {"amount": 1, "unit": "TIME_UNIT_MONTHS"}, "channel": "CHANNEL_LETTER"},
  {"offset": {"amount": 2, "unit": "TIME_UNIT_MONTHS"}, "channel": "CHANNEL_LETTER"}]}
JSON
expect policy-file 0 '^2 +2026-03-31 +2026-03-31 +D\+59 +letter' -- \
  "$kefu" cadence --policy-file "$policy" --discharged 2026-01-31

expect bad-date 1 'KEFU_ERR_INVALID_ARGUMENT: anchor is 2026-02-30: no such day in that month' -- \
  "$kefu" cadence --discharged 2026-02-30
expect bad-date-text 1 'KEFU_ERR_INVALID_ARGUMENT: --discharged is "yesterday": expected YYYY-MM-DD' -- \
  "$kefu" cadence --discharged yesterday
expect missing-anchor 1 'KEFU_ERR_INVALID_ARGUMENT: --discharged is missing' -- "$kefu" cadence
expect unknown-policy 2 'KEFU_ERR_NOT_FOUND: builtin is "weekly"' -- \
  "$kefu" cadence --policy weekly --discharged 2026-01-31
expect unknown-option 1 'unknown option --colour' -- "$kefu" cadence --colour
expect bad-count 1 '--count is "ten": expected a number' -- \
  "$kefu" cadence --discharged 2026-01-31 --count ten
expect zero-count 1 'count is 0: must be 1..10000' -- \
  "$kefu" cadence --discharged 2026-01-31 --count 0
expect missing-file 7 'KEFU_ERR_IO: --policy-file is "/nonexistent.json": cannot be read' -- \
  "$kefu" cadence --policy-file /nonexistent.json --discharged 2026-01-31
expect unknown-command 1 'unknown command "frobnicate"' -- "$kefu" frobnicate

expect call 0 '"abiVersion":1' -- "$kefu" call kefu.v1.SystemService/GetVersion
expect call-stdin 0 '"seq":5' -- bash -c "echo '{\"builtin\":\"standard\",\"anchor\":{\"year\":2026,\"month\":1,\"day\":31},\"onOrAfter\":{\"year\":2026,\"month\":6,\"day\":1}}' | '$kefu' call kefu.v1.CadenceService/Next -"
expect call-unknown 6 'KEFU_ERR_UNIMPLEMENTED' -- "$kefu" call kefu.v1.Nope/Nothing
expect call-bad-json 1 'KEFU_ERR_INVALID_ARGUMENT: request_json is not a valid' -- \
  "$kefu" call kefu.v1.CadenceService/Expand '{"count":'

if [[ $failures -ne 0 ]]; then
  echo "$failures CLI checks failed"
  exit 1
fi
echo "all CLI checks passed"
