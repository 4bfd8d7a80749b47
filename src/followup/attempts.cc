#include "followup/attempts.hpp"

#include "audit/audit.hpp"
#include "base/days.hpp"
#include "archive/records.hpp"
#include "archive/validate.hpp"
#include "followup/calendar.hpp"
#include "followup/callable.hpp"
#include "followup/config.hpp"
#include "followup/escalations.hpp"
#include "followup/due_index.hpp"
#include "followup/patient_changes.hpp"
#include "followup/planner.hpp"
#include "followup/records.hpp"

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
  if (r.task_id() <= 0) return Status::InvalidArgument("task_id is " + std::to_string(r.task_id()) + ": name the task");
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
    return Status::InvalidArgument("at_ms is " + std::to_string(r.at_ms()) +
                                   ": must be 1970-01-01..2200-12-31 in Unix milliseconds (0: now)");
  }
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.early_contact_reason(), "early_contact_reason", 500,
                                          false, archive::TextKind::kFreeText));
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.staff(), "staff", 128, false));
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.notes(), "notes", 10000, false, archive::TextKind::kFreeText));
  KEFU_RETURN_IF_ERROR(archive::CheckText(r.phone(), "phone", 64, false));
  if (r.outcome() == v1::CALL_OUTCOME_EXPERT_QUESTION) {
    if (!r.has_expert_question()) {
      return Status::InvalidArgument(
          "expert_question is unset: name the doctor, the question and when the answer was promised");
    }
    KEFU_RETURN_IF_ERROR(archive::CheckText(r.expert_question().doctor(), "expert_question.doctor", 100, true));
    KEFU_RETURN_IF_ERROR(archive::CheckText(r.expert_question().question(), "expert_question.question",
                                            2000, true, archive::TextKind::kFreeText));
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
    KEFU_RETURN_IF_ERROR(archive::CheckText(r.appointment().department(), "appointment.department", 100, true));
    KEFU_RETURN_IF_ERROR(archive::CheckText(r.appointment().expert(), "appointment.expert", 100, false));
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
  if (task.state() != v1::TASK_STATE_PENDING &&
      task.state() != v1::TASK_STATE_WAITING_CORRECTION) {
    return Status(Code::kFailedPrecondition,
                  "task id " + std::to_string(task.id()) + " is " +
                      v1::TaskState_Name(task.state()) + ": it is not to be called any more");
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

}  // namespace

Status RecordAttempt(Session& session, const v1::RecordAttemptRequest& request,
                     v1::RecordAttemptResponse* response) {
  KEFU_RETURN_IF_ERROR(Validate(request));
  return session.Write([&](store::Connection& c) {
    v1::Task task;
    KEFU_RETURN_IF_ERROR(LoadTask(c, request.task_id(), &task));
    v1::Patient patient;
    KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, task.patient_id(), &patient));
    KEFU_RETURN_IF_ERROR(CheckMayCall(task, patient));
    v1::Plan plan;
    KEFU_RETURN_IF_ERROR(LoadPlan(c, task.plan_id(), &plan));
    v1::FollowUpSettings settings;
    KEFU_RETURN_IF_ERROR(LoadSettings(c, &settings));
    CallingCalendar calendar;
    KEFU_RETURN_IF_ERROR(CallingCalendar::Load(c, settings, &calendar));
    const std::int64_t now = session.db().NowMs();
    const std::int64_t at_ms = request.at_ms() != 0 ? request.at_ms() : now;
    if (at_ms > now + kClockSkewMs) {
      return Status::InvalidArgument("at_ms is " + std::to_string(at_ms) +
                                     ": in the future (the archive's clock says " +
                                     std::to_string(now) + "); record calls that were made");
    }
    const Day call_day = DayOfMs(at_ms, session.db().utc_offset_minutes());
    KEFU_RETURN_IF_ERROR(CheckInWindow(task, request, call_day));
    const v1::CallOutcome outcome = request.outcome();

    // The attempt, in the patient's timeline.
    v1::ContactEvent contact;
    contact.set_patient_id(patient.id());
    contact.set_patient_mrn(patient.mrn());
    contact.set_at_ms(at_ms);
    contact.set_direction(v1::DIRECTION_OUTBOUND);
    contact.set_channel(request.channel() != v1::CHANNEL_UNSPECIFIED ? request.channel() : task.channel());
    contact.set_kind(v1::CONTACT_KIND_FOLLOW_UP);
    contact.set_staff(request.staff().empty() ? session.actor() : request.staff());
    contact.set_outcome(OutcomeWords(outcome));
    contact.set_notes(request.notes());
    contact.set_encounter_id(plan.encounter_id());
    KEFU_RETURN_IF_ERROR(archive::InsertContact(c, &contact));
    KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c, audit::AuditRecord{"contact.create", "contact", contact.id(),
                                                             patient.id(), nullptr, &contact}));

    const v1::Task before = task;
    CountCallingDay(call_day, &task);
    task.set_attempts(task.attempts() + 1);
    task.set_last_outcome(outcome);
    if (call_day < DayOf(task.opens())) task.set_early_contact_reason(request.early_contact_reason());
    const v1::Patient patient_before = patient;
    bool advance = false;  // open the plan's next contact
    switch (outcome) {
      case v1::CALL_OUTCOME_REACHED:
      case v1::CALL_OUTCOME_NEEDS_RETURN_VISIT:
      case v1::CALL_OUTCOME_EXPERT_QUESTION:
      case v1::CALL_OUTCOME_COMPLAINT:
        task.set_state(v1::TASK_STATE_DONE);
        advance = true;
        break;
      case v1::CALL_OUTCOME_NO_ANSWER:
      case v1::CALL_OUTCOME_BUSY:
        if (const Day retry = calendar.NextCallingDay(call_day + 1);
            task.calling_days_tried() < settings.max_attempts_per_window() &&
            retry <= DayOf(task.due())) {
          task.set_state(v1::TASK_STATE_PENDING);
          *task.mutable_next_attempt() = DateOf(retry);
        } else {
          task.set_state(v1::TASK_STATE_MISSED);
          advance = true;
        }
        break;
      case v1::CALL_OUTCOME_WRONG_NUMBER: {
        int flagged = 0;
        std::string dialled;
        if (!request.phone().empty()) {
          KEFU_RETURN_IF_ERROR(archive::NormalizePhone(request.phone(), "phone", &dialled));
        } else if (patient.phones_size() > 1) {
          return Status::InvalidArgument(
              "phone is unset: the patient has " + std::to_string(patient.phones_size()) +
              " numbers; say which one was wrong");
        }
        for (auto& phone : *patient.mutable_phones()) {
          if (dialled.empty() || phone.number() == dialled) {
            phone.set_wrong_number(true);
            ++flagged;
          }
        }
        if (!dialled.empty() && flagged == 0) {
          return Status::InvalidArgument("phone is " + Quote(request.phone()) +
                                         ": not a number of patient " + Quote(patient.mrn()));
        }
        KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, patient_before, &patient));
        task.set_state(v1::TASK_STATE_WAITING_CORRECTION);
        break;
      }
      case v1::CALL_OUTCOME_DIED: {
        Day death = call_day;
        if (!archive::IsUnset(request.death_date())) {
          bool present = false;
          KEFU_RETURN_IF_ERROR(archive::CheckPastDate(request.death_date(), "death_date",
                                                      session.db().Today(), &death, &present));
        }
        patient.set_status(v1::PATIENT_STATUS_DECEASED);
        *patient.mutable_death_date() = DateOf(death);
        KEFU_RETURN_IF_ERROR(archive::NormalizePatient(&patient, session.db().Today(), "patient."));
        KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, patient_before, &patient));
        task.set_state(v1::TASK_STATE_DONE);
        break;
      }
      case v1::CALL_OUTCOME_CURED:
        patient.set_status(v1::PATIENT_STATUS_CURED);
        KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, patient_before, &patient));
        task.set_state(v1::TASK_STATE_DONE);
        break;
      case v1::CALL_OUTCOME_OPTED_OUT:
        patient.set_status(v1::PATIENT_STATUS_OPTED_OUT);
        patient.set_follow_up_opt_out(true);
        KEFU_RETURN_IF_ERROR(StoreChangedPatient(session, c, patient_before, &patient));
        task.set_state(v1::TASK_STATE_DONE);
        break;
      case v1::CALL_OUTCOME_REFUSED:
        task.set_state(v1::TASK_STATE_DONE);
        break;
      default:
        return Status::InvalidArgument("outcome is " + std::to_string(outcome) + ": unknown value");
    }
    if (task.state() != v1::TASK_STATE_PENDING && task.state() != v1::TASK_STATE_WAITING_CORRECTION) {
      *task.mutable_done_on() = DateOf(call_day);
    }
    task.set_done_by(contact.staff());
    KEFU_RETURN_IF_ERROR(SaveTask(session, c, &task));
    KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c, audit::AuditRecord{"task.attempt", "task", task.id(),
                                                             patient.id(), &before, &task}));
    if (request.has_expert_question()) {
      v1::Escalation& e = *response->mutable_escalation();
      e.set_task_id(task.id());
      e.set_patient_id(patient.id());
      e.set_patient_mrn(patient.mrn());
      e.set_doctor(request.expert_question().doctor());
      e.set_question(request.expert_question().question());
      e.set_promised_by_ms(request.expert_question().promised_by_ms());
      e.set_raised_at_ms(at_ms);
      e.set_raised_by(contact.staff());
      e.set_state(v1::ESCALATION_STATE_OPEN);
      KEFU_RETURN_IF_ERROR(InsertEscalation(c, &e));
      KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c, audit::AuditRecord{"escalation.open", "escalation", e.id(),
                                                               patient.id(), nullptr, &e}));
    }
    if (request.has_appointment()) {
      v1::Appointment& a = *response->mutable_appointment();
      a.set_patient_id(patient.id());
      a.set_patient_mrn(patient.mrn());
      *a.mutable_date() = request.appointment().date();
      a.set_department(request.appointment().department());
      a.set_expert(request.appointment().expert());
      a.set_task_id(task.id());
      a.set_booked_by(contact.staff());
      a.set_booked_at_ms(at_ms);
      KEFU_RETURN_IF_ERROR(InsertAppointment(c, &a));
      KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c, audit::AuditRecord{"appointment.book", "appointment", a.id(),
                                                               patient.id(), nullptr, &a}));
    }

    const std::string on = " (call of " + FormatDay(call_day) + " on task " + std::to_string(task.id()) + ")";
    switch (outcome) {
      case v1::CALL_OUTCOME_DIED:
        KEFU_RETURN_IF_ERROR(ClosePatientPlans(session, c, patient.id(), v1::CLOSE_REASON_DECEASED,
                                               "the family reported the death" + on, &plan));
        break;
      case v1::CALL_OUTCOME_OPTED_OUT:
        KEFU_RETURN_IF_ERROR(ClosePatientPlans(session, c, patient.id(), v1::CLOSE_REASON_OPTED_OUT,
                                               "the patient asked not to be called again" + on, &plan));
        break;
      case v1::CALL_OUTCOME_CURED:
        KEFU_RETURN_IF_ERROR(ClosePlan(session, c, &plan, v1::CLOSE_REASON_CURED, "reported cured" + on));
        break;
      case v1::CALL_OUTCOME_REFUSED:
        KEFU_RETURN_IF_ERROR(ClosePlan(session, c, &plan, v1::CLOSE_REASON_REFUSED, "refused further calls" + on));
        break;
      default: break;
    }
    if (advance && plan.state() == v1::PLAN_STATE_OPEN) {
      v1::Task next;
      bool opened = false;
      const bool fall_back = task.state() == v1::TASK_STATE_MISSED && task.fallback_of() == 0 &&
                             task.channel() == v1::CHANNEL_PHONE &&
                             settings.fallback_channel() != v1::CHANNEL_UNSPECIFIED;
      bool paused = false;
      if (!fall_back && task.state() == v1::TASK_STATE_MISSED) {
        KEFU_RETURN_IF_ERROR(CheckReachable(session, c, settings, &patient, &plan, &paused));
      }
      if (fall_back) {
        // The call could not be made in time: a letter or SMS carries the contact instead.
        next = task;
        next.clear_id();
        next.set_channel(settings.fallback_channel());
        next.set_state(v1::TASK_STATE_PENDING);
        next.set_attempts(0);
        next.clear_last_outcome();
        next.set_fallback_of(task.id());
        const Day opens = std::max(call_day + 1, session.db().Today());
        *next.mutable_opens() = DateOf(opens);
        *next.mutable_due() = DateOf(std::min<Day>(opens + 6, kMaxDay));
        *next.mutable_next_attempt() = DateOf(opens);
        KEFU_RETURN_IF_ERROR(SaveTask(session, c, &next));
        KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c, audit::AuditRecord{"task.fallback", "task", next.id(),
                                                                 patient.id(), nullptr, &next}));
        opened = true;
      } else if (paused) {
        // The plan waits for the patient to be found again: no next contact yet.
      } else {
        Day due = 0;
        KEFU_RETURN_IF_ERROR(CadenceDue(c, task, &due));
        // Windows that ended while this one was worked on are not called any more.
        const Day from = std::max(due + 1, session.db().Today());
        KEFU_RETURN_IF_ERROR(OpenNextTask(session, c, &plan, from, &next, &opened));
      }
      if (opened) *response->mutable_next_task() = next;
    }
    *response->mutable_task() = task;
    *response->mutable_plan() = plan;
    *response->mutable_contact() = contact;
    return Status::Ok();
  });
}

}  // namespace kefu::followup
