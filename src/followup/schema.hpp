// The follow-up module's tables: its configuration, stored policies, plans, tasks, the calling
// calendar, questions for experts and appointments, with the schema versions that made them.
#ifndef KEFU_SRC_FOLLOWUP_SCHEMA_HPP
#define KEFU_SRC_FOLLOWUP_SCHEMA_HPP

#include <vector>

#include "audit/audit.hpp"
#include "store/schema.hpp"

namespace kefu::followup {

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_SCHEMA_HPP
