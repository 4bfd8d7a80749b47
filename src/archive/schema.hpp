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
inline const store::RecordTable kPatients{"patients", "patient"};
inline const store::RecordTable kEncounters{"encounters", "encounter"};
inline const store::RecordTable kContacts{"contacts", "contact"};
inline const store::RecordTable kNotes{"notes", "note"};

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_SCHEMA_HPP
