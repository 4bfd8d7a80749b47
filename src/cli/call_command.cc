// `kefu call METHOD`: any method of kefu.v1 with a JSON request, the way a script or an
// integrator tries the API before writing code; `kefu call record`: the outcome of a follow-up
// call.
#include <cctype>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <iterator>

#include "cli/command.hpp"

namespace kefu::cli {
namespace {

struct CallOptions {
  std::string method, request = "{}", db = ":memory:", actor = "cli";
  bool create = false;
};

int Call(CLI::App& sub, const CallOptions& o) {
  std::string request = o.request;
  if (request == "-") {
    request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  Connection connection;
  const bool given = sub.count("--db") > 0;
  if (Status s = connection.Open(o.db, o.actor, given && !o.create); !s.ok()) return Fail(s);
  std::string response;
  if (Status s = connection.CallJson(o.method, request, &response); !s.ok()) return Fail(s);
  std::printf("%s\n", response.c_str());
  return 0;
}

struct RecordOptions {
  ArchiveOptions archive;
  std::string task, outcome, notes, staff, phone, death_date, doctor, question,
      answer_within_hours = "24", appointment_date, department, expert, early;
};

Status ParseOutcome(const std::string& text, v1::CallOutcome* out) {
  std::string name = "CALL_OUTCOME_";
  for (const char c : text)
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name == "CALL_OUTCOME_RETURN_VISIT") name = "CALL_OUTCOME_NEEDS_RETURN_VISIT";
  if (!v1::CallOutcome_Parse(name, out) || *out == v1::CALL_OUTCOME_UNSPECIFIED) {
    return Status::InvalidArgument(
        "--outcome is " + Quote(text) +
        ": one of reached, no-answer, busy, wrong-number, refused, died, "
        "cured, return-visit, expert-question, complaint, opted-out");
  }
  return Status::Ok();
}

Status ToRequest(const RecordOptions& o, v1::RecordAttemptRequest* request) {
  std::int64_t task = 0;
  KEFU_RETURN_IF_ERROR(ParseNumberFlag(o.task, "--task", &task));
  request->set_task_id(task);
  v1::CallOutcome outcome = v1::CALL_OUTCOME_UNSPECIFIED;
  KEFU_RETURN_IF_ERROR(ParseOutcome(o.outcome, &outcome));
  request->set_outcome(outcome);
  request->set_notes(o.notes);
  request->set_staff(o.staff);
  request->set_phone(o.phone);
  request->set_early_contact_reason(o.early);
  if (!o.death_date.empty()) {
    KEFU_RETURN_IF_ERROR(
        ParseDateFlag(o.death_date, "--death-date", request->mutable_death_date()));
  }
  if (!o.doctor.empty() || !o.question.empty()) {
    std::int64_t hours = 0;
    KEFU_RETURN_IF_ERROR(ParseNumberFlag(o.answer_within_hours, "--answer-within-hours", &hours));
    auto* q = request->mutable_expert_question();
    q->set_doctor(o.doctor);
    q->set_question(o.question);
    q->set_promised_by_ms((static_cast<std::int64_t>(std::time(nullptr)) + hours * 3600) * 1000);
  }
  if (!o.appointment_date.empty()) {
    auto* a = request->mutable_appointment();
    KEFU_RETURN_IF_ERROR(
        ParseDateFlag(o.appointment_date, "--appointment-date", a->mutable_date()));
    a->set_department(o.department);
    a->set_expert(o.expert);
  }
  return Status::Ok();
}

void PrintOutcome(const v1::RecordAttemptResponse& response) {
  std::printf("task %lld: %s", static_cast<long long>(response.task().id()),
              EnumWords(v1::TaskState_Name(response.task().state()), "TASK_STATE_").c_str());
  if (response.task().state() == v1::TASK_STATE_PENDING) {
    std::printf(", next try %s", DateText(response.task().next_attempt()).c_str());
  }
  if (response.has_next_task()) {
    std::printf("; next contact #%d by %s, %s..%s", response.next_task().seq(),
                EnumWords(v1::Channel_Name(response.next_task().channel()), "CHANNEL_").c_str(),
                DateText(response.next_task().opens()).c_str(),
                DateText(response.next_task().due()).c_str());
  }
  if (response.plan().state() == v1::PLAN_STATE_PAUSED) {
    std::printf("; plan %s", response.plan().reason().c_str());
  } else if (response.plan().state() != v1::PLAN_STATE_OPEN) {
    std::printf("; plan closed: %s", response.plan().reason().c_str());
  }
  if (response.has_escalation()) {
    std::printf("; question %lld to %s", static_cast<long long>(response.escalation().id()),
                response.escalation().doctor().c_str());
  }
  if (response.has_appointment()) {
    std::printf("; appointment %s at %s", DateText(response.appointment().date()).c_str(),
                response.appointment().department().c_str());
  }
  std::printf("\n");
}

int Record(const RecordOptions& o) {
  v1::RecordAttemptRequest request;
  if (Status s = ToRequest(o, &request); !s.ok()) return Fail(s);
  Connection connection;
  v1::RecordAttemptResponse response;
  if (Status s = OpenAndCall(o.archive, Access::kWrite, "kefu.v1.FollowUpService/RecordAttempt",
                             request, &response, &connection);
      !s.ok()) {
    return Fail(s);
  }
  if (!PrintedAsJson(o.archive, response)) PrintOutcome(response);
  return 0;
}

CLI::App* AddRecord(CLI::App* call) {
  auto o = std::make_shared<RecordOptions>();
  CLI::App* sub = call->add_subcommand("record", "the outcome of a follow-up call");
  AddArchiveOptions(sub, &o->archive, Access::kWrite);
  sub->add_option("--task", o->task, "the task called (from the worklist)")
      ->required()
      ->type_name("ID");
  sub->add_option("--outcome", o->outcome,
                  "reached, no-answer, busy, wrong-number, refused, died, cured, return-visit, "
                  "expert-question, complaint, opted-out")
      ->required();
  sub->add_option("--notes", o->notes, "symptoms, mood, what was promised")->type_name("TEXT");
  sub->add_option("--staff", o->staff, "who called (default: --actor)")->type_name("ID");
  sub->add_option("--early-reason", o->early,
                  "a call before the task's window opens is refused unless this says why it is "
                  "made early")
      ->type_name("TEXT");
  sub->add_option("--phone", o->phone, "wrong-number: the number dialled")->type_name("NUMBER");
  sub->add_option("--death-date", o->death_date, "died: the day of the death (default: the call's)")
      ->type_name("DATE");
  sub->add_option("--doctor", o->doctor, "expert-question: the expert asked")->type_name("NAME");
  sub->add_option("--question", o->question, "expert-question: the patient's question")
      ->type_name("TEXT");
  sub->add_option("--answer-within-hours", o->answer_within_hours,
                  "expert-question: the answer promised within N hours (default 24)")
      ->type_name("N");
  sub->add_option("--appointment-date", o->appointment_date, "return-visit: the day booked")
      ->type_name("DATE");
  sub->add_option("--department", o->department, "return-visit: the department")->type_name("NAME");
  sub->add_option("--expert", o->expert, "return-visit: the expert")->type_name("NAME");
  OnRun(sub, [o] { return Record(*o); });
  return sub;
}

}  // namespace

void AddCallCommands(CLI::App& app) {
  auto o = std::make_shared<CallOptions>();
  CLI::App* call = app.add_subcommand(
      "call", "call METHOD: any kefu.v1 method with a JSON request; call record: a call's outcome");
  call->require_subcommand(0, 1);
  CLI::App* record = AddRecord(call);
  call->add_option("method", o->method, "\"kefu.v1.<Service>/<Method>\"")->type_name("METHOD");
  call->add_option(
          "json", o->request,
          "the request in protobuf's JSON mapping (default {}); - reads it from standard input")
      ->type_name("JSON");
  call->add_option(
          "--db", o->db,
          "the archive (default: a throwaway in-memory one); it must exist unless --create")
      ->type_name("ARCHIVE");
  call->add_option("--actor", o->actor,
                   "who acts, recorded with every write (default: $KEFU_ACTOR, else cli)")
      ->envname("KEFU_ACTOR")
      ->type_name("NAME");
  call->add_flag("--create", o->create, "create the archive if there is none at ARCHIVE");
  call->footer(
      "example: kefu call kefu.v1.CadenceService/Next \\\n"
      "  '{\"builtin\": \"standard\", \"anchor\": {\"year\": 2026, \"month\": 1, \"day\": 31},\n"
      "    \"onOrAfter\": {\"year\": 2026, \"month\": 6, \"day\": 1}}'");
  call->callback([call, record, o] {
    if (record->parsed()) return;
    if (o->method.empty()) {
      ExitCode() = Fail(Status::InvalidArgument("give METHOD (see kefu call --help)"));
      return;
    }
    ExitCode() = Call(*call, *o);
  });
}

}  // namespace kefu::cli
