// A patient who must not be called is on no list, by any path: every way the archive learns of a
// death, an opt-out, a never-call department, a cure or a refusal is a row of one table, and each
// row is held to the same checks — no plan of the patient left open or paused, no worklist of the
// next ten weeks naming them (while a patient discharged beside them is listed), no task of
// theirs in the schedule, and a later discharge followed again only where the row says so.
// Through the C ABI, on a simulated clock (today is 2026-11-23).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>

#include "followup/abi_fixture.hpp"
#include "kefu/v1/encounter.pb.h"
#include "kefu/v1/timeline.pb.h"

namespace kefu_test {
namespace {

using kefu::v1::CloseReason;

class MustNotBeCalled;

struct PathRow {
  const char* name;
  // What the hospital does, after P1 (男科) and CTRL (心内科) were discharged on 2026-11-20.
  std::function<void(MustNotBeCalled&)> apply;
  CloseReason close_reason;  // of P1's plan for that discharge
  bool later_stay_followed;  // a discharge after it opens a plan again
};

void PrintTo(const PathRow& row, std::ostream* os) { *os << row.name; }

class MustNotBeCalled : public AbiArchive, public testing::WithParamInterface<PathRow> {
 public:
  using AbiArchive::Attempt;
  using AbiArchive::Create;
  using AbiArchive::Date;
  using AbiArchive::Discharge;
  using AbiArchive::Ok;
  using AbiArchive::Plans;
  using AbiArchive::Update;
  std::int64_t FirstTask() { return Plans("P1").tasks(0).id(); }
};

// The calendar days from `first` on, as YYYY-MM-DD.
std::vector<std::string> Days(int year, int month, int day, int count) {
  std::vector<std::string> days;
  static const int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int i = 0; i < count; ++i) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    days.push_back(text);
    if (++day > kLengths[month - 1]) {  // (no leap day before 2028)
      day = 1;
      if (++month > 12) month = 1, ++year;
    }
  }
  return days;
}

class Path : public MustNotBeCalled {};

TEST_P(Path, LeavesThePatientOnNoListByAnyRoute) {
  const PathRow& row = GetParam();
  const std::int64_t p1 = Create("P1").id();
  Create("CTRL");
  Discharge("P1", "2026-11-20", "", "", "男科");
  Discharge("CTRL", "2026-11-20");
  std::vector<std::string> listed = Mrns(Worklist());
  std::sort(listed.begin(), listed.end());
  ASSERT_EQ(listed, (std::vector<std::string>{"CTRL", "P1"}));
  const std::int64_t first_plan = Plans("P1").plans(0).id();

  row.apply(*this);

  const kefu::v1::ListPlansResponse plans = Plans("P1");
  for (const auto& plan : plans.plans()) {
    EXPECT_NE(plan.state(), kefu::v1::PLAN_STATE_OPEN) << "plan " << plan.id();
    EXPECT_NE(plan.state(), kefu::v1::PLAN_STATE_PAUSED) << "plan " << plan.id();
    if (plan.id() == first_plan) EXPECT_EQ(plan.close_reason(), row.close_reason);
  }
  for (const auto& task : plans.tasks()) {
    EXPECT_NE(task.state(), kefu::v1::TASK_STATE_PENDING) << "task " << task.id();
  }
  int days_ctrl_listed = 0;
  for (const std::string& day : Days(2026, 11, 23, 70)) {
    const std::vector<std::string> mrns = Mrns(Worklist(day));
    EXPECT_EQ(std::count(mrns.begin(), mrns.end(), "P1"), 0) << "on the worklist of " << day;
    days_ctrl_listed += static_cast<int>(std::count(mrns.begin(), mrns.end(), "CTRL"));
  }
  EXPECT_GT(days_ctrl_listed, 0) << "the worklists name nobody: the check above proves nothing";
  const auto schedule = Ok<kefu::v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", "{}");
  for (const auto& task : schedule.assigned()) EXPECT_NE(task.patient_id(), p1);

  Discharge("P1", "2026-11-23", "", "P1-LATER", "男科");  // discharged today
  EXPECT_EQ(Plans("P1").plans(0).state(),
            row.later_stay_followed ? kefu::v1::PLAN_STATE_OPEN : kefu::v1::PLAN_STATE_SKIPPED);
}

const std::string kDied = R"("deathDate": {"year": 2026, "month": 11, "day": 22})";

INSTANTIATE_TEST_SUITE_P(
    EveryWay, Path,
    testing::Values(
        PathRow{"DeathByUpdatePatient",
                [](MustNotBeCalled& f) {
                  f.Update("P1", R"("status": "PATIENT_STATUS_DECEASED", )" + kDied,
                           R"("status", "death_date")");
                },
                kefu::v1::CLOSE_REASON_DECEASED, false},
        PathRow{"DeathByADischargesDisposition",
                [](MustNotBeCalled& f) { f.Discharge("P1", "2026-11-22", "死亡", "P1-DIED"); },
                kefu::v1::CLOSE_REASON_DECEASED, false},
        PathRow{"DeathByAnImportedStay",
                [](MustNotBeCalled& f) {
                  f.Ok<kefu::v1::ImportResponse>(
                      "kefu.v1.PatientService/Import",
                      R"({"encounters": [{"patientMrn": "P1", "hisVisitId": "ZY-9",
                          "department": "ICU", "admissionDate": )" +
                          f.Date("2026-11-21") + R"(, "dischargeDate": )" + f.Date("2026-11-22") +
                          R"(, "disposition": "died"}]})");
                },
                kefu::v1::CLOSE_REASON_DECEASED, false},
        PathRow{"DeathByAMergedRecord",
                [](MustNotBeCalled& f) {
                  f.Create("GONE", R"("status": "PATIENT_STATUS_DECEASED", )" + kDied);
                  f.Ok<kefu::v1::MergePatientsResponse>(
                      "kefu.v1.PatientService/MergePatients",
                      R"({"survivorMrn": "P1", "mergedMrn": "GONE"})");
                },
                kefu::v1::CLOSE_REASON_DECEASED, false},
        PathRow{"DeathLearntInACall",
                [](MustNotBeCalled& f) { f.Attempt(f.FirstTask(), "DIED", kDied); },
                kefu::v1::CLOSE_REASON_DECEASED, false},
        PathRow{"OptOutByTheFlag",
                [](MustNotBeCalled& f) {
                  f.Update("P1", R"("followUpOptOut": true)", R"("follow_up_opt_out")");
                },
                kefu::v1::CLOSE_REASON_OPTED_OUT, false},
        PathRow{"OptOutByTheStatus",
                [](MustNotBeCalled& f) {
                  f.Update("P1", R"("status": "PATIENT_STATUS_OPTED_OUT")", R"("status")");
                },
                kefu::v1::CLOSE_REASON_OPTED_OUT, false},
        PathRow{"OptOutSaidInACall",
                [](MustNotBeCalled& f) { f.Attempt(f.FirstTask(), "OPTED_OUT"); },
                kefu::v1::CLOSE_REASON_OPTED_OUT, false},
        PathRow{"DepartmentPutOnTheNeverCallList",
                [](MustNotBeCalled& f) {
                  f.Ok<kefu::v1::NeverCallList>("kefu.v1.FollowUpConfigService/SetNeverCall",
                                                R"({"neverCall": {"departments": ["男科"]}})");
                },
                kefu::v1::CLOSE_REASON_NEVER_CALL, false},
        PathRow{"CureRecordedByUpdatePatient",
                [](MustNotBeCalled& f) {
                  f.Update("P1", R"("status": "PATIENT_STATUS_CURED")", R"("status")");
                },
                kefu::v1::CLOSE_REASON_CURED, true},
        PathRow{"CureLearntInACall", [](MustNotBeCalled& f) { f.Attempt(f.FirstTask(), "CURED"); },
                kefu::v1::CLOSE_REASON_CURED, true},
        PathRow{"FollowUpRefusedInACall",
                [](MustNotBeCalled& f) { f.Attempt(f.FirstTask(), "REFUSED"); },
                kefu::v1::CLOSE_REASON_REFUSED, true}),
    [](const testing::TestParamInfo<PathRow>& row) { return std::string(row.param.name); });

}  // namespace
}  // namespace kefu_test
