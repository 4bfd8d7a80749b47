#include "followup/attempts.hpp"

#include "audit/audit.hpp"
#include "base/days.hpp"
#include "archive/patient_store.hpp"
#include "archive/normalize.hpp"
#include "followup/calendar.hpp"
#include "followup/callable.hpp"
#include "followup/config.hpp"
#include "followup/configuration.hpp"
#include "followup/escalations.hpp"
#include "followup/due_index.hpp"
#include "followup/patient_changes.hpp"
#include "followup/planner.hpp"
#include "followup/plan_store.hpp"

namespace kefu::followup {
namespace {

using audit::AppendAudit;
using audit::AuditRecord;

// "CALL_OUTCOME_NO_ANSWER" -> "no answer", as the timeline shows it.
std::string OutcomeWords(v1::CallOutcome outcome) {
  return messages::EnumWords(v1::CallOutcome_Name(outcome), "CALL_OUTCOME_");
}

// A call's time may run ahead of the archive's clock by this much (clocks on desks drift).
constexpr std::int64_t kClockSkewMs = 5 * 60000;

Status Validate(const v1::RecordAttemptRequest& r) {
  if (r.task_id() <= 0)
    return Status::InvalidArgument("task_id is " + std::to_string(r.task_id()) + ": name the task");
  if (r.outcome() == v1::CALL_OUTCOME_UNSPECIFIED) {
    return Status::InvalidArgument("outcome is unset: say how the call ended");
  }
  if (r.outcome() < 0 || r.outcome() > v1::CallOutcome_MAX) {
    return Status::InvalidArgument("outcome is " + std::to_string(r.outcome()) + ": unknown value");
  }
  if (r.channel() < 0 || r.channel() > v1::Channel_MAX) {
    return Status::InvalidArgument("channel is " + std::to_string(r.channel()) + ": unknown value");
  }
  if (r.at_ms() < 0 || r.at_ms() > kLastMs) {
    return Status::InvalidArgument(
        "at_ms is " + std::to_string(r.at_ms()) +
        ": must be 1970-01-01..2200-12-31 in Unix milliseconds (0: now)");
  }
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.early_contact_reason(), "early_contact_reason", 500,
                                          false, archive::TextKind::kFreeText));
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.staff(), "staff", 128, false));
  KEFU_RETURN_IF_ERROR(
      archive::CheckText(r.notes(), "notes", 10000, false, archive::TextKind::kFreeText));
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.phone(), "phone", 64, false));
  if (r.outcome() == v1::CALL_OUTCOME_EXPERT_QUESTION) {
    if (!r.has_expert_question()) {
      return Status::InvalidArgument(
          "expert_question is unset: name the doctor, the question and when the answer was "
          "promised");
    }
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(r.expert_question().doctor(), "expert_question.doctor", 100, true));
    KEFU_RETURN_IF_ERROR(archive::CheckText(r.expert_question().question(),
                                            "expert_question.question", 2000, true,
                                            archive::TextKind::kFreeText));
    if (r.expert_question().promised_by_ms() <= 0) {
      return Status::InvalidArgument("expert_question.promised_by_ms is " +
                                     std::to_string(r.expert_question().promised_by_ms()) +
                                     ": say by when the patient was promised an answer");
    }
  } else if (r.has_expert_question()) {
    return Status::InvalidArgument("expert_question is given but outcome is " +
                                   v1::CallOutcome_Name(r.outcome()) +
                                   ": questions go with CALL_OUTCOME_EXPERT_QUESTION");
  }
  if (r.has_appointment()) {
    if (r.outcome() != v1::CALL_OUTCOME_NEEDS_RETURN_VISIT) {
      return Status::InvalidArgument("appointment is given but outcome is " +
                                     v1::CallOutcome_Name(r.outcome()) +
                                     ": book return visits with CALL_OUTCOME_NEEDS_RETURN_VISIT");
    }
    Day day = 0;
    KEFU_RETURN_IF_ERROR(DayFromYmd(r.appointment().date().year(), r.appointment().date().month(),
                                    r.appointment().date().day(), "appointment.date", &day));
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(r.appointment().department(), "appointment.department", 100, true));
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(r.appointment().expert(), "appointment.expert", 100, false));
  }
  return Status::Ok();
}

// The day after which the plan's next contact comes: the cadence window this task (or the task
// it stands in for, when it is a fallback letter) was due.
Status CadenceDue(store::Connection& c, const v1::Task& task, Day* due) {
  if (task.fallback_of() == 0) {
    *due = DayOf(task.due());
    return Status::Ok();
  }
  v1::Task original;
  KEFU_RETURN_IF_ERROR(LoadTask(c, task.fallback_of(), &original));
  *due = DayOf(original.due());
  return Status::Ok();
}

// A task that must not be called any more, or whose patient must not be: merged away (the call
// belongs on the survivor), deceased, opted out, cured.
Status CheckMayCall(const v1::Task& task, const v1::Patient& patient) {
  if (task.state() != v1::TASK_STATE_PENDING && task.state() != v1::TASK_STATE_WAITING_CORRECTION) {
    return Status(Code::kFailedPrecondition, "task id " + std::to_string(task.id()) + " is " +
                                                 v1::TaskState_Name(task.state()) +
                                                 ": it is not to be called any more");
  }
  if (patient.status() == v1::PATIENT_STATUS_MERGED) {
    return Status(Code::kFailedPrecondition,
                  "task id " + std::to_string(task.id()) + " belongs to patient " +
                      Quote(patient.mrn()) + ", which was merged into patient id " +
                      std::to_string(patient.merged_into_id()) +
                      ": record the call on the surviving record's task");
  }
  v1::CloseReason reason = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  if (StopsFollowUp(patient, &reason, &why)) {
    return Status(Code::kFailedPrecondition, "task id " + std::to_string(task.id()) + ": " + why +
                                                 " (patient " + Quote(patient.mrn()) +
                                                 "): not to be called");
  }
  return Status::Ok();
}

// An attempt before the window opens is refused unless the caller says why it is made early.
Status CheckInWindow(const v1::Task& task, const v1::RecordAttemptRequest& request, Day call_day) {
  const Day opens = DayOf(task.opens());
  if (call_day >= opens || !request.early_contact_reason().empty()) return Status::Ok();
  return Status(Code::kFailedPrecondition,
                "task id " + std::to_string(task.id()) + ": contact #" +
                    std::to_string(task.seq()) + "'s window opens on " + FormatDay(opens) +
                    " (due " + FormatDay(DayOf(task.due())) + "); a call on " +
                    FormatDay(call_day) +
                    " is early: if it is made early on purpose, say why in early_contact_reason");
}

// Attempts on one calling day count once towards max_attempts_per_window: retries spread over
// days. Tasks written before kefu counted days count each attempt as a day.
void CountCallingDay(Day call_day, v1::Task* task) {
  int tried = task->has_last_attempt_day() ? task->calling_days_tried() : task->attempts();
  if (!task->has_last_attempt_day() || DayOf(task->last_attempt_day()) != call_day) ++tried;
  task->set_calling_days_tried(tried);
  *task->mutable_last_attempt_day() = DateOf(call_day);
}

int UnreachableAfter(const v1::FollowUpSettings& settings) {
  return settings.unreachable_after_missed() > 0 ? settings.unreachable_after_missed() : 3;
}

// After a missed contact: when too many were missed in a row, the patient is unreachable and the
// plan pauses (it appears on ListUnreachable) instead of opening its next contact.
Status CheckReachable(Session& session, store::Connection& c, const v1::FollowUpSettings& settings,
                      v1::Patient* patient, v1::Plan* plan, bool* paused) {
  std::vector<v1::Task> tasks;
  KEFU_RETURN_IF_ERROR(TasksOfPlan(c, plan->id(), &tasks));
  const int missed = MissedInARow(tasks);
  *paused = missed >= UnreachableAfter(settings);
  if (!*paused) return Status::Ok();
  const v1::Patient before = *patient;
  patient->set_status(v1::PATIENT_STATUS_UNREACHABLE);
  KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, before, patient));
  return PausePlan(session, c, plan,
                   std::to_string(missed) +
                       " contacts missed in a row; recall the patient another way (a letter, a "
                       "visit, the family's phone), then correct the phone or record the contact");
}

// What a call's outcome does: the table RecordAttempt follows.
enum class OnPatient { kNothing, kFlagNumber, kDeceased, kCured, kOptedOut };
enum class OnPlan {
  kAdvance,         // the plan's next contact opens
  kRetryOrAdvance,  // another try in the window while tries remain, else missed: advance
  kWait,            // nothing until the phone is corrected
  kCloseThis,       // this plan closes
  kCloseAll,        // every plan of the patient closes
};
struct OutcomeRule {
  v1::CallOutcome outcome;
  OnPatient patient;
  OnPlan plan;
  v1::CloseReason close_reason;  // with kCloseThis and kCloseAll
  const char* why;               // ditto: the plans' reason
};
constexpr OutcomeRule kOutcomeRules[] = {
    {v1::CALL_OUTCOME_REACHED, OnPatient::kNothing, OnPlan::kAdvance, {}, ""},
    {v1::CALL_OUTCOME_NEEDS_RETURN_VISIT, OnPatient::kNothing, OnPlan::kAdvance, {}, ""},
    {v1::CALL_OUTCOME_EXPERT_QUESTION, OnPatient::kNothing, OnPlan::kAdvance, {}, ""},
    {v1::CALL_OUTCOME_COMPLAINT, OnPatient::kNothing, OnPlan::kAdvance, {}, ""},
    {v1::CALL_OUTCOME_NO_ANSWER, OnPatient::kNothing, OnPlan::kRetryOrAdvance, {}, ""},
    {v1::CALL_OUTCOME_BUSY, OnPatient::kNothing, OnPlan::kRetryOrAdvance, {}, ""},
    {v1::CALL_OUTCOME_WRONG_NUMBER, OnPatient::kFlagNumber, OnPlan::kWait, {}, ""},
    {v1::CALL_OUTCOME_DIED, OnPatient::kDeceased, OnPlan::kCloseAll, v1::CLOSE_REASON_DECEASED,
     "the family reported the death"},
    {v1::CALL_OUTCOME_CURED, OnPatient::kCured, OnPlan::kCloseThis, v1::CLOSE_REASON_CURED,
     "reported cured"},
    {v1::CALL_OUTCOME_OPTED_OUT, OnPatient::kOptedOut, OnPlan::kCloseAll,
     v1::CLOSE_REASON_OPTED_OUT, "the patient asked not to be called again"},
    {v1::CALL_OUTCOME_REFUSED, OnPatient::kNothing, OnPlan::kCloseThis, v1::CLOSE_REASON_REFUSED,
     "refused further calls"},
};

Status RuleFor(v1::CallOutcome outcome, const OutcomeRule** out) {
  for (const OutcomeRule& rule : kOutcomeRules) {
    if (rule.outcome == outcome) {
      *out = &rule;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("outcome is " + std::to_string(outcome) + ": unknown value");
}

// Everything one attempt works with, loaded once.
struct Attempt {
  const v1::RecordAttemptRequest& request;
  v1::Task task;
  v1::Patient patient;
  v1::Plan plan;
  const v1::FollowUpSettings* settings_ = nullptr;  // the transaction's Configuration's
  const CallingCalendar* calendar_ = nullptr;
  const v1::FollowUpSettings& settings() const { return *settings_; }
  const CallingCalendar& calendar() const { return *calendar_; }
  const OutcomeRule* rule = nullptr;
  std::int64_t at_ms = 0;
  Day call_day = 0;
  std::string staff;
};

Status LoadAttempt(Session& session, store::Connection& c, Attempt* a) {
  KEFU_RETURN_IF_ERROR(RuleFor(a->request.outcome(), &a->rule));
  KEFU_RETURN_IF_ERROR(LoadTask(c, a->request.task_id(), &a->task));
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, a->task.patient_id(), &a->patient));
  KEFU_RETURN_IF_ERROR(CheckMayCall(a->task, a->patient));
  KEFU_RETURN_IF_ERROR(LoadPlan(c, a->task.plan_id(), &a->plan));
  Configuration* config = nullptr;
  KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
  a->settings_ = &config->settings;
  a->calendar_ = &config->calendar;
  const std::int64_t now = session.db().NowMs();
  a->at_ms = a->request.at_ms() != 0 ? a->request.at_ms() : now;
  if (a->at_ms > now + kClockSkewMs) {
    return Status::InvalidArgument("at_ms is " + std::to_string(a->at_ms) +
                                   ": in the future (the archive's clock says " +
                                   std::to_string(now) + "); record calls that were made");
  }
  a->call_day = DayOfMs(a->at_ms, session.db().utc_offset_minutes());
  a->staff = a->request.staff().empty() ? session.actor() : a->request.staff();
  return CheckInWindow(a->task, a->request, a->call_day);
}

// The attempt, in the patient's timeline.
Status WriteContact(Session& session, store::Connection& c, const Attempt& a,
                    v1::ContactEvent* contact) {
  contact->set_patient_id(a.patient.id());
  contact->set_patient_mrn(a.patient.mrn());
  contact->set_at_ms(a.at_ms);
  contact->set_direction(v1::DIRECTION_OUTBOUND);
  contact->set_channel(a.request.channel() != v1::CHANNEL_UNSPECIFIED ? a.request.channel()
                                                                      : a.task.channel());
  contact->set_kind(v1::CONTACT_KIND_FOLLOW_UP);
  contact->set_staff(a.staff);
  contact->set_outcome(OutcomeWords(a.request.outcome()));
  contact->set_notes(a.request.notes());
  contact->set_encounter_id(a.plan.encounter_id());
  KEFU_RETURN_IF_ERROR(archive::InsertContact(c, contact));
  return audit::AppendAudit(session, c,
                            audit::AuditRecord{"contact.create", "contact", contact->id(),
                                               a.patient.id(), nullptr, contact});
}

// A wrong number: the number dialled (or the patient's only one) is flagged.
Status FlagWrongNumber(const v1::RecordAttemptRequest& request, v1::Patient* patient) {
  std::string dialled;
  if (!request.phone().empty()) {
    KEFU_RETURN_IF_ERROR(archive::NormalizePhone(request.phone(), "phone", &dialled));
  } else if (patient->phones_size() > 1) {
    return Status::InvalidArgument("phone is unset: the patient has " +
                                   std::to_string(patient->phones_size()) +
                                   " numbers; say which one was wrong");
  }
  int flagged = 0;
  for (auto& phone : *patient->mutable_phones()) {
    if (dialled.empty() || phone.number() == dialled) {
      phone.set_wrong_number(true);
      ++flagged;
    }
  }
  if (!dialled.empty() && flagged == 0) {
    return Status::InvalidArgument("phone is " + Quote(request.phone()) +
                                   ": not a number of patient " + Quote(patient->mrn()));
  }
  return Status::Ok();
}

// What the outcome tells of the patient, stored (with its audit entry) when it changes anything.
Status ChangePatient(Session& session, store::Connection& c, Attempt* a) {
  const v1::Patient before = a->patient;
  v1::Patient& patient = a->patient;
  switch (a->rule->patient) {
    case OnPatient::kNothing:
      return Status::Ok();
    case OnPatient::kFlagNumber:
      KEFU_RETURN_IF_ERROR(FlagWrongNumber(a->request, &patient));
      break;
    case OnPatient::kDeceased: {
      Day death = a->call_day;
      if (!archive::IsUnset(a->request.death_date())) {
        bool present = false;
        KEFU_RETURN_IF_ERROR(archive::CheckPastDate(a->request.death_date(), "death_date",
                                                    session.db().Today(), &death, &present));
      }
      patient.set_status(v1::PATIENT_STATUS_DECEASED);
      *patient.mutable_death_date() = DateOf(death);
      KEFU_RETURN_IF_ERROR(archive::NormalizePatient(&patient, session.db().Today(), "patient."));
      break;
    }
    case OnPatient::kCured:
      patient.set_status(v1::PATIENT_STATUS_CURED);
      break;
    case OnPatient::kOptedOut:
      patient.set_status(v1::PATIENT_STATUS_OPTED_OUT);
      patient.set_follow_up_opt_out(true);
      break;
  }
  return StoreChangedPatient(session, c, before, &patient);
}

// The task after the attempt; true when the plan's next contact is due.
bool UpdateTask(const Attempt& a, v1::Task* task) {
  CountCallingDay(a.call_day, task);
  task->set_attempts(task->attempts() + 1);
  task->set_last_outcome(a.request.outcome());
  if (a.call_day < DayOf(task->opens())) {
    task->set_early_contact_reason(a.request.early_contact_reason());
  }
  bool advance = false;
  switch (a.rule->plan) {
    case OnPlan::kAdvance:
      task->set_state(v1::TASK_STATE_DONE);
      advance = true;
      break;
    case OnPlan::kRetryOrAdvance:
      if (const Day retry = a.calendar().NextCallingDay(a.call_day + 1);
          task->calling_days_tried() < a.settings().max_attempts_per_window() &&
          retry <= DayOf(task->due())) {
        task->set_state(v1::TASK_STATE_PENDING);
        *task->mutable_next_attempt() = DateOf(retry);
      } else {
        task->set_state(v1::TASK_STATE_MISSED);
        advance = true;
      }
      break;
    case OnPlan::kWait:
      task->set_state(v1::TASK_STATE_WAITING_CORRECTION);
      break;
    case OnPlan::kCloseThis:
    case OnPlan::kCloseAll:
      task->set_state(v1::TASK_STATE_DONE);
      break;
  }
  if (task->state() != v1::TASK_STATE_PENDING &&
      task->state() != v1::TASK_STATE_WAITING_CORRECTION) {
    *task->mutable_done_on() = DateOf(a.call_day);
  }
  task->set_done_by(a.staff);
  return advance;
}

// A question for an expert promised in the call.
Status OpenEscalation(Session& session, store::Connection& c, const Attempt& a, v1::Escalation* e) {
  const v1::ExpertQuestion& question = a.request.expert_question();
  e->set_task_id(a.task.id());
  e->set_patient_id(a.patient.id());
  e->set_patient_mrn(a.patient.mrn());
  e->set_doctor(question.doctor());
  e->set_question(question.question());
  e->set_promised_by_ms(question.promised_by_ms());
  e->set_raised_at_ms(a.at_ms);
  e->set_raised_by(a.staff);
  e->set_state(v1::ESCALATION_STATE_OPEN);
  KEFU_RETURN_IF_ERROR(InsertEscalation(c, e));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"escalation.open", "escalation", e->id(), a.patient.id(), nullptr, e});
}

// A return visit booked in the call.
Status BookAppointment(Session& session, store::Connection& c, const Attempt& a,
                       v1::Appointment* appointment) {
  const v1::BookAppointment& booking = a.request.appointment();
  appointment->set_patient_id(a.patient.id());
  appointment->set_patient_mrn(a.patient.mrn());
  *appointment->mutable_date() = booking.date();
  appointment->set_department(booking.department());
  appointment->set_expert(booking.expert());
  appointment->set_task_id(a.task.id());
  appointment->set_booked_by(a.staff);
  appointment->set_booked_at_ms(a.at_ms);
  KEFU_RETURN_IF_ERROR(InsertAppointment(c, appointment));
  return audit::AppendAudit(session, c,
                            audit::AuditRecord{"appointment.book", "appointment", appointment->id(),
                                               a.patient.id(), nullptr, appointment});
}

// The plans the outcome closes.
Status ClosePlans(Session& session, store::Connection& c, Attempt* a) {
  const std::string why = std::string(a->rule->why) + " (call of " + FormatDay(a->call_day) +
                          " on task " + std::to_string(a->task.id()) + ")";
  switch (a->rule->plan) {
    case OnPlan::kCloseAll:
      return ClosePatientPlans(session, c, a->patient.id(), a->rule->close_reason, why, &a->plan);
    case OnPlan::kCloseThis:
      return ClosePlan(session, c, &a->plan, a->rule->close_reason, why);
    default:
      return Status::Ok();
  }
}

// A missed call whose plan has a fallback channel: a letter or SMS carries the contact instead.
Status OpenFallback(Session& session, store::Connection& c, const Attempt& a, v1::Task* next) {
  *next = a.task;
  next->clear_id();
  next->set_channel(a.settings().fallback_channel());
  next->set_state(v1::TASK_STATE_PENDING);
  next->set_attempts(0);
  next->clear_last_outcome();
  next->set_fallback_of(a.task.id());
  const Day opens = std::max(a.call_day + 1, session.db().Today());
  *next->mutable_opens() = DateOf(opens);
  *next->mutable_due() = DateOf(std::min<Day>(opens + 6, kMaxDay));
  *next->mutable_next_attempt() = DateOf(opens);
  KEFU_RETURN_IF_ERROR(SaveTask(session, c, next));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"task.fallback", "task", next->id(), a.patient.id(), nullptr, next});
}

// The plan's next contact after a finished or missed one: a fallback, a pause when the patient
// cannot be reached, or the cadence's next window.
Status Advance(Session& session, store::Connection& c, Attempt* a, v1::Task* next, bool* opened) {
  const v1::Task& task = a->task;
  const bool fall_back = task.state() == v1::TASK_STATE_MISSED && task.fallback_of() == 0 &&
                         task.channel() == v1::CHANNEL_PHONE &&
                         a->settings().fallback_channel() != v1::CHANNEL_UNSPECIFIED;
  if (fall_back) {
    *opened = true;
    return OpenFallback(session, c, *a, next);
  }
  if (task.state() == v1::TASK_STATE_MISSED) {
    bool paused = false;
    KEFU_RETURN_IF_ERROR(CheckReachable(session, c, a->settings(), &a->patient, &a->plan, &paused));
    if (paused) return Status::Ok();  // the plan waits for the patient to be found again
  }
  Day due = 0;
  KEFU_RETURN_IF_ERROR(CadenceDue(c, task, &due));
  // Windows that ended while this one was worked on are not called any more.
  const Day from = std::max(due + 1, session.db().Today());
  return OpenNextTask(session, c, &a->plan, from, next, opened);
}

}  // namespace

Status RecordAttempt(Session& session, const v1::RecordAttemptRequest& request,
                     v1::RecordAttemptResponse* response) {
  KEFU_RETURN_IF_ERROR(Validate(request));
  return session.Write([&](Txn& c) {
    Attempt a{request, {}, {}, {}, nullptr, nullptr, nullptr, 0, 0, {}};
    KEFU_RETURN_IF_ERROR(LoadAttempt(session, c, &a));
    KEFU_RETURN_IF_ERROR(WriteContact(session, c, a, response->mutable_contact()));
    const v1::Task before = a.task;
    const bool advance = UpdateTask(a, &a.task);
    KEFU_RETURN_IF_ERROR(ChangePatient(session, c, &a));
    KEFU_RETURN_IF_ERROR(SaveTask(session, c, &a.task));
    KEFU_RETURN_IF_ERROR(audit::AppendAudit(
        session, c,
        audit::AuditRecord{"task.attempt", "task", a.task.id(), a.patient.id(), &before, &a.task}));
    if (request.has_expert_question()) {
      KEFU_RETURN_IF_ERROR(OpenEscalation(session, c, a, response->mutable_escalation()));
    }
    if (request.has_appointment()) {
      KEFU_RETURN_IF_ERROR(BookAppointment(session, c, a, response->mutable_appointment()));
    }
    KEFU_RETURN_IF_ERROR(ClosePlans(session, c, &a));
    if (advance && a.plan.state() == v1::PLAN_STATE_OPEN) {
      v1::Task next;
      bool opened = false;
      KEFU_RETURN_IF_ERROR(Advance(session, c, &a, &next, &opened));
      if (opened) *response->mutable_next_task() = next;
    }
    *response->mutable_task() = a.task;
    *response->mutable_plan() = a.plan;
    return Status::Ok();
  });
}

}  // namespace kefu::followup
