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
// Follow-up's record tables and their searched columns (plan_store.cc and escalations.cc give
// their values).
inline const store::RecordTable kPlans{"plans", "plan", {"patient_id", "encounter_id", "state"}};
inline const store::RecordTable kTasks{
    "tasks", "task", {"plan_id", "patient_id", "state", "next_day", "due_day"}};
inline const store::RecordTable kEscalations{"escalations", "escalation", {"patient_id", "state"}};
inline const store::RecordTable kAppointments{"appointments", "appointment", {"patient_id", "day"}};

const store::Schema& Schema();
// Its tables whose every change is audited (audit::CheckRecordsAgainstAudit compares them).
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_SCHEMA_HPP
