// An archive opened through the C ABI on a simulated clock, called with kefu_call_json as a HIS or
// a hospital's script would, the responses decoded with the caller's own kefu.v1 classes.
#ifndef KEFU_TESTS_FOLLOWUP_ABI_FIXTURE_HPP
#define KEFU_TESTS_FOLLOWUP_ABI_FIXTURE_HPP

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kefu/kefu.h"
#include "kefu/v1/audit.pb.h"
#include "kefu/v1/followup.pb.h"
#include "kefu/v1/maintenance.pb.h"
#include "kefu/v1/patient.pb.h"

namespace kefu_test {

// 2026-11-23 (a Monday) 12:00 in China, UTC+8.
inline constexpr std::int64_t kMonday = 1795406400000;
inline constexpr std::int64_t kDayMs = 86400000;

class AbiArchive : public testing::Test {
 protected:
  void SetUp() override { Open(":memory:"); }
  void TearDown() override { Close(); }

  void Open(const std::string& path, std::int64_t now_ms = kMonday) {
    Close();
    kefu::v1::OpenOptions options;
    options.mutable_simulated_clock()->set_now_ms(now_ms);
    const std::string bytes = options.SerializeAsString();
    ASSERT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db_), KEFU_OK)
        << kefu_last_error();
    ASSERT_EQ(kefu_session_open(db_, "nurse-0042", &session_), KEFU_OK);
  }
  void Close() {
    kefu_session_close(session_);
    kefu_close(db_);
    session_ = nullptr;
    db_ = nullptr;
  }

  // The call's status; *out gets the JSON response, or the error message.
  kefu_status Call(const std::string& method, const std::string& json, std::string* out = nullptr) {
    kefu_buffer response{nullptr, 0};
    const kefu_status s = kefu_call_json(session_, method.c_str(), json.c_str(), &response);
    if (out != nullptr) {
      *out = s == KEFU_OK ? std::string(reinterpret_cast<const char*>(response.data), response.size)
                          : std::string(kefu_last_error());
    }
    kefu_buffer_free(&response);
    return s;
  }

  template <class Response>
  Response Ok(const std::string& method, const std::string& json) {
    std::string out;
    EXPECT_EQ(Call(method, json, &out), KEFU_OK) << method << " " << json << "\n  " << out;
    Response response;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(out, &response).ok()) << out;
    return response;
  }

  // The error message of a call expected to fail with `status`.
  std::string Fails(kefu_status status, const std::string& method, const std::string& json) {
    std::string out;
    EXPECT_EQ(kefu_status_name(Call(method, json, &out)), std::string(kefu_status_name(status)))
        << method << " " << json << "\n  " << out;
    return out;
  }

  // Moves the simulated clock to `day` (YYYY-MM-DD) at `hour` in China.
  void SetClock(const std::string& day, int hour = 12) {
    std::int32_t n = 0;
    ASSERT_EQ(kefu_date_from_ymd(std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)),
                                 std::stoi(day.substr(8, 2)), &n),
              KEFU_OK);
    const std::int64_t ms = std::int64_t{n} * kDayMs + (hour - 8) * 3600000;
    Ok<kefu::v1::SetSimulatedClockResponse>("kefu.v1.MaintenanceService/SetSimulatedClock",
                                            R"({"nowMs": ")" + std::to_string(ms) + "\"}");
  }

  static std::string Date(const std::string& day) {
    return R"({"year": )" + std::to_string(std::stoi(day.substr(0, 4))) + R"(, "month": )" +
           std::to_string(std::stoi(day.substr(5, 2))) + R"(, "day": )" +
           std::to_string(std::stoi(day.substr(8, 2))) + "}";
  }
  static std::string Day(const kefu::v1::Date& d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year(), d.month(), d.day());
    return text;
  }

  kefu::v1::Patient Create(const std::string& mrn, const std::string& extra = "") {
    return Ok<kefu::v1::Patient>("kefu.v1.PatientService/CreatePatient",
                                 R"({"patient": {"mrn": ")" + mrn +
                                     R"(", "name": "张伟", "phones": [{"number": ")" + Phone(mrn) +
                                     "\"}]" + (extra.empty() ? "" : ", " + extra) + "}}");
  }
  // A mobile number of the patient's own, the same for the same MRN.
  static std::string Phone(const std::string& mrn) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "138%08zu", std::hash<std::string>{}(mrn) % 100000000);
    return digits;
  }

  // A whole stay, discharged on `day` (the visit id defaults to MRN-day).
  void Discharge(const std::string& mrn, const std::string& day,
                 const std::string& disposition = "", const std::string& visit = "",
                 const std::string& department = "心内科") {
    Ok<kefu::v1::DischargeResponse>(
        "kefu.v1.EncounterService/Discharge",
        R"({"encounter": {"patientMrn": ")" + mrn + R"(", "department": ")" + department +
            R"(", "hisVisitId": ")" + (visit.empty() ? mrn + "-" + day : visit) +
            R"(", "admissionDate": )" + Date(day.substr(0, 8) + "01") + R"(, "dischargeDate": )" +
            Date(day) + R"(, "disposition": ")" + disposition +
            R"(", "diagnoses": [{"icd10": "I10"}]}})");
  }

  kefu::v1::ListPlansResponse Plans(const std::string& mrn) {
    return Ok<kefu::v1::ListPlansResponse>("kefu.v1.FollowUpService/ListPlans",
                                           R"({"patientMrn": ")" + mrn + "\"}");
  }
  kefu::v1::WorklistResponse Worklist(const std::string& day = "") {
    return Ok<kefu::v1::WorklistResponse>("kefu.v1.FollowUpService/Worklist",
                                          day.empty() ? "{}" : R"({"day": )" + Date(day) + "}");
  }
  kefu::v1::Patient Patient(const std::string& mrn) {
    return Ok<kefu::v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": ")" + mrn + "\"}");
  }
  kefu::v1::RecordAttemptResponse Attempt(std::int64_t task, const std::string& outcome,
                                          const std::string& extra = "") {
    return Ok<kefu::v1::RecordAttemptResponse>("kefu.v1.FollowUpService/RecordAttempt",
                                               AttemptJson(task, outcome, extra));
  }
  static std::string AttemptJson(std::int64_t task, const std::string& outcome,
                                 const std::string& extra = "") {
    return R"({"taskId": ")" + std::to_string(task) + R"(", "outcome": "CALL_OUTCOME_)" + outcome +
           "\"" + (extra.empty() ? "" : ", " + extra) + "}";
  }
  void Update(const std::string& mrn, const std::string& patient, const std::string& mask) {
    Ok<kefu::v1::Patient>("kefu.v1.PatientService/UpdatePatient",
                          R"({"mrn": ")" + mrn + R"(", "patient": {)" + patient +
                              R"(}, "updateMask": [)" + mask + "]}");
  }

  // The MRNs on a worklist, in its order.
  static std::vector<std::string> Mrns(const kefu::v1::WorklistResponse& worklist) {
    std::vector<std::string> mrns;
    for (const auto& item : worklist.items()) mrns.push_back(item.patient().mrn());
    return mrns;
  }

  kefu_db* db_ = nullptr;
  kefu_session* session_ = nullptr;
};

}  // namespace kefu_test

#endif  // KEFU_TESTS_FOLLOWUP_ABI_FIXTURE_HPP
