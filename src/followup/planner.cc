#include "followup/planner.hpp"

#include <map>
#include <utility>

#include "audit/audit.hpp"
#include "archive/patient_store.hpp"
#include "followup/calendar.hpp"
#include "followup/callable.hpp"
#include "followup/config.hpp"
#include "followup/configuration.hpp"
#include "followup/due_index.hpp"
#include "followup/patient_changes.hpp"
#include "followup/plan_store.hpp"

namespace kefu::followup {
namespace {

using audit::AppendAudit;
using audit::AuditRecord;

int AgeOn(const v1::Patient& patient, Day day) {
  const auto& b = patient.birth_date();
  if (b.year() == 0) return -1;
  const Ymd on = CivilFromDays(day);
  return on.year - b.year() -
         ((on.month < b.month() || (on.month == b.month() && on.day < b.day())) ? 1 : 0);
}

bool Matches(const v1::PlanRule& rule, const v1::Encounter& e, const v1::Patient& p, Day anchor) {
  if (!rule.department().empty() && rule.department() != e.department()) return false;
  if (!rule.diagnosis_prefix().empty()) {
    bool any = false;
    for (const auto& d : e.diagnoses())
      any = any || d.icd10().rfind(rule.diagnosis_prefix(), 0) == 0;
    if (!any) return false;
  }
  if (rule.locality() != v1::LOCALITY_UNSPECIFIED && rule.locality() != p.locality()) return false;
  if (rule.kind() != v1::ENCOUNTER_KIND_UNSPECIFIED && rule.kind() != e.kind()) return false;
  const int age = AgeOn(p, anchor);
  if (rule.min_age() > 0 && (age < 0 || age < rule.min_age())) return false;
  if (rule.max_age() > 0 && (age < 0 || age > rule.max_age())) return false;
  return true;
}

// Why this patient must not be called for this encounter; empty when nothing forbids it. A
// cured patient who is discharged again is ill again: the new stay is followed (OpenPlan).
void SkipReason(const v1::NeverCallList& never, const v1::Patient& p, const v1::Encounter& e,
                v1::CloseReason* reason, std::string* why) {
  if (p.status() != v1::PATIENT_STATUS_CURED && StopsFollowUp(p, reason, why)) return;
  *reason = v1::CLOSE_REASON_UNSPECIFIED;
  why->clear();
  const std::string never_call = NeverCallReason(never, e);
  if (!never_call.empty()) {
    *reason = v1::CLOSE_REASON_NEVER_CALL;
    *why = never_call;
  }
}

// What opening a task needs beyond the plan: its cadence (and the policy's version), the
// follow-up settings, the calling calendar and the plan's encounter. OpenPlan has them at hand;
// OpenNextTask reads them.
struct TaskContext {
  const Cadence& cadence;
  std::int32_t policy_version;
  const v1::FollowUpSettings& settings;
  const CallingCalendar& calendar;
  const v1::Encounter& encounter;
};

// Opens the plan's task for the first window due on or after `from` (see OpenNextTask).
Status OpenTask(Session& session, store::Connection& c, const TaskContext& context, v1::Plan* plan,
                Day from, v1::Task* task, bool* opened) {
  const Cadence& cadence = context.cadence;
  const v1::FollowUpSettings& settings = context.settings;
  const Day anchor = DayOf(plan->anchor());
  Window w{};
  *opened = IsSupportedDay(from) && cadence.Next(anchor, from, &w);
  if (!*opened) {
    return ClosePlan(session, c, plan, v1::CLOSE_REASON_CADENCE_ENDED,
                     "the cadence " + Quote(plan->policy()) + " has no window after " +
                         FormatDay(std::min<Day>(from, kMaxDay)));
  }
  const CallingCalendar& calendar = context.calendar;
  const ContactKind kind = cadence.KindOf(w.seq);
  // The first calling day of the window; a window without one is served on the first after it.
  const Day first_call = calendar.NextCallingDay(std::max(w.opens, session.db().Today()));
  task->Clear();
  task->set_plan_id(plan->id());
  task->set_patient_id(plan->patient_id());
  task->set_seq(w.seq);
  *task->mutable_opens() = DateOf(w.opens);
  *task->mutable_due() = DateOf(w.due);
  task->set_channel(static_cast<v1::Channel>(kind.channel));
  task->set_purpose(static_cast<v1::Purpose>(kind.purpose));
  task->mutable_call_time()->set_hours(cadence.policy().call_time_minutes / 60);
  task->mutable_call_time()->set_minutes(cadence.policy().call_time_minutes % 60);
  task->set_state(v1::TASK_STATE_PENDING);
  *task->mutable_next_attempt() = DateOf(first_call);
  task->set_served_after_window(first_call > w.due);
  task->set_calendar_version(calendar.version());
  task->set_department(context.encounter.department());
  task->set_policy(plan->policy());
  task->set_policy_version(context.policy_version);
  *task->mutable_anchor() = plan->anchor();
  task->set_settings_version(settings.version());
  KEFU_RETURN_IF_ERROR(SaveTask(session, c, task));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"task.open", "task", task->id(), plan->patient_id(), nullptr, task});
}

// The hospital's plan rules pick the plan's policy (the first that matches; "standard" when none).
Status ChoosePolicy(store::Connection& c, Configuration& config, const v1::Encounter& e,
                    const v1::Patient& patient, v1::Plan* plan, const Cadence** cadence,
                    std::int32_t* version) {
  const v1::ListPlanRulesResponse& rules = config.rules;
  plan->set_policy("standard");
  plan->set_rule_index(0);
  for (int i = 0; i < rules.rules_size(); ++i) {
    if (Matches(rules.rules(i), e, patient, DayOf(plan->anchor()))) {
      plan->set_policy(rules.rules(i).policy());
      plan->set_rule_index(i + 1);
      break;
    }
  }
  KEFU_RETURN_IF_ERROR(config.Policy(c, plan->policy(), cadence, version));
  plan->set_policy_version(*version);
  return Status::Ok();
}

// A discharge whose disposition records a death: the patient is recorded deceased on the
// discharge day and every plan of theirs closes. *died tells OpenPlan to skip this one.
Status FollowDeath(Session& session, store::Connection& c, const v1::Encounter& e,
                   const v1::FollowUpSettings& settings, v1::Patient* patient, bool* died) {
  *died = e.kind() == v1::ENCOUNTER_KIND_INPATIENT && IsDeathDisposition(e.disposition(), settings);
  if (!*died) return Status::Ok();
  const std::string why =
      "the discharge of encounter " + std::to_string(e.id()) +
      (e.his_visit_id().empty() ? "" : " (HIS visit " + e.his_visit_id() + ")") +
      " records a death (disposition " + Quote(e.disposition()) + ")";
  if (patient->status() != v1::PATIENT_STATUS_DECEASED) {
    const v1::Patient before = *patient;
    patient->set_status(v1::PATIENT_STATUS_DECEASED);
    *patient->mutable_death_date() = e.discharge_date();
    KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, before, patient));
  }
  return ClosePatientPlans(session, c, patient->id(), v1::CLOSE_REASON_DECEASED, why);
}

// The open (or paused) plan of a later discharge than `anchor`, if the patient has one: an older
// discharge delivered late must not replace it.
const v1::Plan* LaterPlan(const std::vector<v1::Plan>& live, Day anchor) {
  for (const v1::Plan& plan : live) {
    if (DayOf(plan.anchor()) > anchor) return &plan;
  }
  return nullptr;
}

Status SkipPlan(Session& session, store::Connection& c, v1::Plan* plan, v1::CloseReason reason,
                const std::string& why) {
  plan->set_state(v1::PLAN_STATE_SKIPPED);
  plan->set_close_reason(reason);
  plan->set_reason("no follow-up: " + why);
  plan->set_closed_at_ms(plan->opened_at_ms());
  KEFU_RETURN_IF_ERROR(InsertPlan(c, plan));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"plan.skip", "plan", plan->id(), plan->patient_id(), nullptr, plan});
}

// A new stay is a contact: a patient recorded cured or unreachable who comes back is followed
// again.
Status Reactivate(Session& session, store::Connection& c, v1::Patient* patient) {
  if (patient->status() != v1::PATIENT_STATUS_CURED &&
      patient->status() != v1::PATIENT_STATUS_UNREACHABLE) {
    return Status::Ok();
  }
  const v1::Patient before = *patient;
  patient->set_status(v1::PATIENT_STATUS_ACTIVE);
  return StoreChangedPatient(session, c, before, patient);
}

// Why a discharge older than the one followed now opens no plan.
std::string OlderReason(const v1::Encounter& e, Day anchor, const v1::Plan& later) {
  return "this discharge (" + FormatDay(anchor) + ", encounter " + std::to_string(e.id()) +
         ") is older than the one followed now (plan " + std::to_string(later.id()) +
         ", encounter " + std::to_string(later.encounter_id()) + ", anchor " +
         FormatDay(DayOf(later.anchor())) + ")";
}

Status OpenPlan(Session& session, store::Connection& c, const v1::Encounter& e) {
  Configuration* config = nullptr;
  KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
  const v1::FollowUpSettings& settings = config->settings;
  const bool inpatient = e.kind() == v1::ENCOUNTER_KIND_INPATIENT;
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, e.patient_id(), &patient));
  bool died = false;
  KEFU_RETURN_IF_ERROR(FollowDeath(session, c, e, settings, &patient, &died));
  if (!inpatient && !settings.follow_outpatients()) return Status::Ok();
  const Day anchor = DayOf(inpatient ? e.discharge_date() : e.admission_date());

  v1::Plan plan;
  plan.set_patient_id(patient.id());
  plan.set_patient_mrn(patient.mrn());
  plan.set_encounter_id(e.id());
  *plan.mutable_anchor() = DateOf(anchor);
  plan.set_opened_at_ms(session.db().NowMs());
  plan.set_settings_version(settings.version());
  if (died) {
    return SkipPlan(session, c, &plan, v1::CLOSE_REASON_DECEASED,
                    "the patient died in hospital (disposition " + Quote(e.disposition()) + ")");
  }
  v1::CloseReason skip = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  SkipReason(config->never_call, patient, e, &skip, &why);
  if (skip != v1::CLOSE_REASON_UNSPECIFIED) return SkipPlan(session, c, &plan, skip, why);

  std::vector<v1::Plan> live;
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient.id(), v1::PLAN_STATE_OPEN, &live));
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient.id(), v1::PLAN_STATE_PAUSED, &live));
  if (const v1::Plan* later = LaterPlan(live, anchor)) {
    return SkipPlan(session, c, &plan, v1::CLOSE_REASON_SUPERSEDED, OlderReason(e, anchor, *later));
  }
  // A newer discharge supersedes the patient's open plan.
  for (v1::Plan& old : live) {
    KEFU_RETURN_IF_ERROR(ClosePlan(session, c, &old, v1::CLOSE_REASON_SUPERSEDED,
                                   "superseded by the plan of encounter " + std::to_string(e.id()) +
                                       " (anchor " + FormatDay(anchor) + ")"));
  }
  KEFU_RETURN_IF_ERROR(Reactivate(session, c, &patient));

  const Cadence* cadence = nullptr;
  std::int32_t version = 0;
  KEFU_RETURN_IF_ERROR(ChoosePolicy(c, *config, e, patient, &plan, &cadence, &version));
  plan.set_state(v1::PLAN_STATE_OPEN);
  KEFU_RETURN_IF_ERROR(InsertPlan(c, &plan));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"plan.open", "plan", plan.id(), patient.id(), nullptr, &plan}));
  // Windows that ended before kefu heard of the discharge are not called any more.
  v1::Task task;
  bool opened = false;
  return OpenTask(session, c, TaskContext{*cadence, version, settings, config->calendar, e}, &plan,
                  std::max(anchor, session.db().Today()), &task, &opened);
}

// The plan to go back to when the newest discharge is cancelled: the one superseded by it (or
// skipped as older than it) of the latest discharge still standing. Null when there is none.
Status PlanBefore(store::Connection& c, std::int64_t patient_id, std::int64_t cancelled,
                  v1::Plan* out, bool* found) {
  *found = false;
  std::vector<v1::Plan> plans;
  KEFU_RETURN_IF_ERROR(PlansOf(c, patient_id, 0, &plans));
  for (const v1::Plan& plan : plans) {
    if (plan.state() == v1::PLAN_STATE_OPEN || plan.state() == v1::PLAN_STATE_PAUSED) {
      *found = false;  // another plan still follows the patient
      return Status::Ok();
    }
  }
  for (const v1::Plan& plan : plans) {
    if (plan.close_reason() != v1::CLOSE_REASON_SUPERSEDED || plan.encounter_id() == cancelled) {
      continue;
    }
    v1::Encounter encounter;
    KEFU_RETURN_IF_ERROR(archive::LoadEncounter(c, plan.encounter_id(), &encounter));
    if (encounter.state() == v1::ENCOUNTER_STATE_CANCELLED) continue;
    if (!*found || DayOf(plan.anchor()) > DayOf(out->anchor())) {
      *out = plan;
      *found = true;
    }
  }
  return Status::Ok();
}

// A cancelled discharge withdraws its plan; if it was the one followed, the plan of the discharge
// before it takes over again where its cadence still runs.
Status Withdraw(Session& session, store::Connection& c, const v1::Encounter& e) {
  std::vector<v1::Plan> plans;
  KEFU_RETURN_IF_ERROR(PlansOfEncounter(c, e.id(), &plans));
  bool followed = false;
  for (v1::Plan& plan : plans) {
    if (plan.state() != v1::PLAN_STATE_OPEN && plan.state() != v1::PLAN_STATE_PAUSED) continue;
    followed = true;
    KEFU_RETURN_IF_ERROR(
        ClosePlan(session, c, &plan, v1::CLOSE_REASON_WITHDRAWN,
                  "the HIS cancelled encounter " + std::to_string(e.id()) +
                      (e.cancel_reason().empty() ? "" : ": " + e.cancel_reason())));
  }
  if (!followed) return Status::Ok();
  v1::Plan before;
  bool found = false;
  KEFU_RETURN_IF_ERROR(PlanBefore(c, e.patient_id(), e.id(), &before, &found));
  if (!found) return Status::Ok();
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, e.patient_id(), &patient));
  v1::Encounter encounter;
  KEFU_RETURN_IF_ERROR(archive::LoadEncounter(c, before.encounter_id(), &encounter));
  Configuration* config = nullptr;
  KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
  v1::CloseReason skip = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  SkipReason(config->never_call, patient, encounter, &skip, &why);
  if (skip != v1::CLOSE_REASON_UNSPECIFIED || patient.status() == v1::PATIENT_STATUS_CURED) {
    return Status::Ok();
  }
  if (before.state() == v1::PLAN_STATE_SKIPPED) {
    // Skipped as older than the plan now withdrawn: it never had a policy of its own.
    const Cadence* cadence = nullptr;
    std::int32_t version = 0;
    KEFU_RETURN_IF_ERROR(ChoosePolicy(c, *config, encounter, patient, &before, &cadence, &version));
  }
  return ContinuePlan(
      session, c, &before, "plan.reopen",
      "reopened: encounter " + std::to_string(e.id()) + ", the newer discharge, was cancelled");
}

// Cancels the plan's live task, if it has one, saying why.
Status CancelLiveTask(Session& session, store::Connection& c, const v1::Plan& plan,
                      const std::string& why) {
  v1::Task task;
  bool found = false;
  KEFU_RETURN_IF_ERROR(LiveTaskOf(c, plan.id(), &task, &found));
  if (!found) return Status::Ok();
  const v1::Task before = task;
  task.set_state(v1::TASK_STATE_CANCELLED);
  task.set_reason(why);
  *task.mutable_done_on() = DateOf(session.db().Today());
  KEFU_RETURN_IF_ERROR(SaveTask(session, c, &task));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"task.cancel", "task", task.id(), plan.patient_id(), &before, &task});
}

// The day from which a plan that stopped goes on: the day after its last contact was due, and
// never before today (windows that passed meanwhile are not called any more).
Status ContinueFrom(Session& session, store::Connection& c, const v1::Plan& plan, Day* from) {
  *from = std::max(DayOf(plan.anchor()), session.db().Today());
  std::vector<v1::Task> tasks;
  KEFU_RETURN_IF_ERROR(TasksOfPlan(c, plan.id(), &tasks));
  for (const v1::Task& task : tasks) {
    if (task.fallback_of() == 0) {
      *from = std::max(*from, DayOf(task.due()) + 1);
      break;
    }
  }
  return Status::Ok();
}

}  // namespace

Status FollowEncounter(Session& session, store::Connection& c, archive::EncounterEvent event,
                       const v1::Encounter& e) {
  switch (event) {
    case archive::EncounterEvent::kDischarged:
    case archive::EncounterEvent::kVisited:
      return OpenPlan(session, c, e);
    case archive::EncounterEvent::kCancelled:
      return Withdraw(session, c, e);
  }
  return Status::Ok();
}

archive::Followers Followers() {
  return archive::Followers{&FollowEncounter, &FollowPatientChange};
}

Status CadenceOf(store::Connection& c, const v1::Plan& plan, Cadence* cadence,
                 std::int32_t* version) {
  return ResolvePolicy(c, plan.policy(), "plan.policy", cadence, version);
}

Status OpenNextTask(Session& session, store::Connection& c, v1::Plan* plan, Day from,
                    v1::Task* task, bool* opened) {
  Cadence cadence;
  std::int32_t version = 0;
  KEFU_RETURN_IF_ERROR(CadenceOf(c, *plan, &cadence, &version));
  Configuration* config = nullptr;
  KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
  v1::Encounter encounter;
  KEFU_RETURN_IF_ERROR(archive::LoadEncounter(c, plan->encounter_id(), &encounter));
  return OpenTask(session, c,
                  TaskContext{cadence, version, config->settings, config->calendar, encounter},
                  plan, from, task, opened);
}

Status ClosePlan(Session& session, store::Connection& c, v1::Plan* plan, v1::CloseReason reason,
                 const std::string& why) {
  const v1::Plan before = *plan;
  KEFU_RETURN_IF_ERROR(CancelLiveTask(session, c, *plan, why));
  plan->set_state(v1::PLAN_STATE_CLOSED);
  plan->set_close_reason(reason);
  plan->set_reason(why);
  plan->set_closed_at_ms(session.db().NowMs());
  KEFU_RETURN_IF_ERROR(StorePlan(c, *plan));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"plan.close", "plan", plan->id(), plan->patient_id(), &before, plan});
}

Status PausePlan(Session& session, store::Connection& c, v1::Plan* plan, const std::string& why) {
  const v1::Plan before = *plan;
  KEFU_RETURN_IF_ERROR(CancelLiveTask(session, c, *plan, "paused: " + why));
  plan->set_state(v1::PLAN_STATE_PAUSED);
  plan->set_reason("paused: " + why);
  KEFU_RETURN_IF_ERROR(StorePlan(c, *plan));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"plan.pause", "plan", plan->id(), plan->patient_id(), &before, plan});
}

Status ContinuePlan(Session& session, store::Connection& c, v1::Plan* plan, const char* action,
                    const std::string& why) {
  const v1::Plan before = *plan;
  plan->set_state(v1::PLAN_STATE_OPEN);
  plan->clear_close_reason();
  plan->clear_closed_at_ms();
  plan->set_reason(why);
  KEFU_RETURN_IF_ERROR(StorePlan(c, *plan));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{action, "plan", plan->id(), plan->patient_id(), &before, plan}));
  Day from = 0;
  KEFU_RETURN_IF_ERROR(ContinueFrom(session, c, *plan, &from));
  v1::Task task;
  bool opened = false;
  return OpenNextTask(session, c, plan, from, &task, &opened);
}

Status CloseNeverCallPlans(Session& session, store::Connection& c, const v1::NeverCallList& never) {
  if (never.departments().empty() && never.diagnosis_prefixes().empty()) return Status::Ok();
  std::vector<v1::Plan> live;
  KEFU_RETURN_IF_ERROR(LivePlans(c, &live));
  for (v1::Plan& plan : live) {
    if (plan.encounter_id() == 0) continue;
    v1::Encounter encounter;
    KEFU_RETURN_IF_ERROR(archive::LoadEncounter(c, plan.encounter_id(), &encounter));
    const std::string why = NeverCallReason(never, encounter);
    if (why.empty()) continue;
    KEFU_RETURN_IF_ERROR(ClosePlan(session, c, &plan, v1::CLOSE_REASON_NEVER_CALL,
                                   why + " (SetNeverCall by " + session.actor() + ")"));
  }
  return Status::Ok();
}

std::string NeverCallReason(const v1::NeverCallList& never, const v1::Encounter& e) {
  for (const std::string& department : never.departments()) {
    if (department == e.department()) {
      return "department " + Quote(department) + " is on the never-call list";
    }
  }
  for (const std::string& prefix : never.diagnosis_prefixes()) {
    for (const auto& d : e.diagnoses()) {
      if (d.icd10().rfind(prefix, 0) == 0) {
        return "diagnosis " + d.icd10() + " falls under never-call prefix " + Quote(prefix);
      }
    }
  }
  return "";
}

}  // namespace kefu::followup
