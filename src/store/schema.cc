#include "store/schema.hpp"

#include <map>
#include <memory>
#include <string>

#include "rpc/v1.hpp"

namespace kefu::store {
namespace {

// Version 1: records are stored as their kefu.v1 message (binary protobuf, whose compatibility
// rules let later versions add fields), with the columns that are searched or constrained
// extracted beside them.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('utc_offset_minutes', '480');

CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  mrn TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_code TEXT,
  status INTEGER NOT NULL,
  merged_into INTEGER REFERENCES patients (id),
  record BLOB NOT NULL
);
CREATE INDEX patients_name ON patients (name);

CREATE TABLE encounters (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  his_visit_id TEXT UNIQUE,
  kind INTEGER NOT NULL,
  state INTEGER NOT NULL,
  start_day INTEGER NOT NULL,
  discharge_day INTEGER,
  record BLOB NOT NULL
);
CREATE INDEX encounters_patient ON encounters (patient_id, start_day);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  at_ms INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX contacts_patient ON contacts (patient_id, at_ms);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  contact_id INTEGER REFERENCES contacts (id),
  at_ms INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX notes_patient ON notes (patient_id, at_ms);

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  patient_id INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_patient ON audit (patient_id, seq);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE INDEX audit_time ON audit (at_ms);
-- Append-only, as far as kefu's own SQL goes (an edit behind kefu's back is what Verify finds).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Version 2: an index of every phone number (the patient's and the family's), so that a search by
// the caller's number does not decode every record. Filled from the stored records.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE patient_phones (
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  number TEXT NOT NULL
);
CREATE INDEX patient_phones_number ON patient_phones (number);
CREATE INDEX patient_phones_patient ON patient_phones (patient_id);
CREATE INDEX patients_region ON patients (region_code);
)sql";

// Version 3: follow-up. The hospital's configuration (settings, plan rules, the never-call list)
// and stored cadence policies; plans; and tasks, of which each open plan has one live at a time.
// tasks.next_day is the day a pending task is next to be called: what the due index is built on.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE followup_config (key TEXT PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE stored_policies (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  encounter_id INTEGER REFERENCES encounters (id),
  state INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX plans_patient ON plans (patient_id, state);
CREATE INDEX plans_encounter ON plans (encounter_id);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (id),
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  state INTEGER NOT NULL,
  next_day INTEGER NOT NULL,
  due_day INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX tasks_plan ON tasks (plan_id);
CREATE INDEX tasks_pending ON tasks (state, next_day);
CREATE INDEX tasks_due ON tasks (due_day);
CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE escalations (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  state INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX escalations_open ON escalations (state, patient_id);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients (id),
  day INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX appointments_patient ON appointments (patient_id, day);
)sql";

// Version 4: audit entries keep the records before and after as their binary kefu.v1 message
// (`message` names its type) instead of JSON, which is rendered when they are listed (format 2;
// the entries written before stay in format 1 and verify as they did).
constexpr const char* kVersion4 = R"sql(
ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN before_record BLOB;
ALTER TABLE audit ADD COLUMN after_record BLOB;
)sql";

// Version 5: an audit entry written under a simulated clock (format 3) keeps the wall-clock time
// beside the simulated one; NULL for every entry written on the wall clock.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE audit ADD COLUMN wall_ms INTEGER;
)sql";

// Version 6: tasks, questions and appointments are audited at every change from here on (a
// schedule's assignments were not before), so the integrity check compares each with its latest
// audit entry when that entry is this one's or later.
constexpr const char* kVersion6 = R"sql(
INSERT INTO meta (key, value)
SELECT 'followup_audited_from_seq', coalesce(max(seq), 0) + 1 FROM audit;
)sql";

Status FillPhoneIndex(Connection& c) {
  Statement select;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM patients", &select));
  Statement insert;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO patient_phones (patient_id, number) VALUES (?, ?)", &insert));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(select.Step(&row));
    if (!row) break;
    v1::Patient patient;
    if (!store::ParseColumn(select, 1, &patient)) {
      return Status(Code::kCorrupt, "patient " + std::to_string(select.Int(0)) +
                                        " is stored in a form that does not decode");
    }
    for (const auto& phone : patient.phones()) {
      insert.Bind(1, select.Int(0)).Bind(2, phone.number());
      KEFU_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
    for (const auto& member : patient.family()) {
      if (member.phone().empty()) continue;
      insert.Bind(1, select.Int(0)).Bind(2, member.phone());
      KEFU_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  return Status::Ok();
}

Status Apply(Connection& c, int version) {
  switch (version) {
    case 1: return c.Exec(kVersion1);
    case 2:
      KEFU_RETURN_IF_ERROR(c.Exec(kVersion2));
      return FillPhoneIndex(c);
    case 3: return c.Exec(kVersion3);
    case 4: return c.Exec(kVersion4);
    case 5: return c.Exec(kVersion5);
    case 6: return c.Exec(kVersion6);
    default: return Status::Internal("no migration to schema version " + std::to_string(version));
  }
}

}  // namespace

Status Migrate(Connection& c, int target) {
  for (;;) {
    std::unique_ptr<Transaction> txn;
    KEFU_RETURN_IF_ERROR(Transaction::Begin(c, &txn));
    std::int64_t version = 0;
    KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &version));
    if (version > kSchemaVersion) {
      return Status(Code::kFailedPrecondition,
                    "the archive has schema version " + std::to_string(version) +
                        ", newer than this library knows (" + std::to_string(kSchemaVersion) +
                        "): open it with a newer kefu");
    }
    if (version >= target) return txn->Commit();
    const int next = static_cast<int>(version) + 1;
    KEFU_RETURN_IF_ERROR(Apply(c, next));
    KEFU_RETURN_IF_ERROR(c.Exec("PRAGMA user_version = " + std::to_string(next)));
    KEFU_RETURN_IF_ERROR(txn->Commit());
  }
}

Status ReadUtcOffset(Connection& c, std::int64_t* minutes) {
  std::string text;
  KEFU_RETURN_IF_ERROR(
      c.QueryText("SELECT value FROM meta WHERE key = 'utc_offset_minutes'", &text));
  *minutes = text.empty() ? 480 : std::stoll(text);
  return Status::Ok();
}

namespace {

// type and name -> sql of every schema object but SQLite's own.
Status SchemaObjects(Connection& c, std::map<std::pair<std::string, std::string>, std::string>* out) {
  Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", &s));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    (*out)[{s.Text(0), s.Text(1)}] = s.Text(2);
  }
}

}  // namespace

Status CompareSchema(Connection& c, std::vector<std::string>* problems) {
  std::int64_t version = 0;
  KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &version));
  std::unique_ptr<Connection> fresh;
  KEFU_RETURN_IF_ERROR(Connection::Open(":memory:", &fresh));
  KEFU_RETURN_IF_ERROR(Migrate(*fresh, static_cast<int>(version)));
  std::map<std::pair<std::string, std::string>, std::string> expected, actual;
  KEFU_RETURN_IF_ERROR(SchemaObjects(*fresh, &expected));
  KEFU_RETURN_IF_ERROR(SchemaObjects(c, &actual));
  for (const auto& [key, sql] : expected) {
    const auto found = actual.find(key);
    if (found == actual.end()) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) +
                          " is missing (removed behind kefu's back)");
    } else if (found->second != sql) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) +
                          " differs from kefu's (changed behind kefu's back)");
    }
  }
  for (const auto& [key, sql] : actual) {
    if (expected.count(key) == 0) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) + " is not kefu's");
    }
  }
  return Status::Ok();
}

}  // namespace kefu::store
