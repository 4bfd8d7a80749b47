// The patient archive's tables: patients, their phone numbers, stays (encounters), contacts and
// notes, with the schema versions that made them.
#ifndef KEFU_SRC_ARCHIVE_SCHEMA_HPP
#define KEFU_SRC_ARCHIVE_SCHEMA_HPP

#include <vector>

#include "audit/audit.hpp"
#include "store/schema.hpp"

namespace kefu::archive {

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_SCHEMA_HPP
