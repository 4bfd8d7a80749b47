// The archive through the C ABI as a HIS drives it, with binary messages of its own making (the
// bad calls are in bad_input_test.cc).
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "kefu/kefu.h"
#include "kefu/v1/encounter.pb.h"
#include "kefu/v1/maintenance.pb.h"
#include "kefu/v1/patient.pb.h"

namespace {

class ArchiveAbi : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(kefu_open(":memory:", &db_), KEFU_OK);
    ASSERT_EQ(kefu_session_open(db_, "his", &session_), KEFU_OK);
    ASSERT_EQ(Json("kefu.v1.PatientService/Import", R"({
        "patients": [{"mrn": "A1", "name": "甲", "phones": [{"number": "13800000001"}]},
                     {"mrn": "A2", "name": "乙"}],
        "encounters": [{"patientMrn": "A1", "hisVisitId": "V1", "department": "内科",
                        "admissionDate": {"year": 2025, "month": 3, "day": 1}}]})"),
              KEFU_OK);
  }
  void TearDown() override {
    kefu_session_close(session_);
    kefu_close(db_);
  }

  kefu_status Json(const char* method, const std::string& request, std::string* out = nullptr) {
    kefu_buffer response{nullptr, 0};
    const kefu_status s = kefu_call_json(session_, method, request.c_str(), &response);
    if (out != nullptr && response.data != nullptr) {
      out->assign(reinterpret_cast<char*>(response.data), response.size);
    }
    kefu_buffer_free(&response);
    return s;
  }

  template <class Response>
  kefu_status Binary(const char* method, const google::protobuf::Message& request,
                     Response* response) {
    const std::string bytes = request.SerializeAsString();
    kefu_buffer out{nullptr, 0};
    const kefu_status s = kefu_call(session_, method, bytes.data(), bytes.size(), &out);
    if (s == KEFU_OK) EXPECT_TRUE(response->ParseFromArray(out.data, static_cast<int>(out.size)));
    kefu_buffer_free(&out);
    return s;
  }

  kefu_db* db_ = nullptr;
  kefu_session* session_ = nullptr;
};

TEST_F(ArchiveAbi, BinaryCallsWithTheHisOwnMessages) {
  kefu::v1::DischargeRequest discharge;
  discharge.set_his_visit_id("V1");
  discharge.mutable_discharge_date()->set_year(2025);
  discharge.mutable_discharge_date()->set_month(3);
  discharge.mutable_discharge_date()->set_day(14);
  kefu::v1::DischargeResponse response;
  ASSERT_EQ(Binary("kefu.v1.EncounterService/Discharge", discharge, &response), KEFU_OK)
      << kefu_last_error();
  EXPECT_EQ(response.encounter().state(), kefu::v1::ENCOUNTER_STATE_DISCHARGED);
  EXPECT_EQ(response.encounter().patient_mrn(), "A1");
  ASSERT_EQ(Binary("kefu.v1.EncounterService/Discharge", discharge, &response), KEFU_OK);
  EXPECT_TRUE(response.already_recorded());

  kefu::v1::GetInfoResponse info;
  ASSERT_EQ(Binary("kefu.v1.MaintenanceService/GetInfo", kefu::v1::GetInfoRequest(), &info),
            KEFU_OK);
  EXPECT_EQ(info.patients(), 2);
  EXPECT_EQ(info.encounters(), 1);
  // Two patients, the admission, the discharge, and the follow-up plan and first task it opened.
  EXPECT_EQ(info.audit_entries(), 6);
}

// A file archive is synchronous=FULL unless opened for DURABILITY_NORMAL; GetInfo tells which.
TEST(OpenWithOptions, DurabilitySetsSynchronous) {
  for (const auto& [durability, expected] : {std::pair{kefu::v1::DURABILITY_UNSPECIFIED, "FULL"},
                                             std::pair{kefu::v1::DURABILITY_FULL, "FULL"},
                                             std::pair{kefu::v1::DURABILITY_NORMAL, "NORMAL"}}) {
    const std::string path = testing::TempDir() + "kefu_durability.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    kefu::v1::OpenOptions options;
    options.set_durability(durability);
    const std::string bytes = options.SerializeAsString();
    kefu_db* db = nullptr;
    ASSERT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db), KEFU_OK)
        << kefu_last_error();
    kefu_session* session = nullptr;
    ASSERT_EQ(kefu_session_open(db, "t", &session), KEFU_OK);
    kefu_buffer out{nullptr, 0};
    ASSERT_EQ(kefu_call(session, "kefu.v1.MaintenanceService/GetInfo", nullptr, 0, &out), KEFU_OK);
    kefu::v1::GetInfoResponse info;
    ASSERT_TRUE(info.ParseFromArray(out.data, static_cast<int>(out.size)));
    EXPECT_EQ(info.synchronous(), expected) << kefu::v1::Durability_Name(durability);
    EXPECT_EQ(info.journal_mode(), "wal");
    kefu_buffer_free(&out);
    kefu_session_close(session);
    kefu_close(db);
  }
}

}  // namespace
