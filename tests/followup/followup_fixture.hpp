// The follow-up tests' fixture: an archive with a clock, and the calls the tests make most
// (discharge a patient, list their plans, the worklist, record a call).
#ifndef KEFU_TESTS_FOLLOWUP_FOLLOWUP_FIXTURE_HPP
#define KEFU_TESTS_FOLLOWUP_FOLLOWUP_FIXTURE_HPP

#include <string>

#include "archive/archive_fixture.hpp"

namespace kefu {

class FollowUp : public testing_util::ArchiveTest {
 protected:
  void SetUp() override { ArchiveTest::SetUp(); }

  // A patient discharged on `day` (YYYY-MM-DD) from `department`.
  void Discharge(const std::string& mrn, const std::string& day,
                 const std::string& department = "心内科", const std::string& diagnosis = "I10",
                 const std::string& visit = "") {
    const std::string y = day.substr(0, 4), m = day.substr(5, 2), d = day.substr(8, 2);
    Ok<v1::DischargeResponse>(
        "kefu.v1.EncounterService/Discharge", R"({"encounter": {
        "patientMrn": ")" + mrn + R"(", "department": ")" +
                                                  department + R"(",
        "hisVisitId": ")" + (visit.empty() ? mrn + "-" + day : visit) +
                                                  R"(",
        "admissionDate": {"year": )" + std::to_string(std::stoi(y)) +
                                                  R"(, "month": 1, "day": 1},
        "dischargeDate": {"year": )" + std::to_string(std::stoi(y)) +
                                                  ", \"month\": " + std::to_string(std::stoi(m)) +
                                                  ", \"day\": " + std::to_string(std::stoi(d)) +
                                                  R"(}, "diagnoses": [{"icd10": ")" + diagnosis +
                                                  R"("}]}})");
  }

  v1::ListPlansResponse Plans(const std::string& mrn) {
    return Ok<v1::ListPlansResponse>("kefu.v1.FollowUpService/ListPlans",
                                     R"({"patientMrn": ")" + mrn + "\"}");
  }

  v1::WorklistResponse Worklist(const std::string& day = "") {
    return Ok<v1::WorklistResponse>(
        "kefu.v1.FollowUpService/Worklist",
        day.empty() ? "{}"
                    : R"({"day": {"year": )" + day.substr(0, 4) +
                          ", \"month\": " + std::to_string(std::stoi(day.substr(5, 2))) +
                          ", \"day\": " + std::to_string(std::stoi(day.substr(8, 2))) + "}}");
  }

  v1::RecordAttemptResponse Attempt(std::int64_t task, const std::string& outcome,
                                    const std::string& extra = "") {
    return Ok<v1::RecordAttemptResponse>("kefu.v1.FollowUpService/RecordAttempt",
                                         R"({"taskId": ")" + std::to_string(task) +
                                             R"(", "outcome": "CALL_OUTCOME_)" + outcome + "\"" +
                                             (extra.empty() ? "" : ", " + extra) + "}");
  }

  void AdvanceDays(int days) { now_ms_ += std::int64_t{days} * 86400000; }

  static std::string Day(const v1::Date& d) {
    return FormatDay(DaysFromCivil(d.year(), d.month(), d.day()));
  }
};

}  // namespace kefu

#endif  // KEFU_TESTS_FOLLOWUP_FOLLOWUP_FIXTURE_HPP
