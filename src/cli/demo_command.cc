// `kefu demo`: a follow-up team's day on a sample archive — a few hundred patients discharged
// over the past months are imported, today's worklist printed, some calls recorded (a death, a
// wrong number, a question for an expert, reached patients) and the team's report printed. The
// sample is generated from a fixed seed, so every run tells the same story about its own today.
#include <cstdio>
#include <filesystem>
#include <ctime>
#include <functional>
#include <random>

#include "base/days.hpp"
#include "cli/command.hpp"
#include "kefu/date.hpp"
#include "messages/convert.hpp"

namespace kefu::cli {
namespace {

struct Department {
  const char* name;
  const char* icd10;
  const char* diagnosis;
  const char* medication;
};

constexpr Department kDepartments[] = {
    {"心内科", "I10", "原发性高血压", "氨氯地平"},
    {"心内科", "I21.9", "急性心肌梗死", "阿司匹林"},
    {"内分泌科", "E11.9", "2型糖尿病", "二甲双胍"},
    {"肾内科", "N18.3", "慢性肾脏病3期", "碳酸氢钠"},
    {"神经内科", "I63.9", "脑梗死", "阿托伐他汀"},
    {"普外科", "K35.8", "急性阑尾炎术后", "头孢呋辛"},
    {"妇科", "N70.1", "慢性输卵管炎", "甲硝唑"},
    {"儿科", "J18.9", "肺炎", "阿莫西林"},
    {"男科", "N48.4", "勃起功能障碍", "他达拉非"}};  // never called: privacy (002)

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨",
                                     "赵", "黄", "周", "吴", "徐", "孙"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强",
                                  "磊", "军", "洋", "勇", "艳", "杰", "娟"};

Status Configure(Connection& c) {
  std::string out;
  KEFU_RETURN_IF_ERROR(c.CallJson(
      "kefu.v1.FollowUpConfigService/SetPlanRules",
      R"({"rules": [{"policy": "out-of-town", "locality": "LOCALITY_OUT_OF_TOWN"}]})", &out));
  KEFU_RETURN_IF_ERROR(
      c.CallJson("kefu.v1.FollowUpConfigService/SetNeverCall",
                 R"({"neverCall": {"departments": ["男科"], "diagnosisPrefixes": ["A5"]}})", &out));
  KEFU_RETURN_IF_ERROR(c.CallJson(
      "kefu.v1.FollowUpConfigService/UpdateSettings",
      R"({"settings": {"maxAttemptsPerWindow": 3, "fallbackChannel": "CHANNEL_SMS"}})", &out));
  // The follow-up team: two nurses on the night shift (calls at 20:00 reach the most patients).
  KEFU_RETURN_IF_ERROR(c.CallJson(
      "kefu.v1.FollowUpConfigService/PutStaff",
      R"({"staff": {"id": "nurse-wang", "name": "王护士", "shifts": ["night"], "capacityPerShift": 12, "active": true}})",
      &out));
  return c.CallJson(
      "kefu.v1.FollowUpConfigService/PutStaff",
      R"({"staff": {"id": "nurse-li", "name": "李护士", "shifts": ["night"], "capacityPerShift": 12, "active": true}})",
      &out);
}

v1::ImportRequest Sample(int patients, Day today) {
  std::mt19937 rng(20261123);
  v1::ImportRequest request;
  for (int i = 0; i < patients; ++i) {
    const std::string mrn = "D" + std::to_string(100000 + i);
    v1::Patient* p = request.add_patients();
    p->set_mrn(mrn);
    p->set_name(std::string(kSurnames[rng() % 12]) + kGiven[rng() % 14] +
                (rng() % 2 ? kGiven[rng() % 14] : ""));
    p->set_sex(rng() % 2 ? v1::SEX_MALE : v1::SEX_FEMALE);
    *p->mutable_birth_date() =
        messages::DateOf(today - static_cast<Day>(365 * (25 + rng() % 55) + rng() % 365));
    p->add_phones()->set_number("13" +
                                std::to_string(800000000 + static_cast<int>(rng() % 99999999)));
    p->set_region_code(rng() % 4 ? "131002" : "110105");
    p->set_locality(rng() % 5 ? v1::LOCALITY_LOCAL : v1::LOCALITY_OUT_OF_TOWN);
    p->set_media_channel(rng() % 2 ? "internet" : "magazine");
    if (rng() % 40 == 0) p->set_follow_up_opt_out(true);
    const Department& d = kDepartments[rng() % 9];
    const Day discharged = today - static_cast<Day>(rng() % 180);
    v1::Encounter* e = request.add_encounters();
    e->set_patient_mrn(mrn);
    e->set_his_visit_id("ZY" + std::to_string(2026000 + i));
    e->set_kind(v1::ENCOUNTER_KIND_INPATIENT);
    e->set_department(d.name);
    e->set_attending_doctor(std::string(kSurnames[rng() % 12]) + "医生");
    *e->mutable_admission_date() = messages::DateOf(discharged - static_cast<Day>(3 + rng() % 12));
    *e->mutable_discharge_date() = messages::DateOf(discharged);
    auto* diagnosis = e->add_diagnoses();
    diagnosis->set_icd10(d.icd10);
    diagnosis->set_text(d.diagnosis);
    diagnosis->set_primary(true);
    auto* medication = e->add_medications();
    medication->set_name(d.medication);
    medication->set_days_supplied(30);
    e->set_spend_cents(static_cast<std::int64_t>(300000 + rng() % 3000000));
    e->set_disposition("home");
  }
  return request;
}

Status Record(Connection& c, std::int64_t task, v1::CallOutcome outcome, const std::string& notes,
              const std::function<void(v1::RecordAttemptRequest*)>& more = nullptr) {
  v1::RecordAttemptRequest request;
  request.set_task_id(task);
  request.set_outcome(outcome);
  request.set_notes(notes);
  request.set_staff("nurse-li");
  if (more) more(&request);
  v1::RecordAttemptResponse response;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.FollowUpService/RecordAttempt", request, &response));
  std::printf("  task %lld: %-16s -> %s%s\n", static_cast<long long>(task),
              v1::CallOutcome_Name(outcome).substr(13).c_str(),
              v1::TaskState_Name(response.task().state()).substr(11).c_str(),
              response.plan().state() == v1::PLAN_STATE_OPEN
                  ? ""
                  : ("; plan closed: " + response.plan().reason()).c_str());
  return Status::Ok();
}

// The actor the demo writes as: an archive whose audit trail begins with it is a demo archive.
constexpr const char* kDemoActor = "kefu-demo";

// Whether the archive at `path` is one `kefu demo` made (its first audit entry is the demo's).
Status CheckIsDemo(const std::string& path) {
  Connection c;
  KEFU_RETURN_IF_ERROR(c.Open(path, "cli", true));
  v1::ListAuditRequest request;
  request.set_page_size(1);
  v1::ListAuditResponse first;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.AuditService/ListAudit", request, &first));
  if (first.entries_size() == 1 && first.entries(0).actor() == kDemoActor) return Status::Ok();
  return Status(Code::kFailedPrecondition, "--db is " + Quote(path) +
                                               ": an archive that kefu demo did not make; the demo "
                                               "never replaces it (choose another --db)");
}

// The demo starts from a new archive: an existing file is replaced only with --force, and only if
// it is a demo archive.
Status MakeRoom(const std::string& path, bool force) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return Status::Ok();
  if (!force) {
    return Status(Code::kAlreadyExists, "--db is " + Quote(path) +
                                            ": a file is already there; give --force to replace "
                                            "an earlier demo archive");
  }
  KEFU_RETURN_IF_ERROR(CheckIsDemo(path));
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, error);
  return Status::Ok();
}

struct DemoOptions {
  std::string db = "demo.db", patients = "300";
  bool force = false;
};

// Steps 2-4: the HIS's discharges, the schedule, today's worklist.
Status ImportScheduleAndList(Connection& c, int patients, Day today, v1::WorklistResponse* list) {
  std::printf("\n== 2. the HIS sends %d patients discharged over the past six months\n", patients);
  v1::ImportResponse imported;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.PatientService/Import", Sample(patients, today), &imported));
  std::printf(
      "  imported %d patients, %d discharges: each opened a follow-up plan (or recorded why not)\n",
      imported.patients_created(), imported.discharges());

  std::printf("\n== 3. the next two weeks' calls spread over the night shift's two nurses\n");
  v1::ScheduleRequest schedule;
  schedule.set_days(14);
  v1::ScheduleResponse scheduled;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.FollowUpService/Schedule", schedule, &scheduled));
  std::printf("  %d tasks scheduled, %d cannot be served in their window\n",
              scheduled.assigned_size(), scheduled.unservable_size());

  std::printf("\n== 4. today's worklist (%s)\n", FormatDay(today).c_str());
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.FollowUpService/Worklist", v1::WorklistRequest(), list));
  PrintWorklist(*list, FormatDay(today), 12, 8 * 60);
  if (list->items_size() < 6) return Status::Internal("the sample gave too short a worklist");
  return Status::Ok();
}

// Step 5: a death, a wrong number, a question for an expert, no answer, patients reached.
Status TeamCalls(Connection& c, const v1::WorklistResponse& list, std::int64_t now_ms) {
  std::printf("\n== 5. the team calls\n");
  auto task = [&](int i) { return list.items(i).task().id(); };
  KEFU_RETURN_IF_ERROR(Record(c, task(0), v1::CALL_OUTCOME_DIED, "家属告知患者已去世，致以慰问",
                              [](auto* r) { (void)r; }));
  KEFU_RETURN_IF_ERROR(Record(c, task(1), v1::CALL_OUTCOME_WRONG_NUMBER, "接听者不认识患者"));
  KEFU_RETURN_IF_ERROR(Record(
      c, task(2), v1::CALL_OUTCOME_EXPERT_QUESTION, "询问能否停药，已告知明天答复", [&](auto* r) {
        r->mutable_expert_question()->set_doctor("刘主任");
        r->mutable_expert_question()->set_question("血压已正常，可以停用降压药吗？");
        r->mutable_expert_question()->set_promised_by_ms(now_ms + kDayMs);
      }));
  KEFU_RETURN_IF_ERROR(Record(c, task(3), v1::CALL_OUTCOME_NO_ANSWER, ""));
  for (int i = 4; i < list.items_size() && i < 10; ++i) {
    KEFU_RETURN_IF_ERROR(Record(c, task(i), v1::CALL_OUTCOME_REACHED, "恢复良好，按时服药"));
  }
  return Status::Ok();
}

// Steps 6-7: why a patient is due, and the team's report.
Status ExplainAndReport(Connection& c, std::int64_t task, Day today) {
  std::printf("\n== 6. why is the patient of task %lld due today?\n", static_cast<long long>(task));
  v1::ExplainRequest explain;
  explain.set_task_id(task);
  v1::ExplainResponse explained;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.FollowUpService/Explain", explain, &explained));
  std::printf("  %s\n", explained.text().c_str());

  std::printf("\n== 7. the team's report for the past 30 days, by department\n");
  v1::ReportRequest report_request;
  *report_request.mutable_from() = messages::DateOf(today - 29);
  *report_request.mutable_to() = messages::DateOf(today);
  report_request.set_period(v1::REPORT_PERIOD_MONTH);
  report_request.set_by(v1::REPORT_BY_DEPARTMENT);
  v1::ReportResponse report;
  KEFU_RETURN_IF_ERROR(c.Call("kefu.v1.FollowUpService/Report", report_request, &report));
  PrintReport(report);
  return Status::Ok();
}

int Demo(const DemoOptions& o) {
  const std::string& path = o.db;
  if (Status s = MakeRoom(path, o.force); !s.ok()) return Fail(s);
  std::int64_t count = 0;
  if (Status s = ParseNumberFlag(o.patients, "--patients", &count); !s.ok()) return Fail(s);
  if (count < 10 || count > 100000) {
    return Fail(
        Status::InvalidArgument("--patients is " + std::to_string(count) + ": must be 10..100000"));
  }
  Connection c;
  if (Status s = c.Open(path, kDemoActor, false); !s.ok()) return Fail(s);
  const std::int64_t now_ms = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
  const Day today = DayOfMs(now_ms, 480);  // the archive's zone: UTC+8

  std::printf(
      "== 1. the hospital's rules: out-of-town patients get one call within 3 days;\n"
      "      男科 and STD diagnoses are never called; missed calls fall back to SMS\n");
  v1::WorklistResponse list;
  Status s = Configure(c);
  if (s.ok()) s = ImportScheduleAndList(c, static_cast<int>(count), today, &list);
  if (s.ok()) s = TeamCalls(c, list, now_ms);
  if (s.ok()) s = ExplainAndReport(c, list.items(4).task().id(), today);
  if (!s.ok()) return Fail(s);
  std::printf("\nthe archive is %s: try `kefu worklist --db %s` or `kefu check --db %s`\n",
              path.c_str(), path.c_str(), path.c_str());
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* sub = app.add_subcommand("demo", "a follow-up team's day on a sample archive");
  sub->add_option("--db", o->db, "the demo archive to create (default demo.db)")
      ->type_name("NEW_ARCHIVE");
  sub->add_option("--patients", o->patients, "how many sample patients (default 300)")
      ->type_name("N");
  sub->add_flag("--force", o->force,
                "replace an earlier demo archive at --db (any other file is never touched)");
  OnRun(sub, [o] { return Demo(*o); });
}

}  // namespace kefu::cli
