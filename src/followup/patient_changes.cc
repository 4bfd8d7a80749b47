#include "followup/patient_changes.hpp"

#include <vector>

#include "audit/audit.hpp"
#include "archive/patient_store.hpp"
#include "followup/calendar.hpp"
#include "followup/callable.hpp"
#include "followup/config.hpp"
#include "followup/configuration.hpp"
#include "followup/due_index.hpp"
#include "followup/planner.hpp"
#include "followup/plan_store.hpp"

namespace kefu::followup {
namespace {

using audit::AppendAudit;
using audit::AuditRecord;

std::string By(const archive::PatientChange& change) {
  return change.source.empty() ? "" : " (" + change.source + ")";
}

// Open or paused: the plans that still follow the patient.
Status LivePlansOf(store::Connection& c, std::int64_t patient_id, std::vector<v1::Plan>* out) {
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient_id, v1::PLAN_STATE_OPEN, out));
  return PlansOf(c, patient_id, v1::PLAN_STATE_PAUSED, out);
}

// A merge: the merged record's plans and tasks move to the survivor. Of two live plans, the one
// of the later discharge goes on and the other is superseded.
Status FollowMerge(Session& session, store::Connection& c, const archive::PatientChange& change) {
  v1::Patient survivor;
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, change.patient_id, &survivor));
  int plans = 0, tasks = 0;
  KEFU_RETURN_IF_ERROR(MoveToPatient(session, c, change.merged_id, survivor, &plans, &tasks));
  std::vector<v1::Plan> live;
  KEFU_RETURN_IF_ERROR(LivePlansOf(c, survivor.id(), &live));
  if (live.size() < 2) return Status::Ok();
  auto later = [](const v1::Plan& a, const v1::Plan& b) {
    const Day da = DayOf(a.anchor()), db = DayOf(b.anchor());
    return da != db ? da > db : a.id() > b.id();
  };
  std::sort(live.begin(), live.end(), later);
  const v1::Plan& kept = live.front();
  for (std::size_t i = 1; i < live.size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        ClosePlan(session, c, &live[i], v1::CLOSE_REASON_SUPERSEDED,
                  "patient id " + std::to_string(change.merged_id) +
                      " was merged into patient id " + std::to_string(survivor.id()) +
                      ": the plan of the later discharge (plan " + std::to_string(kept.id()) +
                      ", anchor " + FormatDay(DayOf(kept.anchor())) + ") goes on" + By(change)));
  }
  return Status::Ok();
}

// Every open plan of an unreachable patient waits, without a task, until they can be reached.
Status PausePlans(Session& session, store::Connection& c, std::int64_t patient_id,
                  const std::string& why) {
  std::vector<v1::Plan> open;
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient_id, v1::PLAN_STATE_OPEN, &open));
  for (v1::Plan& plan : open) KEFU_RETURN_IF_ERROR(PausePlan(session, c, &plan, why));
  return Status::Ok();
}

Status ResumePlans(Session& session, store::Connection& c, std::int64_t patient_id,
                   const std::string& why) {
  std::vector<v1::Plan> paused;
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient_id, v1::PLAN_STATE_PAUSED, &paused));
  for (v1::Plan& plan : paused) {
    KEFU_RETURN_IF_ERROR(ContinuePlan(session, c, &plan, "plan.resume", "resumed: " + why));
  }
  return Status::Ok();
}

// A corrected phone number puts the tasks that waited for it back on the worklist.
Status ResumeWaitingTasks(Session& session, store::Connection& c, const v1::Patient& patient) {
  bool callable = false;
  for (const auto& phone : patient.phones()) callable = callable || !phone.wrong_number();
  if (!callable) return Status::Ok();
  std::vector<v1::Task> tasks;
  KEFU_RETURN_IF_ERROR(TasksOfPatient(c, patient.id(), &tasks));
  for (v1::Task& task : tasks) {
    if (task.state() != v1::TASK_STATE_WAITING_CORRECTION) continue;
    const v1::Task before = task;
    Configuration* config = nullptr;  // the calendar only when a task waits
    KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
    task.set_state(v1::TASK_STATE_PENDING);
    *task.mutable_next_attempt() = DateOf(
        config->calendar.NextCallingDay(std::max(DayOf(task.opens()), session.db().Today())));
    KEFU_RETURN_IF_ERROR(SaveTask(session, c, &task));
    KEFU_RETURN_IF_ERROR(audit::AppendAudit(
        session, c,
        audit::AuditRecord{"task.resume", "task", task.id(), patient.id(), &before, &task}));
  }
  return Status::Ok();
}

}  // namespace

Status ClosePatientPlans(Session& session, store::Connection& c, std::int64_t patient_id,
                         v1::CloseReason reason, const std::string& why, v1::Plan* current) {
  std::vector<v1::Plan> live;
  KEFU_RETURN_IF_ERROR(LivePlansOf(c, patient_id, &live));
  for (v1::Plan& plan : live) {
    KEFU_RETURN_IF_ERROR(ClosePlan(session, c, &plan, reason, why));
    if (current != nullptr && plan.id() == current->id()) *current = plan;
  }
  return Status::Ok();
}

Status StoreChangedPatient(Session& session, store::Connection& c, const v1::Patient& before,
                           v1::Patient* after) {
  after->set_updated_at_ms(session.db().NowMs());
  KEFU_RETURN_IF_ERROR(archive::StorePatient(c, *after));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"patient.update", "patient", after->id(), after->id(), &before, after});
}

Status FollowPatientChange(Session& session, store::Connection& c,
                           const archive::PatientChange& change) {
  if (change.merged_id != 0) KEFU_RETURN_IF_ERROR(FollowMerge(session, c, change));
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, change.patient_id, &patient));
  v1::CloseReason reason = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  if (StopsFollowUp(patient, &reason, &why)) {
    return ClosePatientPlans(session, c, patient.id(), reason, why + By(change));
  }
  if (patient.status() == v1::PATIENT_STATUS_UNREACHABLE) {
    if (!change.phones_changed && !change.reached) {
      return PausePlans(session, c, patient.id(),
                        "the patient is recorded as unreachable" + By(change));
    }
    // A new number, or a contact that got through: the patient can be reached again.
    const v1::Patient before = patient;
    patient.set_status(v1::PATIENT_STATUS_ACTIVE);
    KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, before, &patient));
  }
  const std::string what = change.phones_changed ? "the patient's phones were corrected"
                           : change.reached      ? "a contact reached the patient"
                                            : "the patient is no longer recorded as unreachable";
  KEFU_RETURN_IF_ERROR(ResumePlans(session, c, patient.id(), what + By(change)));
  if (change.phones_changed) KEFU_RETURN_IF_ERROR(ResumeWaitingTasks(session, c, patient));
  return Status::Ok();
}

}  // namespace kefu::followup
