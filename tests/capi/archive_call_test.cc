// The archive through the C ABI as a HIS drives it: good calls in binary and JSON, and a table of
// bad ones, each with its status and message, each leaving the archive exactly as it was.
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

  // Everything a bad call could have touched.
  std::string Snapshot() {
    std::string info, patients, audit;
    EXPECT_EQ(Json("kefu.v1.MaintenanceService/GetInfo", "{}", &info), KEFU_OK);
    EXPECT_EQ(Json("kefu.v1.PatientService/ListPatients", "{}", &patients), KEFU_OK);
    EXPECT_EQ(Json("kefu.v1.AuditService/VerifyAudit", "{}", &audit), KEFU_OK);
    return info + patients + audit;
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
  ASSERT_EQ(Binary("kefu.v1.MaintenanceService/GetInfo", kefu::v1::GetInfoRequest(), &info), KEFU_OK);
  EXPECT_EQ(info.patients(), 2);
  EXPECT_EQ(info.encounters(), 1);
  EXPECT_EQ(info.audit_entries(), 4);
}

struct BadCall {
  const char* name;
  const char* method;
  const char* json;
  kefu_status status;
  const char* message;
};

class ArchiveAbiRejects : public ArchiveAbi, public testing::WithParamInterface<BadCall> {};

TEST_P(ArchiveAbiRejects, WithStatusAndMessageAndNoChange) {
  const std::string before = Snapshot();
  EXPECT_EQ(Json(GetParam().method, GetParam().json), GetParam().status) << kefu_last_error();
  EXPECT_STREQ(kefu_last_error(), GetParam().message);
  EXPECT_EQ(Snapshot(), before);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ArchiveAbiRejects,
    testing::Values(
        BadCall{"DuplicateMrn", "kefu.v1.PatientService/CreatePatient",
                R"({"patient": {"mrn": "A1", "name": "x"}})", KEFU_ERR_ALREADY_EXISTS,
                "mrn is \"A1\": already the MRN of patient id 1"},
        BadCall{"UnknownPatient", "kefu.v1.PatientService/GetPatient", R"({"mrn": "Z9"})",
                KEFU_ERR_NOT_FOUND, "patient MRN \"Z9\" does not exist"},
        BadCall{"UnknownField", "kefu.v1.PatientService/CreatePatient",
                R"({"patient": {"mrn": "B1", "name": "x", "shoeSize": 42}})",
                KEFU_ERR_INVALID_ARGUMENT,
                "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: "
                "(patient) shoeSize: Cannot find field."},
        BadCall{"PhoneNotAPhone", "kefu.v1.PatientService/CreatePatient",
                R"({"patient": {"mrn": "B1", "name": "x", "phones": [{"number": "☎"}]}})",
                KEFU_ERR_INVALID_ARGUMENT,
                "patient.phones[0].number is \"☎\": not a phone number (digits, with an optional '+')"},
        BadCall{"DischargeBeforeAdmission", "kefu.v1.EncounterService/Discharge",
                R"({"hisVisitId": "V1", "dischargeDate": {"year": 2025, "month": 2, "day": 28}})",
                KEFU_ERR_INVALID_ARGUMENT,
                "discharge_date is 2025-02-28: before the admission date 2025-03-01"},
        BadCall{"ImportHalfBad", "kefu.v1.PatientService/Import",
                R"({"patients": [{"mrn": "C1", "name": "ok"}, {"mrn": "C2", "name": ""}]})",
                KEFU_ERR_INVALID_ARGUMENT, "patients[1].name is \"\": must not be empty"},
        BadCall{"ImportDuplicateInside", "kefu.v1.PatientService/Import",
                R"({"patients": [{"mrn": "C1", "name": "a"}, {"mrn": "C1", "name": "b"}]})",
                KEFU_ERR_ALREADY_EXISTS, "patients[1].mrn is \"C1\": listed twice in the import"},
        BadCall{"MergeUnknown", "kefu.v1.PatientService/MergePatients",
                R"({"survivorMrn": "A1", "mergedMrn": "Q"})", KEFU_ERR_NOT_FOUND,
                "patient MRN \"Q\" does not exist"},
        BadCall{"BackupOverExisting", "kefu.v1.MaintenanceService/Backup",
                R"({"destinationPath": "/"})", KEFU_ERR_ALREADY_EXISTS,
                "destination_path is \"/\": the file exists; kefu never overwrites a file with a backup"},
        BadCall{"AuditBadToken", "kefu.v1.AuditService/ListAudit", R"({"pageToken": "k-1"})",
                KEFU_ERR_INVALID_ARGUMENT,
                "page_token is \"k-1\": not a token this library handed out"},
        BadCall{"ContactUnknownEnum", "kefu.v1.TimelineService/RecordContact",
                R"({"contact": {"patientMrn": "A1", "direction": 9}})", KEFU_ERR_INVALID_ARGUMENT,
                "contact.direction is 9: unknown value"},
        BadCall{"CancelUnknown", "kefu.v1.EncounterService/CancelEncounter",
                R"({"encounterId": "77"})", KEFU_ERR_NOT_FOUND, "encounter id 77 does not exist"}),
    [](const testing::TestParamInfo<BadCall>& row) { return std::string(row.param.name); });

// Rows whose request or message is built rather than written out.
TEST_F(ArchiveAbi, OversizedAndFutureFieldsAreRejectedWithoutChange) {
  const std::string before = Snapshot();
  EXPECT_EQ(Json("kefu.v1.TimelineService/AddNote",
                 R"({"note": {"patientMrn": "A1", "text": ")" + std::string(10001, 'n') + "\"}}"),
            KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(kefu_last_error()).rfind("note.text is \"nnnn", 0), 0u);
  EXPECT_NE(std::string(kefu_last_error()).find("(10001 bytes): at most 10000 bytes"), std::string::npos);
  EXPECT_EQ(Json("kefu.v1.PatientService/UpdatePatient",
                 R"({"mrn": "A2", "updateMask": ["status", "death_date"], "patient": {"status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2199, "month": 1, "day": 1}}})"),
            KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(kefu_last_error()).rfind("patient.death_date is 2199-01-01: in the future (today is ", 0), 0u)
      << kefu_last_error();
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
