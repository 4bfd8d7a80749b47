// `kefu worklist` and `kefu followup report|explain|schedule|unreachable|questions|answer`: the
// follow-up team's day from the command line.
#include <cctype>
#include <cstdio>
#include <ctime>

#include "cli/command.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {
namespace {

std::string Clip(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < text.size() && chars < max_chars; ++chars) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  std::string out = text.substr(0, i);
  for (char& c : out)
    if (c == '\n') c = ' ';
  return i < text.size() ? out + "..." : out;
}

}  // namespace

void PrintWorklist(const v1::WorklistResponse& list, const std::string& day, std::size_t show,
                   int utc_offset_minutes) {
  std::printf("worklist for %s: %s, %s\n\n", day.c_str(), Count(list.items_size(), "task").c_str(),
              Count(list.escalations_size(), "open expert question").c_str());
  Table table(
      {"task", "mrn", "name", "phone", "#", "channel", "due", "state", "case", "last note"});
  for (int i = 0; i < list.items_size() && static_cast<std::size_t>(i) < show; ++i) {
    const v1::WorklistItem& item = list.items(i);
    const v1::Task& t = item.task();
    std::string phone;
    for (const auto& p : item.patient().phones()) {
      if (!p.wrong_number()) {
        phone = p.number();
        break;
      }
    }
    std::string diagnoses;
    for (const auto& d : item.last_encounter().diagnoses()) {
      diagnoses += (diagnoses.empty() ? "" : ",") + d.icd10();
    }
    const std::string state = item.overdue()
                                  ? "OVERDUE " + std::to_string(item.days_overdue()) + "d"
                              : t.attempts() > 0 ? "retry " + std::to_string(t.attempts() + 1)
                                                 : (t.seq() == 1 ? "first call" : "");
    table.Add(
        {std::to_string(t.id()), Printable(item.patient().mrn()), Printable(item.patient().name()),
         Printable(phone), std::to_string(t.seq()),
         EnumWords(v1::Channel_Name(t.channel()), "CHANNEL_"), DateText(t.due()), state,
         Printable(item.last_encounter().department() + " " + diagnoses),
         item.last_contacts().empty() ? "" : Printable(Clip(item.last_contacts(0).notes(), 16))});
  }
  if (list.items_size() > 0) std::fputs(table.Render().c_str(), stdout);
  if (static_cast<std::size_t>(list.items_size()) > show) {
    std::printf("... and %zu more\n", static_cast<std::size_t>(list.items_size()) - show);
  }
  if (list.escalations_size() > 0) {
    std::printf("\nexpert questions awaiting an answer\n");
    Table questions({"id", "mrn", "doctor", "question", "promised by", ""});
    for (const auto& e : list.escalations()) {
      questions.Add({std::to_string(e.id()), Printable(e.patient_mrn()), Printable(e.doctor()),
                     Printable(Clip(e.question(), 20)),
                     LocalTime(e.promised_by_ms(), utc_offset_minutes),
                     e.overdue() ? "OVERDUE" : ""});
    }
    std::fputs(questions.Render().c_str(), stdout);
  }
}

void PrintReport(const v1::ReportResponse& report) {
  Table table(
      {"period", "group", "due", "on time", "late", "missed", "open", "reach", "attempts/done"});
  auto add = [&](const v1::ReportRow& r, const std::string& period) {
    const int done = r.done_on_time() + r.done_late();
    char attempts[16];
    std::snprintf(attempts, sizeof attempts, "%.2f", r.attempts_per_done());
    table.Add({period, Printable(r.group()), std::to_string(r.due()),
               std::to_string(r.done_on_time()), std::to_string(r.done_late()),
               std::to_string(r.missed()), std::to_string(r.open()),
               Percent(r.reach_rate(), done + r.missed()), done == 0 ? "—" : attempts});
  };
  for (const auto& r : report.rows()) add(r, DateText(r.period_start()));
  add(report.total(), "total");
  std::fputs(table.Render().c_str(), stdout);
  std::printf("expert questions: %d open, %d overdue\n", report.open_escalations(),
              report.overdue_escalations());
}

namespace {

struct WorklistOptions {
  ArchiveOptions archive;
  std::string date, limit = "0", shift, staff;
};

int Worklist(const WorklistOptions& o) {
  v1::WorklistRequest request;
  if (!o.date.empty()) {
    if (Status s = ParseDateFlag(o.date, "--date", request.mutable_day()); !s.ok()) return Fail(s);
  }
  std::int64_t limit = 0;
  if (Status s = ParseNumberFlag(o.limit, "--limit", &limit); !s.ok()) return Fail(s);
  request.set_limit(static_cast<std::int32_t>(limit));
  request.set_shift(o.shift);
  request.set_staff(o.staff);
  Connection connection;
  v1::WorklistResponse response;
  if (Status s = OpenAndCall(o.archive, Access::kRead, "kefu.v1.FollowUpService/Worklist", request,
                             &response, &connection);
      !s.ok()) {
    return Fail(s);
  }
  if (PrintedAsJson(o.archive, response)) return 0;
  int offset = 480;
  if (Status s = connection.UtcOffsetMinutes(&offset); !s.ok()) return Fail(s);
  PrintWorklist(response, o.date.empty() ? "today" : o.date, static_cast<std::size_t>(-1), offset);
  return 0;
}

struct FollowUpOptions {
  ArchiveOptions archive;
  std::string from, to, period = "day", by, task, days = "0", question, answer;
};

int Explain(const FollowUpOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::ExplainRequest request;
  std::int64_t task = 0;
  if (Status s = ParseNumberFlag(o.task, "--task", &task); !s.ok()) return Fail(s);
  request.set_task_id(task);
  v1::ExplainResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/Explain", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (!PrintedAsJson(o.archive, response)) std::printf("%s\n", Printable(response.text()).c_str());
  return 0;
}

int Schedule(const FollowUpOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kWrite, &connection); !s.ok()) return Fail(s);
  v1::ScheduleRequest request;
  if (!o.from.empty()) {
    if (Status s = ParseDateFlag(o.from, "--from", request.mutable_from()); !s.ok()) return Fail(s);
  }
  std::int64_t days = 0;
  if (Status s = ParseNumberFlag(o.days, "--days", &days); !s.ok()) return Fail(s);
  request.set_days(static_cast<std::int32_t>(days));
  v1::ScheduleResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/Schedule", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (PrintedAsJson(o.archive, response)) return 0;
  Table load({"day", "staff", "shift", "calls", "capacity"});
  for (const auto& l : response.load()) {
    if (l.tasks() > 0) {
      load.Add({DateText(l.day()), l.staff(), l.shift(), std::to_string(l.tasks()),
                std::to_string(l.capacity())});
    }
  }
  std::fputs(load.Render().c_str(), stdout);
  std::printf("%s scheduled, %d cannot be served in time\n",
              Count(response.assigned_size(), "task").c_str(), response.unservable_size());
  for (const auto& u : response.unservable()) {
    std::printf("  task %lld (due %s): %s\n", static_cast<long long>(u.task().id()),
                DateText(u.task().due()).c_str(), u.reason().c_str());
  }
  return 0;
}

int Report(const FollowUpOptions& o) {
  v1::ReportRequest request;
  if (Status s = ParseDateFlag(o.from, "--from", request.mutable_from()); !s.ok()) return Fail(s);
  if (Status s = ParseDateFlag(o.to, "--to", request.mutable_to()); !s.ok()) return Fail(s);
  if (o.period == "week") {
    request.set_period(v1::REPORT_PERIOD_WEEK);
  } else if (o.period == "month") {
    request.set_period(v1::REPORT_PERIOD_MONTH);
  } else if (o.period != "day") {
    return Fail(Status::InvalidArgument("--period is " + Quote(o.period) + ": day, week or month"));
  }
  if (o.by == "department") {
    request.set_by(v1::REPORT_BY_DEPARTMENT);
  } else if (o.by == "staff") {
    request.set_by(v1::REPORT_BY_STAFF);
  } else if (!o.by.empty()) {
    return Fail(Status::InvalidArgument("--by is " + Quote(o.by) + ": department or staff"));
  }
  Connection connection;
  v1::ReportResponse response;
  if (Status s = OpenAndCall(o.archive, Access::kRead, "kefu.v1.FollowUpService/Report", request,
                             &response, &connection);
      !s.ok()) {
    return Fail(s);
  }
  if (!PrintedAsJson(o.archive, response)) PrintReport(response);
  return 0;
}

int Unreachable(const FollowUpOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::ListUnreachableRequest request;
  request.set_page_size(1000);
  v1::ListUnreachableResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/ListUnreachable", request, &response);
      !s.ok()) {
    return Fail(s);
  }
  if (PrintedAsJson(o.archive, response)) return 0;
  std::printf("%s lost to follow-up%s\n", Count(response.patients_size(), "patient").c_str(),
              response.next_page_token().empty() ? "" : " (the first 1000)");
  Table table({"mrn", "name", "phones", "family", "missed", "last contact due", "plan"});
  for (const auto& u : response.patients()) {
    std::string phones, family;
    for (const auto& p : u.patient().phones()) phones += (phones.empty() ? "" : ", ") + p.number();
    for (const auto& f : u.patient().family()) {
      family += (family.empty() ? "" : ", ") + f.relation() + " " + f.phone();
    }
    table.Add({Printable(u.patient().mrn()), Printable(u.patient().name()), Printable(phones),
               Printable(family), std::to_string(u.missed_in_a_row()),
               DateText(u.last_task().due()), std::to_string(u.plan().id())});
  }
  if (response.patients_size() > 0) std::fputs(table.Render().c_str(), stdout);
  return 0;
}

int Questions(const FollowUpOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::ListEscalationsResponse response;
  if (Status s = connection.Call("kefu.v1.FollowUpService/ListEscalations",
                                 v1::ListEscalationsRequest(), &response);
      !s.ok()) {
    return Fail(s);
  }
  if (PrintedAsJson(o.archive, response)) return 0;
  int offset = 480;
  if (Status s = connection.UtcOffsetMinutes(&offset); !s.ok()) return Fail(s);
  std::printf("%s awaiting an answer\n",
              Count(response.escalations_size(), "expert question").c_str());
  Table table({"id", "mrn", "doctor", "question", "promised by", ""});
  for (const auto& e : response.escalations()) {
    table.Add({std::to_string(e.id()), Printable(e.patient_mrn()), Printable(e.doctor()),
               Printable(e.question()), LocalTime(e.promised_by_ms(), offset),
               e.overdue() ? "OVERDUE" : ""});
  }
  if (response.escalations_size() > 0) std::fputs(table.Render().c_str(), stdout);
  return 0;
}

int Answer(const FollowUpOptions& o) {
  v1::AnswerEscalationRequest request;
  std::int64_t id = 0;
  if (Status s = ParseNumberFlag(o.question, "--question", &id); !s.ok()) return Fail(s);
  request.set_escalation_id(id);
  request.set_answer(o.answer);
  Connection connection;
  v1::Escalation answered;
  if (Status s = OpenAndCall(o.archive, Access::kWrite, "kefu.v1.FollowUpService/AnswerEscalation",
                             request, &answered, &connection);
      !s.ok()) {
    return Fail(s);
  }
  if (o.archive.json) {
    std::fputs(ToJson(answered).c_str(), stdout);
  } else {
    std::printf("question %lld of %s answered by %s\n", static_cast<long long>(answered.id()),
                Printable(answered.patient_mrn()).c_str(),
                Printable(answered.answered_by()).c_str());
  }
  return 0;
}

}  // namespace

void AddWorklistCommand(CLI::App& app) {
  auto o = std::make_shared<WorklistOptions>();
  CLI::App* sub =
      app.add_subcommand("worklist", "the day's follow-up calls, with each patient's case");
  AddArchiveOptions(sub, &o->archive, Access::kRead);
  sub->add_option("--date", o->date, "the day (default: today in the archive's zone)")
      ->type_name("DATE");
  sub->add_option("--shift", o->shift, "only the calls Schedule gave this shift")
      ->type_name("NAME");
  sub->add_option("--staff", o->staff, "only the calls Schedule gave this staff member")
      ->type_name("ID");
  sub->add_option("--limit", o->limit, "at most N tasks, from the head of the order (0: all)")
      ->type_name("N");
  sub->footer(
      "Every task to call on the day: overdue first, then first contacts, then by due day, with\n"
      "the case; and the expert questions awaiting an answer.");
  OnRun(sub, [o] { return Worklist(*o); });
}

void AddFollowUpCommands(CLI::App& app) {
  CLI::App* followup = app.add_subcommand(
      "followup",
      "the team's measures, why a patient is due, scheduling, patients lost to follow-up, "
      "expert questions");
  followup->require_subcommand(1);

  auto report = std::make_shared<FollowUpOptions>();
  CLI::App* sub =
      followup->add_subcommand("report", "the measures of the tasks due in a range of days");
  AddArchiveOptions(sub, &report->archive, Access::kRead);
  sub->add_option("--from", report->from, "the first day")->required()->type_name("DATE");
  sub->add_option("--to", report->to, "the last day")->required()->type_name("DATE");
  sub->add_option("--period", report->period, "day (default), week or month");
  sub->add_option("--by", report->by, "department or staff (default: the period only)");
  OnRun(sub, [report] { return Report(*report); });

  auto explain = std::make_shared<FollowUpOptions>();
  sub = followup->add_subcommand("explain", "why a patient is due on a day, in words");
  AddArchiveOptions(sub, &explain->archive, Access::kRead);
  sub->add_option("--task", explain->task, "the task")->required()->type_name("ID");
  OnRun(sub, [explain] { return Explain(*explain); });

  auto schedule = std::make_shared<FollowUpOptions>();
  sub = followup->add_subcommand("schedule",
                                 "assign the coming days' calls to days, staff and shifts");
  AddArchiveOptions(sub, &schedule->archive, Access::kWrite);
  sub->add_option("--from", schedule->from, "the first day (default: today)")->type_name("DATE");
  sub->add_option("--days", schedule->days, "how many days (1..62; default 14)")->type_name("N");
  OnRun(sub, [schedule] { return Schedule(*schedule); });

  auto unreachable = std::make_shared<FollowUpOptions>();
  sub = followup->add_subcommand(
      "unreachable", "patients lost to follow-up: contacts missed in a row paused their plan");
  AddArchiveOptions(sub, &unreachable->archive, Access::kRead);
  sub->footer(
      "Recall them another way (a letter, a visit, the family's phone); a corrected phone\n"
      "(UpdatePatient) or a contact that reaches them resumes the plan.");
  OnRun(sub, [unreachable] { return Unreachable(*unreachable); });

  auto questions = std::make_shared<FollowUpOptions>();
  sub = followup->add_subcommand("questions", "expert questions awaiting an answer, overdue first");
  AddArchiveOptions(sub, &questions->archive, Access::kRead);
  OnRun(sub, [questions] { return Questions(*questions); });

  auto answer = std::make_shared<FollowUpOptions>();
  sub = followup->add_subcommand("answer", "record the expert's answer to a patient's question");
  AddArchiveOptions(sub, &answer->archive, Access::kWrite);
  sub->add_option("--question", answer->question, "the question's id (kefu followup questions)")
      ->required()
      ->type_name("ID");
  sub->add_option("--answer", answer->answer, "the answer, as given to the patient")
      ->required()
      ->type_name("TEXT");
  OnRun(sub, [answer] { return Answer(*answer); });
}

}  // namespace kefu::cli
