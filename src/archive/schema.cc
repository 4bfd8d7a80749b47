#include "archive/schema.hpp"

#include "archive/patient_store.hpp"

namespace kefu::archive {
namespace {

// Version 1: records are stored as their kefu.v1 message (binary protobuf, whose compatibility
// rules let later versions add fields), with the columns that are searched or constrained
// extracted beside them.
constexpr const char* kVersion1 = R"sql(
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

// Indexes the numbers of every patient stored before version 2.
Status FillPhoneIndex(store::Connection& c) {
  store::Statement select;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM patients", &select));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(select.Step(&row));
    if (!row) return Status::Ok();
    v1::Patient patient;
    KEFU_RETURN_IF_ERROR(kPatients.Decode(select, &patient));
    patient.set_id(select.Int(0));
    KEFU_RETURN_IF_ERROR(IndexPhones(c, patient, /*replace=*/false));
  }
}

}  // namespace

const store::Schema& Schema() {
  static const store::Schema schema = {{1, kVersion1}, {2, kVersion2, &FillPhoneIndex}};
  return schema;
}

const std::vector<audit::AuditedTable>& AuditedTables() {
  static const std::vector<audit::AuditedTable> tables = {{kPatients.name(), kPatients.noun()},
                                                          {kEncounters.name(), kEncounters.noun()},
                                                          {kContacts.name(), kContacts.noun()},
                                                          {kNotes.name(), kNotes.noun()}};
  return tables;
}

}  // namespace kefu::archive
