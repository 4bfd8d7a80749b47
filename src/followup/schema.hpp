// The follow-up module's tables: its configuration, stored policies, plans, tasks, the calling
// calendar, questions for experts and appointments, with the schema versions that made them.
#ifndef KEFU_SRC_FOLLOWUP_SCHEMA_HPP
#define KEFU_SRC_FOLLOWUP_SCHEMA_HPP

#include <vector>

#include "audit/audit.hpp"
#include "store/record_table.hpp"
#include "store/schema.hpp"

namespace kefu::followup {

// Its tables of records.
inline const store::RecordTable kPlans{"plans", "plan"};
inline const store::RecordTable kTasks{"tasks", "task"};
inline const store::RecordTable kEscalations{"escalations", "escalation"};
inline const store::RecordTable kAppointments{"appointments", "appointment"};

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_SCHEMA_HPP
