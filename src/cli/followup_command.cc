// `kefu worklist`, `kefu call record`, `kefu followup report|explain`: the follow-up team's day
// from the command line.
#include <cctype>
#include <cstdio>
#include <ctime>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

std::string Clip(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < text.size() && chars < max_chars; ++chars) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  std::string out = text.substr(0, i);
  for (char& c : out) if (c == '\n') c = ' ';
  return i < text.size() ? out + "..." : out;
}

}  // namespace

void PrintWorklist(const v1::WorklistResponse& list, const std::string& day, std::size_t show) {
  std::printf("worklist for %s: %d tasks, %d open expert questions\n\n", day.c_str(),
              list.items_size(), list.escalations_size());
  Table table({"task", "mrn", "name", "phone", "#", "channel", "due", "state", "case", "last note"});
  for (int i = 0; i < list.items_size() && static_cast<std::size_t>(i) < show; ++i) {
    const v1::WorklistItem& item = list.items(i);
    const v1::Task& t = item.task();
    std::string phone;
    for (const auto& p : item.patient().phones()) {
      if (!p.wrong_number()) { phone = p.number(); break; }
    }
    std::string diagnoses;
    for (const auto& d : item.last_encounter().diagnoses()) {
      diagnoses += (diagnoses.empty() ? "" : ",") + d.icd10();
    }
    const std::string state = item.overdue() ? "OVERDUE " + std::to_string(item.days_overdue()) + "d"
                              : t.attempts() > 0 ? "retry " + std::to_string(t.attempts() + 1)
                                                 : (t.seq() == 1 ? "first call" : "");
    table.Add({std::to_string(t.id()), item.patient().mrn(), item.patient().name(), phone,
               std::to_string(t.seq()), EnumWords(v1::Channel_Name(t.channel()), "CHANNEL_"),
               DateText(t.due()), state, item.last_encounter().department() + " " + diagnoses,
               item.last_contacts().empty() ? "" : Clip(item.last_contacts(0).notes(), 16)});
  }
  std::fputs(table.Render().c_str(), stdout);
  if (static_cast<std::size_t>(list.items_size()) > show) {
    std::printf("... and %zu more\n", static_cast<std::size_t>(list.items_size()) - show);
  }
  if (list.escalations_size() > 0) {
    std::printf("\nexpert questions awaiting an answer\n");
    Table questions({"id", "mrn", "doctor", "question", "promised by", ""});
    for (const auto& e : list.escalations()) {
      const std::time_t when = static_cast<std::time_t>(e.promised_by_ms() / 1000);
      char stamp[32];
      std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", std::gmtime(&when));
      questions.Add({std::to_string(e.id()), e.patient_mrn(), e.doctor(), Clip(e.question(), 20),
                     stamp, e.overdue() ? "OVERDUE" : ""});
    }
    std::fputs(questions.Render().c_str(), stdout);
  }
}

int WorklistCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db", "date", "limit", "actor", "shift", "staff"}, {"json", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  if (args.Has("help")) {
    std::fputs("usage: kefu worklist --db ARCHIVE [--date YYYY-MM-DD] [--shift NAME] [--staff ID]\n"
               "                     [--limit N] [--json]\n\n"
               "Every task to call on the day (default today): overdue first, then first contacts,\n"
               "then by due day, with the case; and the expert questions awaiting an answer.\n",
               stdout);
    return 0;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu worklist --help)"));
  v1::WorklistRequest request;
  if (auto date = args.Get("date")) {
    if (Status s = ParseDateFlag(*date, "--date", request.mutable_day()); !s.ok()) return Fail(s);
  }
  std::int64_t limit = 0;
  if (auto text = args.Get("limit")) {
    if (Status s = ParseNumberFlag(*text, "--limit", &limit); !s.ok()) return Fail(s);
  }
  request.set_limit(static_cast<std::int32_t>(limit));
  request.set_shift(args.Get("shift").value_or(""));
  request.set_staff(args.Get("staff").value_or(""));
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  v1::WorklistResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/Worklist", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    PrintWorklist(response, args.Get("date").value_or("today"), static_cast<std::size_t>(-1));
  }
  return 0;
}

Status ParseOutcome(const std::string& text, v1::CallOutcome* out) {
  std::string name = "CALL_OUTCOME_";
  for (const char c : text) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name == "CALL_OUTCOME_RETURN_VISIT") name = "CALL_OUTCOME_NEEDS_RETURN_VISIT";
  if (!v1::CallOutcome_Parse(name, out) || *out == v1::CALL_OUTCOME_UNSPECIFIED) {
    return Status::InvalidArgument("--outcome is " + Quote(text) +
                                   ": one of reached, no-answer, busy, wrong-number, refused, died, "
                                   "cured, return-visit, expert-question, complaint, opted-out");
  }
  return Status::Ok();
}

int CallRecordCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv,
                             {"db", "task", "outcome", "notes", "staff", "phone", "death-date",
                              "doctor", "question", "answer-within-hours", "appointment-date",
                              "department", "expert", "actor"},
                             {"json", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  if (args.Has("help") || args.positional().empty() || args.positional()[0] != "record") {
    std::fputs(R"(usage: kefu call record --db ARCHIVE --task ID --outcome OUTCOME [--notes TEXT] [--staff ID]
         [--phone NUMBER] (wrong-number: the number dialled)
         [--death-date YYYY-MM-DD] (died)
         [--doctor NAME --question TEXT --answer-within-hours N] (expert-question)
         [--appointment-date YYYY-MM-DD --department NAME [--expert NAME]] (return-visit)
OUTCOME: reached, no-answer, busy, wrong-number, refused, died, cured, return-visit,
         expert-question, complaint, opted-out
)", args.Has("help") ? stdout : stderr);
    return args.Has("help") ? 0 : 1;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu call record --help)"));
  v1::RecordAttemptRequest request;
  std::int64_t task = 0;
  if (Status s = ParseNumberFlag(args.Get("task").value_or(""), "--task", &task); !s.ok()) return Fail(s);
  request.set_task_id(task);
  v1::CallOutcome outcome = v1::CALL_OUTCOME_UNSPECIFIED;
  if (Status s = ParseOutcome(args.Get("outcome").value_or(""), &outcome); !s.ok()) return Fail(s);
  request.set_outcome(outcome);
  request.set_notes(args.Get("notes").value_or(""));
  request.set_staff(args.Get("staff").value_or(""));
  request.set_phone(args.Get("phone").value_or(""));
  if (auto d = args.Get("death-date")) {
    if (Status s = ParseDateFlag(*d, "--death-date", request.mutable_death_date()); !s.ok()) return Fail(s);
  }
  if (args.Has("doctor") || args.Has("question")) {
    std::int64_t hours = 24;
    if (auto h = args.Get("answer-within-hours")) {
      if (Status s = ParseNumberFlag(*h, "--answer-within-hours", &hours); !s.ok()) return Fail(s);
    }
    auto* q = request.mutable_expert_question();
    q->set_doctor(args.Get("doctor").value_or(""));
    q->set_question(args.Get("question").value_or(""));
    q->set_promised_by_ms((static_cast<std::int64_t>(std::time(nullptr)) + hours * 3600) * 1000);
  }
  if (auto d = args.Get("appointment-date")) {
    auto* a = request.mutable_appointment();
    if (Status s = ParseDateFlag(*d, "--appointment-date", a->mutable_date()); !s.ok()) return Fail(s);
    a->set_department(args.Get("department").value_or(""));
    a->set_expert(args.Get("expert").value_or(""));
  }
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  v1::RecordAttemptResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/RecordAttempt", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(response).c_str(), stdout);
    return 0;
  }
  std::printf("task %lld: %s", static_cast<long long>(response.task().id()),
              EnumWords(v1::TaskState_Name(response.task().state()), "TASK_STATE_").c_str());
  if (response.task().state() == v1::TASK_STATE_PENDING) {
    std::printf(", next try %s", DateText(response.task().next_attempt()).c_str());
  }
  if (response.has_next_task()) {
    std::printf("; next contact #%d by %s, %s..%s", response.next_task().seq(),
                EnumWords(v1::Channel_Name(response.next_task().channel()), "CHANNEL_").c_str(),
                DateText(response.next_task().opens()).c_str(), DateText(response.next_task().due()).c_str());
  }
  if (response.plan().state() != v1::PLAN_STATE_OPEN) {
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
  return 0;
}

void PrintReport(const v1::ReportResponse& report) {
  Table table({"period", "group", "due", "on time", "late", "missed", "open", "reach", "attempts/done"});
  auto add = [&](const v1::ReportRow& r, const std::string& period) {
    char reach[16], attempts[16];
    std::snprintf(reach, sizeof reach, "%.0f%%", r.reach_rate() * 100);
    std::snprintf(attempts, sizeof attempts, "%.2f", r.attempts_per_done());
    table.Add({period, r.group(), std::to_string(r.due()), std::to_string(r.done_on_time()),
               std::to_string(r.done_late()), std::to_string(r.missed()), std::to_string(r.open()),
               reach, attempts});
  };
  for (const auto& r : report.rows()) add(r, DateText(r.period_start()));
  add(report.total(), "total");
  std::fputs(table.Render().c_str(), stdout);
  std::printf("expert questions: %d open, %d overdue\n", report.open_escalations(),
              report.overdue_escalations());
}

int FollowUpCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db", "from", "to", "period", "by", "task", "actor", "days"},
                             {"json", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  const auto& positional = args.positional();
  if (args.Has("help") || positional.empty()) {
    std::fputs("usage: kefu followup report --db ARCHIVE --from DATE --to DATE [--period day|week|month]\n"
               "                            [--by department|staff] [--json]\n"
               "       kefu followup explain --db ARCHIVE --task ID\n"
               "       kefu followup schedule --db ARCHIVE [--from DATE] [--days N]\n",
               args.Has("help") ? stdout : stderr);
    return args.Has("help") ? 0 : 1;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu followup --help)"));
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  if (positional[0] == "explain") {
    v1::ExplainRequest request;
    std::int64_t task = 0;
    if (Status s = ParseNumberFlag(args.Get("task").value_or(""), "--task", &task); !s.ok()) return Fail(s);
    request.set_task_id(task);
    v1::ExplainResponse response;
    if (Status s = connection.Call("kefu.v1.FollowUpService/Explain", request, &response); !s.ok()) {
      return Fail(s);
    }
    std::printf("%s\n", args.Has("json") ? ToJson(response).c_str() : response.text().c_str());
    return 0;
  }
  if (positional[0] == "schedule") {
    v1::ScheduleRequest request;
    if (auto from = args.Get("from")) {
      if (Status s = ParseDateFlag(*from, "--from", request.mutable_from()); !s.ok()) return Fail(s);
    }
    std::int64_t days = 0;
    if (auto text = args.Get("days")) {
      if (Status s = ParseNumberFlag(*text, "--days", &days); !s.ok()) return Fail(s);
    }
    request.set_days(static_cast<std::int32_t>(days));
    v1::ScheduleResponse response;
    if (Status s = connection.Call("kefu.v1.FollowUpService/Schedule", request, &response); !s.ok()) {
      return Fail(s);
    }
    if (args.Has("json")) {
      std::fputs(ToJson(response).c_str(), stdout);
      return 0;
    }
    Table load({"day", "staff", "shift", "calls", "capacity"});
    for (const auto& l : response.load()) {
      if (l.tasks() > 0) {
        load.Add({DateText(l.day()), l.staff(), l.shift(), std::to_string(l.tasks()), std::to_string(l.capacity())});
      }
    }
    std::fputs(load.Render().c_str(), stdout);
    std::printf("%d tasks scheduled, %d cannot be served in time\n", response.assigned_size(),
                response.unservable_size());
    for (const auto& u : response.unservable()) {
      std::printf("  task %lld (due %s): %s\n", static_cast<long long>(u.task().id()),
                  DateText(u.task().due()).c_str(), u.reason().c_str());
    }
    return 0;
  }
  if (positional[0] != "report") {
    return Fail(Status::InvalidArgument("unknown followup command " + Quote(positional[0]) + " (report, explain)"));
  }
  v1::ReportRequest request;
  if (Status s = ParseDateFlag(args.Get("from").value_or(""), "--from", request.mutable_from()); !s.ok()) return Fail(s);
  if (Status s = ParseDateFlag(args.Get("to").value_or(""), "--to", request.mutable_to()); !s.ok()) return Fail(s);
  const std::string period = args.Get("period").value_or("day");
  if (period == "week") {
    request.set_period(v1::REPORT_PERIOD_WEEK);
  } else if (period == "month") {
    request.set_period(v1::REPORT_PERIOD_MONTH);
  } else if (period != "day") {
    return Fail(Status::InvalidArgument("--period is " + Quote(period) + ": day, week or month"));
  }
  const std::string by = args.Get("by").value_or("");
  if (by == "department") {
    request.set_by(v1::REPORT_BY_DEPARTMENT);
  } else if (by == "staff") {
    request.set_by(v1::REPORT_BY_STAFF);
  } else if (!by.empty()) {
    return Fail(Status::InvalidArgument("--by is " + Quote(by) + ": department or staff"));
  }
  v1::ReportResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/Report", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (args.Has("json")) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    PrintReport(response);
  }
  return 0;
}

}  // namespace kefu::cli
