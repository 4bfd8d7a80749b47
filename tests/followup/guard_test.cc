// Defence in depth: a plan left open behind kefu's back (here: a patient record rewritten with
// SQLite, as a future bug might leave it) still never reaches a caller. The worklist and Schedule
// leave the task out, suppress it with the reason, and close its plan; Explain and the audit
// trail say so.
#include <sqlite3.h>

#include <filesystem>

#include "followup/abi_fixture.hpp"

namespace kefu_test {
namespace {

class Guard : public AbiArchive {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "kefu-guard-" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    Open(path_);
    Create("P1");
    Create("P2");
    Discharge("P1", "2026-11-20");
    Discharge("P2", "2026-11-20");
    task_ = Plans("P1").tasks(0).id();
    Close();
  }

  // Rewrites P1's stored record (and its status column) without telling kefu.
  void Rewrite(kefu::v1::PatientStatus status, bool opt_out) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* select = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT record FROM patients WHERE mrn = 'P1'", -1, &select,
                                 nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(select), SQLITE_ROW);
    kefu::v1::Patient patient;
    ASSERT_TRUE(
        patient.ParseFromArray(sqlite3_column_blob(select, 0), sqlite3_column_bytes(select, 0)));
    sqlite3_finalize(select);
    patient.set_status(status);
    patient.set_follow_up_opt_out(opt_out);
    const std::string bytes = patient.SerializeAsString();
    sqlite3_stmt* update = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE patients SET record = ?, status = ? WHERE mrn = 'P1'",
                                 -1, &update, nullptr),
              SQLITE_OK);
    sqlite3_bind_blob(update, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int(update, 2, status);
    ASSERT_EQ(sqlite3_step(update), SQLITE_DONE);
    sqlite3_finalize(update);
    sqlite3_close(db);
  }

  void ExpectSuppressed(const std::string& list, const std::string& why) {
    const auto explained = Ok<kefu::v1::ExplainResponse>(
        "kefu.v1.FollowUpService/Explain", R"({"taskId": ")" + std::to_string(task_) + "\"}");
    EXPECT_EQ(explained.task().state(), kefu::v1::TASK_STATE_SUPPRESSED);
    EXPECT_EQ(explained.task().reason(), "held back from " + list + ": " + why);
    EXPECT_NE(
        explained.text().find("It was never given to a caller: it was held back from " + list),
        std::string::npos)
        << explained.text();
    EXPECT_EQ(explained.plan().state(), kefu::v1::PLAN_STATE_CLOSED);
    bool audited = false;
    const auto audit =
        Ok<kefu::v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", R"({"pageSize": 1000})");
    for (const auto& entry : audit.entries()) {
      audited = audited || (entry.action() == "task.suppress" && entry.record_id() == task_);
    }
    EXPECT_TRUE(audited) << "no task.suppress entry for task " << task_;
    EXPECT_TRUE(Ok<kefu::v1::VerifyAuditResponse>("kefu.v1.AuditService/VerifyAudit", "{}").ok());
  }

  std::string path_;
  std::int64_t task_ = 0;
};

TEST_F(Guard, TheWorklistLeavesOutAndSuppressesACallToTheDead) {
  Rewrite(kefu::v1::PATIENT_STATUS_DECEASED, false);
  Open(path_);
  EXPECT_EQ(Mrns(Worklist()), std::vector<std::string>{"P2"});
  ExpectSuppressed("the worklist of 2026-11-23", "the patient is recorded as deceased");
  EXPECT_EQ(Mrns(Worklist()), std::vector<std::string>{"P2"});
}

TEST_F(Guard, AWorklistLimitIsFilledAfterTheTasksLeftOut) {
  Rewrite(kefu::v1::PATIENT_STATUS_ACTIVE, true);
  Open(path_);
  EXPECT_EQ(
      Mrns(Ok<kefu::v1::WorklistResponse>("kefu.v1.FollowUpService/Worklist", R"({"limit": 1})")),
      std::vector<std::string>{"P2"});
}

TEST_F(Guard, ScheduleLeavesOutAndSuppressesACallToSomeoneWhoOptedOut) {
  Rewrite(kefu::v1::PATIENT_STATUS_ACTIVE, true);
  Open(path_);
  Ok<kefu::v1::StaffMember>(
      "kefu.v1.FollowUpConfigService/PutStaff",
      R"({"staff": {"id": "nurse-1", "shifts": ["night"], "capacityPerShift": 10,
                                "active": true}})");
  const auto schedule = Ok<kefu::v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", "{}");
  ASSERT_EQ(schedule.assigned_size(), 1);
  EXPECT_NE(schedule.assigned(0).id(), task_);
  ExpectSuppressed("the schedule from 2026-11-23", "the patient opted out of follow-up");
}

TEST_F(Guard, ACallOnATaskWhosePatientMustNotBeCalledIsRefused) {
  Rewrite(kefu::v1::PATIENT_STATUS_DECEASED, false);
  Open(path_);
  const std::string refused =
      Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.FollowUpService/RecordAttempt",
            AttemptJson(task_, "REACHED"));
  EXPECT_NE(refused.find("the patient is recorded as deceased"), std::string::npos) << refused;
}

}  // namespace
}  // namespace kefu_test
