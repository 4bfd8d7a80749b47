// Follow-up follows the patient, through the C ABI: nobody who died, opted out, was cured or was
// merged away is called, by any path; merges and late or cancelled discharges leave follow-up on
// the right record; patients lost to follow-up are listed; calls are recorded when they can
// happen. The archive runs on a simulated clock (OpenOptions.simulated_clock).
#include "followup/abi_fixture.hpp"

namespace kefu_test {
namespace {

using kefu::v1::ListPlansResponse;
using kefu::v1::Plan;
using kefu::v1::Task;

class FollowsPatient : public AbiArchive {};

// ---------------------------------------------------------------------------------------------
// Deaths, opt-outs and cures, by any path
// ---------------------------------------------------------------------------------------------

TEST_F(FollowsPatient, ADeathRecordedByUpdatePatientClosesEveryPlanAndNoListCallsThePatient) {
  Create("P1");
  Discharge("P1", "2026-11-20");
  ASSERT_EQ(Mrns(Worklist()), std::vector<std::string>{"P1"});
  Update("P1", R"("status": "PATIENT_STATUS_DECEASED", "deathDate": )" + Date("2026-11-22"),
         R"("status", "death_date")");
  const ListPlansResponse plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 1);
  EXPECT_EQ(plans.plans(0).state(), kefu::v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(plans.plans(0).close_reason(), kefu::v1::CLOSE_REASON_DECEASED);
  EXPECT_EQ(plans.plans(0).reason(),
            "the patient is recorded as deceased (UpdatePatient by nurse-0042)");
  EXPECT_EQ(plans.tasks(0).state(), kefu::v1::TASK_STATE_CANCELLED);
  EXPECT_TRUE(Worklist().items().empty());
  EXPECT_TRUE(
      Ok<kefu::v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", "{}").assigned().empty());
  // No later discharge opens a plan.
  Discharge("P1", "2026-11-22", "", "P1-later");
  const Plan later = Plans("P1").plans(0);
  EXPECT_EQ(later.state(), kefu::v1::PLAN_STATE_SKIPPED);
  EXPECT_EQ(later.close_reason(), kefu::v1::CLOSE_REASON_DECEASED);
}

class DeathDisposition : public FollowsPatient, public testing::WithParamInterface<const char*> {};

TEST_P(DeathDisposition, MarksThePatientDeceasedAndClosesTheirPlans) {
  Create("P1");
  Discharge("P1", "2026-10-28");
  Discharge("P1", "2026-11-20", GetParam(), "ZY-DIED");
  const kefu::v1::Patient patient = Patient("P1");
  EXPECT_EQ(patient.status(), kefu::v1::PATIENT_STATUS_DECEASED);
  EXPECT_EQ(Day(patient.death_date()), "2026-11-20");
  const ListPlansResponse plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 2);
  EXPECT_EQ(plans.plans(0).state(), kefu::v1::PLAN_STATE_SKIPPED);
  EXPECT_EQ(plans.plans(0).reason(), std::string("no follow-up: the patient died in hospital "
                                                 "(disposition \"") +
                                         GetParam() + "\")");
  EXPECT_EQ(plans.plans(1).state(), kefu::v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(plans.plans(1).close_reason(), kefu::v1::CLOSE_REASON_DECEASED);
  EXPECT_NE(plans.plans(1).reason().find("(HIS visit ZY-DIED) records a death"), std::string::npos)
      << plans.plans(1).reason();
  EXPECT_TRUE(Worklist().items().empty());
}

INSTANTIATE_TEST_SUITE_P(WhatHisSystemsSend, DeathDisposition,
                         testing::Values("died", "Expired", "DEATH", "deceased", " dead ", "死亡",
                                         "20", "院内死亡"));

TEST_F(FollowsPatient, TheHospitalAddsItsOwnDeathDispositions) {
  Ok<kefu::v1::FollowUpSettings>("kefu.v1.FollowUpConfigService/UpdateSettings",
                                 R"({"settings": {"deathDispositions": ["Exitus"]}})");
  Create("P1");
  Create("P2");
  Discharge("P1", "2026-11-20", "exitus");
  Discharge("P2", "2026-11-20", "home");
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_DECEASED);
  EXPECT_EQ(Patient("P2").status(), kefu::v1::PATIENT_STATUS_ACTIVE);
  EXPECT_EQ(Mrns(Worklist()), std::vector<std::string>{"P2"});
}

TEST_F(FollowsPatient, AnImportedDeathClosesThePlans) {
  Create("P1");
  Discharge("P1", "2026-11-10");
  Ok<kefu::v1::ImportResponse>("kefu.v1.PatientService/Import",
                               R"({"encounters": [
      {"patientMrn": "P1", "hisVisitId": "ZY-9", "department": "ICU",
       "admissionDate": )" + Date("2026-11-15") +
                                   R"(, "dischargeDate": )" + Date("2026-11-19") +
                                   R"(, "disposition": "死亡"}]})");
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_DECEASED);
  const ListPlansResponse plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 2);
  for (const Plan& plan : plans.plans()) EXPECT_NE(plan.state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_TRUE(Worklist().items().empty());
}

TEST_F(FollowsPatient, AnOptOutByEitherFieldClosesPlansAndOptingBackInWaitsForTheNextStay) {
  Create("FLAG");
  Create("STATUS");
  Discharge("FLAG", "2026-11-20");
  Discharge("STATUS", "2026-11-20");
  Update("FLAG", R"("followUpOptOut": true)", R"("follow_up_opt_out")");
  Update("STATUS", R"("status": "PATIENT_STATUS_OPTED_OUT")", R"("status")");
  for (const char* mrn : {"FLAG", "STATUS"}) {
    EXPECT_EQ(Plans(mrn).plans(0).close_reason(), kefu::v1::CLOSE_REASON_OPTED_OUT) << mrn;
  }
  EXPECT_TRUE(Worklist().items().empty());
  Discharge("FLAG", "2026-11-21", "", "FLAG-2");
  EXPECT_EQ(Plans("FLAG").plans(0).state(), kefu::v1::PLAN_STATE_SKIPPED);

  // Opting back in does not reopen what closed; the next discharge is followed again.
  Update("FLAG", R"("followUpOptOut": false)", R"("follow_up_opt_out")");
  EXPECT_TRUE(Worklist().items().empty());
  Discharge("FLAG", "2026-11-22", "", "FLAG-3");
  EXPECT_EQ(Plans("FLAG").plans(0).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Mrns(Worklist()), std::vector<std::string>{"FLAG"});
}

TEST_F(FollowsPatient, ACureClosesThePlanAndANewStayIsFollowedAgain) {
  Create("P1");
  Discharge("P1", "2026-11-20");
  Update("P1", R"("status": "PATIENT_STATUS_CURED")", R"("status")");
  EXPECT_EQ(Plans("P1").plans(0).close_reason(), kefu::v1::CLOSE_REASON_CURED);
  EXPECT_TRUE(Worklist().items().empty());
  Discharge("P1", "2026-11-22", "", "P1-again");  // readmitted: ill again
  EXPECT_EQ(Plans("P1").plans(0).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_ACTIVE);
}

TEST_F(FollowsPatient, TheNeverCallListClosesPlansOpenedBeforeTheDepartmentJoinedIt) {
  Create("P1");
  Discharge("P1", "2026-11-20", "", "", "男科");
  ASSERT_EQ(Worklist().items_size(), 1);
  Ok<kefu::v1::NeverCallList>("kefu.v1.FollowUpConfigService/SetNeverCall",
                              R"({"neverCall": {"departments": ["男科"]}})");
  EXPECT_EQ(Plans("P1").plans(0).close_reason(), kefu::v1::CLOSE_REASON_NEVER_CALL);
  EXPECT_TRUE(Worklist().items().empty());
}

// ---------------------------------------------------------------------------------------------
// Merges
// ---------------------------------------------------------------------------------------------

TEST_F(FollowsPatient, AMergeMovesPlansToTheSurvivorAndThePlanOfTheLaterDischargeWins) {
  Create("KEEP");
  Create("GONE");
  Discharge("KEEP", "2026-11-01");
  Discharge("GONE", "2026-11-20");
  const auto merged = Ok<kefu::v1::MergePatientsResponse>(
      "kefu.v1.PatientService/MergePatients", R"({"survivorMrn": "KEEP", "mergedMrn": "GONE"})");
  const std::int64_t survivor = merged.survivor().id();
  const ListPlansResponse plans = Plans("KEEP");
  ASSERT_EQ(plans.plans_size(), 2);
  EXPECT_EQ(plans.plans(0).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Day(plans.plans(0).anchor()), "2026-11-20");
  EXPECT_EQ(plans.plans(0).patient_mrn(), "KEEP");
  EXPECT_EQ(plans.plans(1).close_reason(), kefu::v1::CLOSE_REASON_SUPERSEDED);
  EXPECT_NE(plans.plans(1).reason().find("was merged into patient id " + std::to_string(survivor)),
            std::string::npos)
      << plans.plans(1).reason();
  for (const Task& task : plans.tasks()) EXPECT_EQ(task.patient_id(), survivor);
  EXPECT_TRUE(Plans("GONE").plans().empty());
  // Only the survivor is on the worklist, and a call lands on its timeline.
  const auto worklist = Worklist();
  ASSERT_EQ(Mrns(worklist), std::vector<std::string>{"KEEP"});
  const auto call = Attempt(worklist.items(0).task().id(), "REACHED");
  EXPECT_EQ(call.contact().patient_mrn(), "KEEP");
  // Anything recorded against the merged-away record is refused, naming the survivor.
  const std::string refused =
      Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.TimelineService/RecordContact",
            R"({"contact": {"patientMrn": "GONE", "channel": "CHANNEL_PHONE"}})");
  EXPECT_NE(refused.find("merged into patient id " + std::to_string(survivor)), std::string::npos)
      << refused;
}

TEST_F(FollowsPatient, AMergeThatBringsADeathAlongClosesTheSurvivorsPlans) {
  Create("KEEP");
  Create("GONE", R"("status": "PATIENT_STATUS_DECEASED", "deathDate": )" + Date("2026-11-02"));
  Discharge("KEEP", "2026-11-20");
  Ok<kefu::v1::MergePatientsResponse>("kefu.v1.PatientService/MergePatients",
                                      R"({"survivorMrn": "KEEP", "mergedMrn": "GONE"})");
  const kefu::v1::Patient keep = Patient("KEEP");
  EXPECT_EQ(keep.status(), kefu::v1::PATIENT_STATUS_DECEASED);
  EXPECT_EQ(Day(keep.death_date()), "2026-11-02");
  const Plan plan = Plans("KEEP").plans(0);
  EXPECT_EQ(plan.close_reason(), kefu::v1::CLOSE_REASON_DECEASED);
  EXPECT_NE(plan.reason().find("MergePatients by nurse-0042"), std::string::npos) << plan.reason();
  EXPECT_TRUE(Worklist().items().empty());
}

// ---------------------------------------------------------------------------------------------
// Discharges out of order, and cancelled
// ---------------------------------------------------------------------------------------------

TEST_F(FollowsPatient, AnOlderDischargeDeliveredLateDoesNotSupersedeTheNewerPlan) {
  Create("P1");
  Discharge("P1", "2026-11-20", "", "ZY-NOV");
  Discharge("P1", "2026-10-28", "", "ZY-OCT");
  ListPlansResponse plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 2);
  EXPECT_EQ(plans.plans(1).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Day(plans.plans(1).anchor()), "2026-11-20");
  EXPECT_EQ(plans.plans(0).state(), kefu::v1::PLAN_STATE_SKIPPED);
  EXPECT_EQ(plans.plans(0).close_reason(), kefu::v1::CLOSE_REASON_SUPERSEDED);
  EXPECT_NE(plans.plans(0).reason().find("is older than the one followed now"), std::string::npos)
      << plans.plans(0).reason();
  // Cancelling the October stay leaves November's plan alone.
  Ok<kefu::v1::Encounter>("kefu.v1.EncounterService/CancelEncounter",
                          R"({"hisVisitId": "ZY-OCT", "reason": "duplicate"})");
  plans = Plans("P1");
  EXPECT_EQ(plans.plans(1).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Mrns(Worklist()), std::vector<std::string>{"P1"});
}

TEST_F(FollowsPatient, CancellingTheNewestDischargeReopensThePlanBeforeItWhereItsCadenceRuns) {
  Create("P1");
  Discharge("P1", "2026-11-20", "", "ZY-NOV");
  Discharge("P1", "2026-10-28", "", "ZY-OCT");  // late: skipped
  Ok<kefu::v1::Encounter>("kefu.v1.EncounterService/CancelEncounter",
                          R"({"hisVisitId": "ZY-NOV", "reason": "wrong patient"})");
  const ListPlansResponse plans = Plans("P1");
  const Plan& october = plans.plans(0);
  EXPECT_EQ(Day(october.anchor()), "2026-10-28");
  EXPECT_EQ(october.state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(october.reason(), "reopened: encounter 1, the newer discharge, was cancelled");
  // October 28 + the standard cadence: #3 is due D+42 = 2026-12-09, the first window still ahead.
  ASSERT_FALSE(plans.tasks().empty());
  EXPECT_EQ(plans.tasks(0).plan_id(), october.id());
  EXPECT_EQ(plans.tasks(0).seq(), 3);
  EXPECT_EQ(Day(plans.tasks(0).due()), "2026-12-09");
}

// ---------------------------------------------------------------------------------------------
// Lost to follow-up
// ---------------------------------------------------------------------------------------------

class LostToFollowUp : public FollowsPatient {
 protected:
  // One call per window, two missed contacts make a patient unreachable.
  void SetUp() override {
    FollowsPatient::SetUp();
    Ok<kefu::v1::FollowUpSettings>(
        "kefu.v1.FollowUpConfigService/UpdateSettings",
        R"({"settings": {"maxAttemptsPerWindow": 1, "unreachableAfterMissed": 2}})");
    Create("P1");
    Discharge("P1", "2026-11-20");
    const auto first = Attempt(Plans("P1").tasks(0).id(), "NO_ANSWER");  // #1 missed
    ASSERT_EQ(first.task().state(), kefu::v1::TASK_STATE_MISSED);
    ASSERT_EQ(first.next_task().seq(), 2);
    SetClock("2026-12-07");
    const auto second = Attempt(first.next_task().id(), "NO_ANSWER");  // #2 missed
    ASSERT_EQ(second.task().state(), kefu::v1::TASK_STATE_MISSED);
    EXPECT_FALSE(second.has_next_task());
    plan_ = second.plan();
  }
  Plan plan_;
};

TEST_F(LostToFollowUp, MissedContactsInARowMakeThePatientUnreachableAndPauseThePlan) {
  EXPECT_EQ(plan_.state(), kefu::v1::PLAN_STATE_PAUSED);
  EXPECT_EQ(plan_.reason().rfind("paused: 2 contacts missed in a row", 0), 0u) << plan_.reason();
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_UNREACHABLE);
  EXPECT_TRUE(Worklist("2026-12-27").items().empty());
  const auto lost =
      Ok<kefu::v1::ListUnreachableResponse>("kefu.v1.FollowUpService/ListUnreachable", "{}");
  ASSERT_EQ(lost.patients_size(), 1);
  EXPECT_EQ(lost.patients(0).patient().mrn(), "P1");
  EXPECT_EQ(lost.patients(0).missed_in_a_row(), 2);
  EXPECT_EQ(lost.patients(0).last_task().seq(), 2);
  EXPECT_EQ(lost.patients(0).plan().id(), plan_.id());
}

TEST_F(LostToFollowUp, ACorrectedPhoneResumesThePlanAtItsNextContact) {
  Update("P1", R"("phones": [{"number": "13911112222", "owner": "PHONE_OWNER_CHILD"}])",
         R"("phones")");
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_ACTIVE);
  const ListPlansResponse plans = Plans("P1");
  EXPECT_EQ(plans.plans(0).state(), kefu::v1::PLAN_STATE_OPEN);
  EXPECT_EQ(plans.plans(0).reason().rfind("resumed: the patient's phones were corrected", 0), 0u)
      << plans.plans(0).reason();
  EXPECT_EQ(plans.tasks(0).seq(), 3);  // D+36..D+42: 2026-12-26..2027-01-01
  EXPECT_EQ(Mrns(Worklist("2026-12-28")), std::vector<std::string>{"P1"});
  EXPECT_TRUE(Ok<kefu::v1::ListUnreachableResponse>("kefu.v1.FollowUpService/ListUnreachable", "{}")
                  .patients()
                  .empty());
}

TEST_F(LostToFollowUp, AContactThatReachesThePatientResumesThePlan) {
  Ok<kefu::v1::ContactEvent>("kefu.v1.TimelineService/RecordContact",
                             R"({"contact": {"patientMrn": "P1", "direction": "DIRECTION_INBOUND",
                                 "channel": "CHANNEL_PHONE", "notes": "the daughter called"}})");
  EXPECT_EQ(Patient("P1").status(), kefu::v1::PATIENT_STATUS_ACTIVE);
  EXPECT_EQ(Plans("P1").plans(0).state(), kefu::v1::PLAN_STATE_OPEN);
}

// ---------------------------------------------------------------------------------------------
// Calls are recorded when they can happen
// ---------------------------------------------------------------------------------------------

TEST_F(FollowsPatient, AnAttemptBeforeTheWindowOpensIsRefusedUnlessItSaysWhy) {
  Create("P1");
  Discharge("P1", "2026-11-23");  // #1 opens tomorrow
  const std::int64_t task = Plans("P1").tasks(0).id();
  const std::string refused =
      Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.FollowUpService/RecordAttempt",
            AttemptJson(task, "REACHED"));
  EXPECT_EQ(refused, "task id " + std::to_string(task) +
                         ": contact #1's window opens on 2026-11-24 (due 2026-11-30); a call on "
                         "2026-11-23 is early: if it is made early on purpose, say why in "
                         "early_contact_reason");
  EXPECT_EQ(Plans("P1").tasks(0).attempts(), 0);
  const auto done =
      Attempt(task, "REACHED", R"("earlyContactReason": "the patient called in with a question")");
  EXPECT_EQ(done.task().state(), kefu::v1::TASK_STATE_DONE);
  EXPECT_EQ(done.task().early_contact_reason(), "the patient called in with a question");
  const auto explained = Ok<kefu::v1::ExplainResponse>(
      "kefu.v1.FollowUpService/Explain", R"({"taskId": ")" + std::to_string(task) + "\"}");
  EXPECT_NE(explained.text().find("called before its window opened: the patient called in"),
            std::string::npos)
      << explained.text();
}

TEST_F(FollowsPatient, AttemptsOnOneDayCountOnceTowardsTheWindowsAttempts) {
  Create("P1");
  Discharge("P1", "2026-11-20");
  std::int64_t task = Plans("P1").tasks(0).id();
  for (int hour : {9, 10, 11}) {
    SetClock("2026-11-23", hour);
    const auto call = Attempt(task, "NO_ANSWER");
    EXPECT_EQ(call.task().state(), kefu::v1::TASK_STATE_PENDING) << hour;
    EXPECT_EQ(call.task().calling_days_tried(), 1);
    EXPECT_EQ(Day(call.task().next_attempt()), "2026-11-24");
  }
  SetClock("2026-11-24");
  EXPECT_EQ(Attempt(task, "BUSY").task().calling_days_tried(), 2);
  SetClock("2026-11-25");
  const auto third = Attempt(task, "NO_ANSWER");
  EXPECT_EQ(third.task().state(), kefu::v1::TASK_STATE_MISSED);
  EXPECT_EQ(third.task().attempts(), 5);
}

TEST_F(FollowsPatient, CallTimesOutsideTheCalendarOrInTheFutureAreRefused) {
  Create("P1");
  Discharge("P1", "2026-11-20");
  const std::int64_t task = Plans("P1").tasks(0).id();
  EXPECT_EQ(Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.FollowUpService/RecordAttempt",
                  AttemptJson(task, "NO_ANSWER", R"("atMs": "9223372036854775807")")),
            "at_ms is 9223372036854775807: must be within 1900-01-01..2200-12-31 in Unix "
            "milliseconds (-2208988800000..7289654399999), or 0 for unset");
  EXPECT_EQ(Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.FollowUpService/RecordAttempt",
                  AttemptJson(task, "REACHED", R"("atMs": "99999999999999")"))
                .rfind("at_ms is 99999999999999: must be within 1900-01-01..2200-12-31", 0),
            0u);
  const std::string tomorrow = std::to_string(kMonday + kDayMs);
  EXPECT_EQ(Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.FollowUpService/RecordAttempt",
                  AttemptJson(task, "REACHED", R"("atMs": ")" + tomorrow + "\"")),
            "at_ms is " + tomorrow + ": in the future (the archive's clock says " +
                std::to_string(kMonday) + "); record calls that were made");
  EXPECT_EQ(Plans("P1").tasks(0).attempts(), 0);
}

// ---------------------------------------------------------------------------------------------
// The clock a caller sets
// ---------------------------------------------------------------------------------------------

TEST_F(FollowsPatient, ASimulatedClockIsReportedAndRecordedInEveryAuditEntry) {
  const auto info = Ok<kefu::v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}");
  EXPECT_TRUE(info.simulated_clock());
  EXPECT_EQ(info.now_ms(), kMonday);
  Create("P1");
  const auto audit = Ok<kefu::v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", "{}");
  ASSERT_EQ(audit.entries_size(), 1);
  EXPECT_EQ(audit.entries(0).at_ms(), kMonday);
  EXPECT_TRUE(audit.entries(0).simulated_clock());
  EXPECT_GT(audit.entries(0).wall_ms(), kMonday);  // this test runs after 2026-11-23
  EXPECT_TRUE(Ok<kefu::v1::VerifyAuditResponse>("kefu.v1.AuditService/VerifyAudit", "{}").ok());
  // A replayed discharge of last year is followed as if it had just happened.
  SetClock("2025-11-24");
  Discharge("P1", "2025-11-20");
  EXPECT_EQ(Plans("P1").tasks(0).seq(), 1);
  EXPECT_EQ(Fails(KEFU_ERR_INVALID_ARGUMENT, "kefu.v1.MaintenanceService/SetSimulatedClock",
                  R"({"nowMs": "9223372036854775807"})")
                .rfind("now_ms is 9223372036854775807: must be within 1900-01-01..2200-12-31", 0),
            0u);
}

TEST(SimulatedClock, IsNeverTheDefaultAndCannotBeSetOnTheWallClock) {
  kefu_db* db = nullptr;
  kefu_session* s = nullptr;
  ASSERT_EQ(kefu_open(":memory:", &db), KEFU_OK);
  ASSERT_EQ(kefu_session_open(db, "nurse", &s), KEFU_OK);
  kefu_buffer out{nullptr, 0};
  EXPECT_EQ(kefu_call_json(s, "kefu.v1.MaintenanceService/SetSimulatedClock",
                           R"({"nowMs": "1795406400000"})", &out),
            KEFU_ERR_FAILED_PRECONDITION);
  EXPECT_NE(std::string(kefu_last_error()).find("runs on the wall clock"), std::string::npos);
  kefu_session_close(s);
  kefu_close(db);
}

TEST(MustExist, AMissingArchiveIsNotFoundAndNothingIsCreated) {
  const std::string path = testing::TempDir() + "kefu-no-such-archive.db";
  std::remove(path.c_str());
  kefu::v1::OpenOptions options;
  options.set_must_exist(true);
  const std::string bytes = options.SerializeAsString();
  kefu_db* db = nullptr;
  EXPECT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db),
            KEFU_ERR_NOT_FOUND);
  EXPECT_NE(std::string(kefu_last_error()).find("no archive there"), std::string::npos);
  EXPECT_EQ(db, nullptr);
  FILE* file = std::fopen(path.c_str(), "rb");
  EXPECT_EQ(file, nullptr) << "the archive was created";
  if (file != nullptr) std::fclose(file);
}

}  // namespace
}  // namespace kefu_test
