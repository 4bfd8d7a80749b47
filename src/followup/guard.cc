#include "followup/guard.hpp"

#include "audit/audit.hpp"
#include "archive/patient_store.hpp"
#include "followup/callable.hpp"
#include "followup/config.hpp"
#include "followup/due_index.hpp"
#include "followup/planner.hpp"
#include "followup/plan_store.hpp"

namespace kefu::followup {
namespace {

// The reason to close the plan with, for a reason found by HoldBackReason.
v1::CloseReason CloseReasonFor(const v1::Patient& patient) {
  v1::CloseReason reason = v1::CLOSE_REASON_NEVER_CALL;
  std::string why;
  (void)StopsFollowUp(patient, &reason, &why);
  return reason;
}

}  // namespace

std::string HoldBackReason(const v1::Task& task, const v1::Patient& patient,
                           const v1::NeverCallList& never_call) {
  v1::CloseReason reason = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  if (StopsFollowUp(patient, &reason, &why)) return why;
  for (const std::string& department : never_call.departments()) {
    if (department == task.department()) {
      return "department " + Quote(department) + " is on the never-call list";
    }
  }
  return "";
}

Status SuppressTask(Session& session, store::Connection& c, std::int64_t task_id,
                    const std::string& list) {
  v1::Task task;
  KEFU_RETURN_IF_ERROR(LoadTask(c, task_id, &task));
  if (task.state() != v1::TASK_STATE_PENDING && task.state() != v1::TASK_STATE_WAITING_CORRECTION) {
    return Status::Ok();
  }
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, task.patient_id(), &patient));
  v1::NeverCallList never_call;
  KEFU_RETURN_IF_ERROR(LoadNeverCall(c, &never_call));
  const std::string why = HoldBackReason(task, patient, never_call);
  if (why.empty()) return Status::Ok();
  const v1::Task before = task;
  task.set_state(v1::TASK_STATE_SUPPRESSED);
  task.set_reason("held back from " + list + ": " + why);
  *task.mutable_done_on() = DateOf(session.db().Today());
  KEFU_RETURN_IF_ERROR(SaveTask(session, c, &task));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"task.suppress", "task", task.id(), task.patient_id(), &before, &task}));
  v1::Plan plan;
  KEFU_RETURN_IF_ERROR(LoadPlan(c, task.plan_id(), &plan));
  if (plan.state() != v1::PLAN_STATE_OPEN && plan.state() != v1::PLAN_STATE_PAUSED) {
    return Status::Ok();
  }
  return ClosePlan(session, c, &plan, CloseReasonFor(patient),
                   why + " (found when " + list + " was built)");
}

void SuppressTasks(Session& session, const std::vector<std::int64_t>& task_ids,
                   const std::string& list) {
  if (task_ids.empty()) return;
  (void)session.Write([&](Txn& c) {
    for (const std::int64_t id : task_ids) KEFU_RETURN_IF_ERROR(SuppressTask(session, c, id, list));
    return Status::Ok();
  });
}

}  // namespace kefu::followup
