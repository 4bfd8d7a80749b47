// kefu.v1.FollowUpService: plans and tasks, the daily worklist, call attempts, and the
// explanation of why a patient is due on a day.
#include <algorithm>

#include "archive/checks.hpp"
#include "base/paging.hpp"
#include "followup/attempts.hpp"
#include "followup/due_index.hpp"
#include "followup/escalations.hpp"
#include "followup/guard.hpp"
#include "followup/report.hpp"
#include "followup/schedule.hpp"
#include "followup/worklist.hpp"
#include "followup/plan_store.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

using messages::DateOf;
using messages::DayOf;

Status ListPlans(Session& session, const v1::ListPlansRequest& request,
                 v1::ListPlansResponse* response) {
  return session.Read([&](Txn& t) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(
        archive::ResolvePatient(t, request.patient_id(), request.patient_mrn(), "patient_id", &id));
    std::vector<v1::Plan> plans;
    KEFU_RETURN_IF_ERROR(followup::PlansOf(t, id, 0, &plans));
    for (auto& plan : plans) *response->add_plans() = std::move(plan);
    std::vector<v1::Task> tasks;
    KEFU_RETURN_IF_ERROR(followup::TasksOfPatient(t, id, &tasks));
    for (auto& task : tasks) *response->add_tasks() = std::move(task);
    return Status::Ok();
  });
}

Status GetTask(Session& session, const v1::GetTaskRequest& request, v1::Task* response) {
  return session.Read([&](Txn& t) { return followup::LoadTask(t, request.task_id(), response); });
}

Status Worklist(Session& session, const v1::WorklistRequest& request,
                v1::WorklistResponse* response) {
  Day day = session.db().Today();
  if (request.has_day()) {
    KEFU_RETURN_IF_ERROR(
        DayFromYmd(request.day().year(), request.day().month(), request.day().day(), "day", &day));
  }
  if (request.limit() < 0) {
    return Status::InvalidArgument("limit is " + std::to_string(request.limit()) +
                                   ": 0 (all) or more");
  }
  std::vector<std::int64_t> held;
  KEFU_RETURN_IF_ERROR(session.Read(
      [&](Txn& t) { return followup::BuildWorklist(session, t, day, request, response, &held); }));
  followup::SuppressTasks(session, held, "the worklist of " + FormatDay(day));
  return Status::Ok();
}

Status RecordAttempt(Session& session, const v1::RecordAttemptRequest& request,
                     v1::RecordAttemptResponse* response) {
  return followup::RecordAttempt(session, request, response);
}

std::string Clock(const v1::TimeOfDay& t) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", t.hours(), t.minutes());
  return text;
}

// The end of an explanation: where the task and its plan stand now, in words.
std::string WhereTheTaskStands(const v1::Task& task, const v1::Plan& plan) {
  std::string text;
  switch (task.state()) {
    case v1::TASK_STATE_PENDING:
      text += "The next call is planned for " + FormatDay(DayOf(task.next_attempt())) + ".";
      break;
    case v1::TASK_STATE_WAITING_CORRECTION:
      text += "It waits for a corrected phone number.";
      break;
    case v1::TASK_STATE_SUPPRESSED:
      text += "It was never given to a caller: it was " + task.reason() + ".";
      break;
    case v1::TASK_STATE_CANCELLED:
      text += "It was cancelled" + (task.reason().empty() ? "" : ": " + task.reason()) + ".";
      break;
    default:
      text += "The task is " + v1::TaskState_Name(task.state()) + ".";
  }
  if (!task.early_contact_reason().empty()) {
    text += " It was called before its window opened: " + task.early_contact_reason() + ".";
  }
  if (plan.state() == v1::PLAN_STATE_PAUSED) {
    text += " The plan is " + plan.reason() + ".";
  } else if (plan.state() != v1::PLAN_STATE_OPEN) {
    text += " The plan is closed: " + plan.reason() + ".";
  }
  return text;
}

Status Explain(Session& session, const v1::ExplainRequest& request, v1::ExplainResponse* response) {
  return session.Read([&](Txn& t) {
    v1::Task& task = *response->mutable_task();
    v1::Plan& plan = *response->mutable_plan();
    KEFU_RETURN_IF_ERROR(followup::LoadTask(t, request.task_id(), &task));
    KEFU_RETURN_IF_ERROR(followup::LoadPlan(t, task.plan_id(), &plan));
    v1::Patient patient;
    KEFU_RETURN_IF_ERROR(archive::LoadPatient(t, task.patient_id(), &patient));
    v1::Encounter encounter;
    KEFU_RETURN_IF_ERROR(archive::LoadEncounter(t, plan.encounter_id(), &encounter));
    const Day anchor = DayOf(task.anchor());
    const Day due = DayOf(task.due());
    std::string text =
        "Patient " + patient.name() + " (MRN " + patient.mrn() + ") was " +
        (encounter.kind() == v1::ENCOUNTER_KIND_INPATIENT ? "discharged from " : "seen at ") +
        encounter.department() + " on " + FormatDay(anchor) + " (encounter " +
        std::to_string(encounter.id()) +
        (encounter.his_visit_id().empty() ? "" : ", HIS visit " + encounter.his_visit_id()) + "). ";
    text += plan.rule_index() > 0 ? "Plan rule " + std::to_string(plan.rule_index()) + " chose "
                                  : "No plan rule matched, so the default applies: ";
    text +=
        "the cadence policy \"" + task.policy() + "\"" +
        (task.policy_version() == 0 ? " (built in)"
                                    : " (version " + std::to_string(task.policy_version()) + ")") +
        ". ";
    text += "Its contact #" + std::to_string(task.seq()) + " is due " +
            std::to_string(due - anchor) + " days after that day, on " + FormatDay(due) +
            "; its window opens on " + FormatDay(DayOf(task.opens())) +
            " and closes at the end of the due day. ";
    if (task.fallback_of() != 0) {
      text += "It is a " + v1::Channel_Name(task.channel()) + " sent in place of task " +
              std::to_string(task.fallback_of()) + ", whose calls went unanswered. ";
    }
    text += "Calls are made at about " + Clock(task.call_time()) + ". ";
    text +=
        "Attempts so far: " + std::to_string(task.attempts()) +
        (task.attempts() > 0 ? " (last: " + v1::CallOutcome_Name(task.last_outcome()) + ")" : "") +
        ". ";
    text += WhereTheTaskStands(task, plan);
    response->set_text(text);
    return Status::Ok();
  });
}

Status ListEscalations(Session& session, const v1::ListEscalationsRequest& request,
                       v1::ListEscalationsResponse* response) {
  return session.Read([&](Txn& t) {
    std::vector<v1::Escalation> found;
    KEFU_RETURN_IF_ERROR(followup::ListEscalations(
        t, request.patient_id(), request.include_answered(), session.db().NowMs(), &found));
    for (auto& e : found) *response->add_escalations() = std::move(e);
    return Status::Ok();
  });
}

Status AnswerEscalation(Session& session, const v1::AnswerEscalationRequest& request,
                        v1::Escalation* response) {
  KEFU_RETURN_IF_ERROR(
      archive::CheckText(request.answer(), "answer", 4000, true, archive::TextKind::kFreeText));
  return session.Write([&](Txn& t) {
    return followup::AnswerEscalation(session, t, request.escalation_id(), request.answer(),
                                      response);
  });
}

Status Schedule(Session& session, const v1::ScheduleRequest& request,
                v1::ScheduleResponse* response) {
  return followup::Schedule(session, request, response);
}

Status Report(Session& session, const v1::ReportRequest& request, v1::ReportResponse* response) {
  if (!request.has_from() || !request.has_to()) {
    return Status::InvalidArgument("from and to are required: the days whose due tasks to measure");
  }
  return session.Read(
      [&](Txn& t) { return followup::BuildReport(t, request, session.db().NowMs(), response); });
}

Status ListUnreachable(Session& session, const v1::ListUnreachableRequest& request,
                       v1::ListUnreachableResponse* response) {
  int page_size = 0;
  std::int64_t after = 0;
  KEFU_RETURN_IF_ERROR(
      ParsePaging(request.page_size(), 100, request.page_token(), &page_size, &after));
  return session.Read([&](Txn& t) {
    std::vector<v1::Plan> plans;
    KEFU_RETURN_IF_ERROR(followup::PausedPlans(t, after, page_size + 1, &plans));
    for (std::size_t i = 0; i < plans.size() && i < static_cast<std::size_t>(page_size); ++i) {
      v1::UnreachablePatient* item = response->add_patients();
      KEFU_RETURN_IF_ERROR(archive::LoadPatient(t, plans[i].patient_id(), item->mutable_patient()));
      std::vector<v1::Task> tasks;
      KEFU_RETURN_IF_ERROR(followup::TasksOfPlan(t, plans[i].id(), &tasks));
      for (const v1::Task& task : tasks) {
        if (task.state() == v1::TASK_STATE_MISSED) {
          *item->mutable_last_task() = task;
          break;
        }
      }
      item->set_missed_in_a_row(followup::MissedInARow(tasks));
      *item->mutable_plan() = std::move(plans[i]);
    }
    if (plans.size() > static_cast<std::size_t>(page_size)) {
      response->set_next_page_token(PageToken(plans[static_cast<std::size_t>(page_size) - 1].id()));
    }
    return Status::Ok();
  });
}

}  // namespace

void RegisterFollowUpService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.FollowUpService/ListPlans", access::Permission::kFollowUpRead,
                 &ListPlans);
  dispatcher.Add("kefu.v1.FollowUpService/GetTask", access::Permission::kFollowUpRead, &GetTask);
  dispatcher.Add("kefu.v1.FollowUpService/Worklist", access::Permission::kWorklistRead, &Worklist);
  dispatcher.Add("kefu.v1.FollowUpService/RecordAttempt", access::Permission::kFollowUpCall,
                 &RecordAttempt);
  dispatcher.Add("kefu.v1.FollowUpService/Explain", access::Permission::kFollowUpRead, &Explain);
  dispatcher.Add("kefu.v1.FollowUpService/ListEscalations", access::Permission::kFollowUpRead,
                 &ListEscalations);
  dispatcher.Add("kefu.v1.FollowUpService/AnswerEscalation", access::Permission::kFollowUpAnswer,
                 &AnswerEscalation);
  dispatcher.Add("kefu.v1.FollowUpService/Report", access::Permission::kReportRead, &Report);
  dispatcher.Add("kefu.v1.FollowUpService/Schedule", access::Permission::kFollowUpSchedule,
                 &Schedule);
  dispatcher.Add("kefu.v1.FollowUpService/ListUnreachable", access::Permission::kFollowUpRead,
                 &ListUnreachable);
}

}  // namespace kefu::rpc
