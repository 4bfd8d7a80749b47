#!/bin/bash
# The kefu command-line tool: output, --json, --help and exit codes that follow the status.
# Usage: cli_test.sh PATH_TO_KEFU DATA_DIR
set -uo pipefail
kefu=$1
data=${2:-$(dirname "$0")/data}
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
expect help 0 'Usage: kefu cadence' -- "$kefu" cadence --help
expect top-help 0 'Subcommands:' -- "$kefu" --help
expect top-help-schedule 0 'schedule' -- "$kefu" followup --help
expect version-json 0 '"abiVersion": 1' -- "$kefu" version --json
# Every subcommand has its own help, each option described.
for sub in cadence "patient add" "patient show" "patient search" import init backup check worklist \
    "call record" call "followup report" "followup explain" "followup schedule" "followup unreachable" \
    "followup questions" "followup answer" "config settings show" "config settings set" \
    "config rules show" "config rules set" "config never-call show" "config never-call set" \
    "config calendar show" "config calendar set" "config staff list" "config staff put" demo version \
    "role list" "role add" "role grant" "role revoke" "role enforce" "actor add" "actor list" access-log \
    "patient export"; do
  # shellcheck disable=SC2086
  expect "help-${sub// /-}" 0 "^Usage: kefu $sub" -- "$kefu" $sub --help
done
expect version 0 '^kefu [0-9]+\.[0-9]+\.[0-9]+ \(ABI 1\)$' -- "$kefu" version

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
policy=$scratch/policy.json
cat >"$policy" <<'JSON'
{"name": "two-letters", "steps": [
  {"offset": {"amount": 1, "unit": "TIME_UNIT_MONTHS"}, "channel": "CHANNEL_LETTER"},
  {"offset": {"amount": 2, "unit": "TIME_UNIT_MONTHS"}, "channel": "CHANNEL_LETTER"}]}
JSON
expect policy-file 0 '^2 +2026-03-31 +2026-03-31 +D\+59 +letter' -- \
  "$kefu" cadence --policy-file "$policy" --discharged 2026-01-31
# A policy file is read as RFC 8259 JSON, as every JSON kefu takes: a trailing comma is refused.
lenient=$scratch/lenient.json
printf '{"steps": [{"offset": {"amount": 1, "unit": "TIME_UNIT_MONTHS"}},]}\n' >"$lenient"
expect policy-file-lenient 1 'KEFU_ERR_INVALID_ARGUMENT: --policy-file ".*lenient.json" is not a valid kefu.v1.CadencePolicy in JSON: parse error at line 1, column 66: .*\(RFC 8259 JSON only\)' -- \
  "$kefu" cadence --policy-file "$lenient" --discharged 2026-01-31

expect bad-date 1 'KEFU_ERR_INVALID_ARGUMENT: anchor is 2026-02-30: no such day in that month' -- \
  "$kefu" cadence --discharged 2026-02-30
expect bad-date-text 1 'KEFU_ERR_INVALID_ARGUMENT: --discharged is "yesterday": expected YYYY-MM-DD' -- \
  "$kefu" cadence --discharged yesterday
expect missing-anchor 1 'KEFU_ERR_INVALID_ARGUMENT: --discharged is missing' -- "$kefu" cadence
expect unknown-policy 2 'KEFU_ERR_NOT_FOUND: builtin is "weekly"' -- \
  "$kefu" cadence --policy weekly --discharged 2026-01-31
expect unknown-option 1 'KEFU_ERR_INVALID_ARGUMENT: The following argument was not expected: --colour \(see kefu cadence --help\)' -- "$kefu" cadence --colour
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

# A mistyped path is an error, never a new empty archive.
expect check-missing 2 'KEFU_ERR_NOT_FOUND: path is ".*typo.db": no archive there' -- "$kefu" check --db "$scratch/typo.db"
expect backup-missing 2 'KEFU_ERR_NOT_FOUND' -- "$kefu" backup --db "$scratch/typo.db" --to "$scratch/x.db"
expect worklist-missing 2 'KEFU_ERR_NOT_FOUND' -- "$kefu" worklist --db "$scratch/typo.db"
expect import-missing 2 'KEFU_ERR_NOT_FOUND' -- "$kefu" import --db "$scratch/typo.db" --patients "$data/patients.csv"
expect nothing-created 0 '^absent$' -- bash -c "[[ -e '$scratch/typo.db' || -e '$scratch/x.db' ]] && echo present || echo absent"
expect init 0 '^created archive .*new.db \(schema [0-9]+, UTC\+8\), administered by admin.li$' -- "$kefu" init --db "$scratch/new.db" --admin admin.li
expect init-again 3 'KEFU_ERR_ALREADY_EXISTS: --db is ".*new.db": a file is already there' -- "$kefu" init --db "$scratch/new.db" --admin admin.li
expect init-needs-admin 1 '\-\-admin is required' -- "$kefu" init --db "$scratch/new2.db"

# Who may do what: the archive made by init checks every command's actor.
adb=$scratch/new.db
expect denied 5 'KEFU_ERR_PERMISSION_DENIED: actor "cli" may not call kefu.v1.PatientService/ListPatients: it is not known to this archive' -- \
  "$kefu" patient search --db "$adb"
expect actor-add 0 '^actor xu.clerk \(active\)$' -- "$kefu" actor add --db "$adb" --actor admin.li xu.clerk --name 徐静
expect role-grant 0 '^xu.clerk holds: archive_clerk$' -- "$kefu" role grant --db "$adb" --actor admin.li xu.clerk archive_clerk
expect role-self-grant 5 'KEFU_ERR_PERMISSION_DENIED: actor "admin.li" may not grant a role to itself' -- \
  "$kefu" role grant --db "$adb" --actor admin.li admin.li general_manager
expect role-list 0 '^general_manager +built-in +.*report.read' -- "$kefu" role list --db "$adb" --actor admin.li
expect role-add-bad 1 'KEFU_ERR_INVALID_ARGUMENT: role.permissions\[0\] is "report.reed": not a permission' -- \
  "$kefu" role add --db "$adb" --actor admin.li figures --permission report.reed
expect import-as-clerk 0 '^imported 3 patients' -- env KEFU_ACTOR=xu.clerk \
  "$kefu" import --db "$adb" --patients "$data/patients.csv" --encounters "$data/encounters.csv"
"$kefu" actor add --db "$adb" --actor admin.li gao --name 高 >/dev/null
"$kefu" role grant --db "$adb" --actor admin.li gao consultant >/dev/null
expect search-masked 0 '^1 +H0001 +张伟 +male +1958-04-12 +138\*\*\*\*0001, 010\*\*\*\*3456' -- \
  "$kefu" patient search --db "$adb" --actor gao
expect show-in-full 0 '13800000001' -- "$kefu" patient show --db "$adb" --actor xu.clerk --mrn H0001 --json
"$kefu" actor add --db "$adb" --actor admin.li qian >/dev/null
"$kefu" role grant --db "$adb" --actor admin.li qian auditor >/dev/null
expect access-log 0 '^1 +[0-9]+ +xu.clerk +kefu.v1.PatientService/GetPatient +1$' -- \
  "$kefu" access-log --db "$adb" --actor qian
expect access-log-denied 5 'needs permission "access_log.read"' -- "$kefu" access-log --db "$adb" --actor gao
expect export 0 '"exportedBy": "xu.clerk"' -- "$kefu" patient export --db "$adb" --actor xu.clerk --mrn H0001
expect actor-list 0 '^gao +高 +staff +active +consultant$' -- "$kefu" actor list --db "$adb" --actor admin.li
expect enforce-off 0 '^permissions are not checked$' -- "$kefu" role enforce --db "$adb" --actor admin.li off
expect open-again 0 '^4 patients$|^3 patients$' -- "$kefu" patient search --db "$adb"

# The archive: import, search, show, add, backup, check.
db=$scratch/archive.db
expect import 0 '^imported 3 patients and 3 encounters \(1 discharge\)$' -- \
  "$kefu" import --db "$db" --create --patients "$data/patients.csv" --encounters "$data/encounters.csv"
# Overlapping exports: what is there already is counted, a contradiction names the file and line.
expect import-again 0 '^imported 0 patients and 0 encounters \(0 discharges\); already present: 3 patients and 3 encounters$' -- \
  "$kefu" import --db "$db" --patients "$data/patients.csv" --encounters "$data/encounters.csv"
sed 's/2026-10-01,2026-10-12/2026-10-01,2026-10-13/' "$data/encounters.csv" >"$scratch/contradiction.csv"
expect import-contradiction 4 'KEFU_ERR_FAILED_PRECONDITION: .*contradiction.csv line 2: discharge_date is 2026-10-13 but HIS visit "ZY2026-001" \(encounter 1\) was discharged on 2026-10-12' -- \
  "$kefu" import --db "$db" --encounters "$scratch/contradiction.csv"
sed 's/^H0002,ZY2026-002,inpatient,心内科,陈医生,2026-11-01,,/H0002,ZY2026-002,inpatient,心内科,陈医生,2026-11-01,2026-11-10,/' \
  "$data/encounters.csv" >"$scratch/discharged-later.csv"
expect import-discharges-an-admitted-stay 0 '; updated 0 patients and 1 encounter; already present: 0 patients and 2 encounters$' -- \
  "$kefu" import --db "$db" --encounters "$scratch/discharged-later.csv"
expect search-table 0 '^3 +H0003 +李, 娜 +female +1985-02-28 +\+8613900000003 +131002 +active$' -- \
  "$kefu" patient search --db "$db"
expect search-phone 0 '^1 patient$' -- "$kefu" patient search --db "$db" --phone 010-6512-3456
expect search-json 0 '"mrn": "H0002"' -- "$kefu" patient search --db "$db" --name 王 --json
expect show 0 '^1 +inpatient +discharged +内分泌科 +2026-10-01 +2026-10-12 +E11.9, I10$' -- \
  "$kefu" patient show --db "$db" --mrn H0001
expect show-timeline 0 'encounter +inpatient' -- "$kefu" patient show --db "$db" --mrn H0001
expect show-json-one-document 0 '"mrn": "H0001"' -- bash -c "'$kefu' patient show --db '$db' --mrn H0001 --json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(d[\"patient\"], ensure_ascii=False, indent=1)); assert \"encounters\" in d and \"timeline\" in d'"
expect show-missing 2 'KEFU_ERR_NOT_FOUND: patient MRN "H9999" does not exist' -- \
  "$kefu" patient show --db "$db" --mrn H9999
expect add 0 '^created patient H0004 \(id 4\)$' -- \
  "$kefu" patient add --db "$db" --mrn H0004 --name 赵六 --phone 13700000004 --phone 0311-1234567
expect add-bad-phone 1 'patient.phones\[0\].number is "not-a-phone": not a phone number' -- \
  "$kefu" patient add --db "$db" --mrn H0005 --name x --phone not-a-phone
expect backup 0 '^backed up .* bytes, schema version 7$' -- \
  "$kefu" backup --db "$db" --to "$scratch/copy.db"
expect backup-exists 3 'KEFU_ERR_ALREADY_EXISTS: destination_path is' -- \
  "$kefu" backup --db "$db" --to "$scratch/copy.db"
expect check 0 'integrity: ok; audit chain: ok' -- "$kefu" check --db "$scratch/copy.db"
expect check-counts 0 '^4 patients, 3 encounters, 0 contacts, 12 audit entries$' -- \
  "$kefu" check --db "$scratch/copy.db"
expect update-deceased 0 'DECEASED' -- "$kefu" call kefu.v1.PatientService/UpdatePatient --db "$db" \
  '{"mrn": "H0004", "patient": {"status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2026, "month": 11, "day": 1}}, "updateMask": ["status", "death_date"]}'
expect show-deceased 0 '^follow-up +no \(deceased\)$' -- "$kefu" patient show --db "$db" --mrn H0004

cat >"$scratch/bad-date.csv" <<'CSV'
mrn,name,birth_date
X1,ok,1970-01-01
X2,bad,1970/01/02
CSV
expect import-bad-field 1 'bad-date.csv line 3, column birth_date: "1970/01/02" is not a date as YYYY-MM-DD' -- \
  "$kefu" import --db "$db" --patients "$scratch/bad-date.csv"
printf 'mrn,name,colour\nX1,a,red\n' >"$scratch/bad-column.csv"
expect import-unknown-column-strict 1 'has an unknown column "colour"' -- \
  "$kefu" import --db "$db" --strict --patients "$scratch/bad-column.csv"
expect import-unknown-column-warns 0 'warning: .*bad-column.csv: unknown column "colour" ignored' -- \
  "$kefu" import --db "$scratch/other.db" --create --patients "$scratch/bad-column.csv"
# Chinese HIS exports in GBK/GB18030 are read as such; told it is UTF-8, kefu names the line.
iconv -f UTF-8 -t GB18030 "$data/patients.csv" >"$scratch/gbk.csv"
expect import-gbk 0 'read as GB18030' -- "$kefu" import --db "$scratch/gbk.db" --create --patients "$scratch/gbk.csv"
expect import-gbk-names 0 '^1 +H0001 +张伟' -- "$kefu" patient search --db "$scratch/gbk.db"
expect import-gbk-as-utf8 1 'gbk.csv line 2 is not UTF-8 \(a GBK or GB18030 export\? give --encoding gb18030' -- \
  "$kefu" import --db "$scratch/gbk.db" --encoding utf-8 --patients "$scratch/gbk.csv"
printf 'mrn,name\nX1,"never closed\n' >"$scratch/bad-quote.csv"
expect import-open-quote 1 'bad-quote.csv line 2: a quoted field is never closed' -- \
  "$kefu" import --db "$db" --patients "$scratch/bad-quote.csv"
printf 'mrn,name\nX1,a\nX2,b,c\n' >"$scratch/ragged.csv"
expect import-ragged 1 'ragged.csv line 3 has 3 fields; the header has 2' -- \
  "$kefu" import --db "$db" --patients "$scratch/ragged.csv"
expect nothing-half-imported 0 '^4 patients$' -- "$kefu" patient search --db "$db"
echo "not an archive" >"$scratch/text.db"
expect not-an-archive 8 'KEFU_ERR_CORRUPT' -- "$kefu" check --db "$scratch/text.db"

# The follow-up team's day: the demo, then the commands on its archive. The demo never replaces a
# file that is not a demo archive, and replaces its own only with --force.
demo=$scratch/demo.db
expect demo 0 'the team.s report for the past 30 days' -- "$kefu" demo --db "$demo"
expect demo-exists 3 'KEFU_ERR_ALREADY_EXISTS: --db is ".*demo.db": a file is already there; give --force' -- "$kefu" demo --db "$demo"
expect demo-died 0 'DIED +-> DONE; plan closed: the family reported the death' -- "$kefu" demo --db "$demo" --force
expect demo-not-over-an-archive 4 'KEFU_ERR_FAILED_PRECONDITION: --db is ".*archive.db": an archive that kefu demo did not make' -- \
  "$kefu" demo --db "$db" --force
expect demo-not-over-a-file 8 'KEFU_ERR_CORRUPT' -- "$kefu" demo --db "$scratch/text.db" --force
expect archive-untouched 0 '^4 patients$' -- "$kefu" patient search --db "$db"
expect worklist 0 '^worklist for today: [0-9]+ tasks, 1 open expert question$' -- "$kefu" worklist --db "$demo"
expect worklist-json 0 '"items": \[' -- "$kefu" worklist --db "$demo" --json
task=$("$kefu" worklist --db "$demo" --json | grep -m1 -oE '"id": "[0-9]+"' | grep -oE '[0-9]+')
expect call-record 0 "^task $task: done" -- "$kefu" call record --db "$demo" --task "$task" --outcome reached --notes "doing well"
expect call-record-again 4 'KEFU_ERR_FAILED_PRECONDITION: task id [0-9]+ is TASK_STATE_DONE' -- \
  "$kefu" call record --db "$demo" --task "$task" --outcome reached
expect call-record-bad-outcome 1 '--outcome is "maybe": one of reached' -- \
  "$kefu" call record --db "$demo" --task "$task" --outcome maybe
expect explain 0 'Its contact #[0-9]+ is due' -- "$kefu" followup explain --db "$demo" --task "$task"
expect report 0 '^total +[0-9]+' -- "$kefu" followup report --db "$demo" --from 2026-01-01 --to 2027-12-31 --by staff
expect schedule 0 'tasks scheduled, [0-9]+ cannot be served in time' -- \
  "$kefu" followup schedule --db "$demo" --days 7
expect worklist-staff 0 '^worklist for today: [0-9]+ tasks' -- "$kefu" worklist --db "$demo" --staff nurse-wang
expect report-bad-period 1 '--period is "hour": day, week or month' -- \
  "$kefu" followup report --db "$demo" --from 2026-01-01 --to 2026-12-31 --period hour
expect report-nothing-due 0 '^total +0 +0 +0 +0 +0 +— +—$' -- \
  "$kefu" followup report --db "$demo" --from 2020-01-01 --to 2020-01-31
expect questions 0 '^1 expert question awaiting an answer$' -- "$kefu" followup questions --db "$demo"
question=$("$kefu" followup questions --db "$demo" --json | grep -m1 -oE '"id": "[0-9]+"' | grep -oE '[0-9]+')
expect questions-zone 0 'UTC\+8' -- "$kefu" followup questions --db "$demo"
expect answer 0 "^question $question of D[0-9]+ answered by cli$" -- \
  "$kefu" followup answer --db "$demo" --question "$question" --answer "可以减量，下周复诊"
expect unreachable 0 '^0 patients lost to follow-up$' -- "$kefu" followup unreachable --db "$demo"

# The configuration a team changes, without JSON.
expect settings-set 0 '^unreachable after missed +2$' -- \
  "$kefu" config settings set --db "$demo" --unreachable-after 2 --death-disposition 病逝 --fallback letter
expect settings-show 0 '^death dispositions \(added\) +病逝$' -- "$kefu" config settings show --db "$demo"
expect settings-bad 1 'settings.unreachable_after_missed is 99: must be 1..20' -- \
  "$kefu" config settings set --db "$demo" --unreachable-after 99
expect staff-put 0 '^nurse-zhao +赵护士 +early, middle +8 +yes$' -- \
  "$kefu" config staff put --db "$demo" --id nurse-zhao --name 赵护士 --shift early --shift middle --capacity 8
expect staff-list 0 '^3 staff members$' -- "$kefu" config staff list --db "$demo"
expect calendar-set 0 '^days off: 2027-01-01 2027-02-11$' -- \
  "$kefu" config calendar set --db "$demo" --year 2027 --day-off 2027-01-01 --day-off 2027-02-11 --working-day 2027-02-07
expect calendar-show 0 '^worked weekend days: 2027-02-07$' -- "$kefu" config calendar show --db "$demo" --year 2027
expect never-call-set 0 'departments 男科, 性病科' -- \
  "$kefu" config never-call set --db "$demo" --department 男科 --department 性病科 --diagnosis-prefix A5
printf '{"rules": [{"policy": "local", "department": "妇科"}]}' >"$scratch/rules.json"
expect rules-set 0 '^1 +local +妇科' -- "$kefu" config rules set --db "$demo" --file "$scratch/rules.json"
expect rules-show 0 '^1 plan rule \(tried in order' -- "$kefu" config rules show --db "$demo"

if [[ $failures -ne 0 ]]; then
  echo "$failures CLI checks failed"
  exit 1
fi
echo "all CLI checks passed"
