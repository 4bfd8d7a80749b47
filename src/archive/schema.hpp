// The patient archive's tables: patients, their phone numbers, stays (encounters), contacts and
// notes, with the schema versions that made them.
#ifndef KEFU_SRC_ARCHIVE_SCHEMA_HPP
#define KEFU_SRC_ARCHIVE_SCHEMA_HPP

#include <vector>

#include "audit/audit.hpp"
#include "store/record_table.hpp"
#include "store/schema.hpp"

namespace kefu::archive {

// Its tables of records.
// The archive's record tables and their searched columns (patient_store.cc gives their values).
inline const store::RecordTable kPatients{
    "patients", "patient", {"mrn", "name", "region_code", "status", "merged_into"}};
inline const store::RecordTable kEncounters{
    "encounters",
    "encounter",
    {"patient_id", "his_visit_id", "kind", "state", "start_day", "discharge_day"}};
inline const store::RecordTable kContacts{"contacts", "contact", {"patient_id", "at_ms"}};
inline const store::RecordTable kNotes{"notes", "note", {"patient_id", "contact_id", "at_ms"}};

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_SCHEMA_HPP
