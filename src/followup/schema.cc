#include "followup/schema.hpp"

namespace kefu::followup {
namespace {

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

// Version 6: tasks, questions and appointments are audited at every change from here on (a
// schedule's assignments were not before), so the integrity check compares each with its latest
// audit entry when that entry is this one's or later.
constexpr const char* kVersion6 = R"sql(
INSERT INTO meta (key, value)
SELECT 'followup_audited_from_seq', coalesce(max(seq), 0) + 1 FROM audit;
)sql";

}  // namespace

const store::Schema& Schema() {
  static const store::Schema schema = {{3, kVersion3}, {6, kVersion6}};
  return schema;
}

const std::vector<audit::AuditedTable>& AuditedTables() {
  static const std::vector<audit::AuditedTable> tables = {
      {kPlans.name(), kPlans.noun()},
      // A schedule's assignments were not audited before schema 6.
      {kTasks.name(), kTasks.noun(), "followup_audited_from_seq"},
      {kEscalations.name(), kEscalations.noun(), "followup_audited_from_seq"},
      {kAppointments.name(), kAppointments.noun(), "followup_audited_from_seq"}};
  return tables;
}

}  // namespace kefu::followup
