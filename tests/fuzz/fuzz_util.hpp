// What the fuzz targets share: one seeded in-memory archive per process, and the methods to aim at.
//
// Making a new archive for every input (schema, seed) held the call fuzzers to about 100 inputs a
// second. Shared() keeps one archive per process, seeded once, and runs every input inside a
// transaction rolled back after it: every input still starts from the same archive, so a crash
// replays from its input alone. The calls go through the dispatcher
// behind kefu_call and kefu_call_json (what those two add is the C boundary: NULL checks and
// catching exceptions, which tests/capi covers).
#ifndef KEFU_TESTS_FUZZ_FUZZ_UTIL_HPP
#define KEFU_TESTS_FUZZ_FUZZ_UTIL_HPP

#include <cstdlib>
#include <string>
#include <vector>

#include <memory>

#include <sqlite3.h>

#include "session/session.hpp"
#include "followup/due_index.hpp"
#include "kefu/kefu.h"
#include "rpc/dispatcher.hpp"
#include "rpc/open.hpp"

namespace kefu_fuzz {

// Every method served, and one name that is not.
inline const std::vector<std::string>& Methods() {
  static const std::vector<std::string> methods = {"kefu.v1.CadenceService/Expand",
                                                   "kefu.v1.CadenceService/Next",
                                                   "kefu.v1.CadenceService/ListPolicies",
                                                   "kefu.v1.SystemService/GetVersion",
                                                   "kefu.v1.PatientService/CreatePatient",
                                                   "kefu.v1.PatientService/GetPatient",
                                                   "kefu.v1.PatientService/UpdatePatient",
                                                   "kefu.v1.PatientService/ListPatients",
                                                   "kefu.v1.PatientService/MergePatients",
                                                   "kefu.v1.PatientService/Import",
                                                   "kefu.v1.EncounterService/Admit",
                                                   "kefu.v1.EncounterService/Discharge",
                                                   "kefu.v1.EncounterService/RecordVisit",
                                                   "kefu.v1.EncounterService/CancelEncounter",
                                                   "kefu.v1.EncounterService/GetEncounter",
                                                   "kefu.v1.EncounterService/ListEncounters",
                                                   "kefu.v1.TimelineService/RecordContact",
                                                   "kefu.v1.TimelineService/AddNote",
                                                   "kefu.v1.TimelineService/ListTimeline",
                                                   "kefu.v1.AuditService/ListAudit",
                                                   "kefu.v1.AuditService/VerifyAudit",
                                                   "kefu.v1.MaintenanceService/CheckIntegrity",
                                                   "kefu.v1.MaintenanceService/GetInfo",
                                                   "kefu.v1.NoSuchService/Nothing",
                                                   "kefu.v1.FollowUpConfigService/UpdateSettings",
                                                   "kefu.v1.FollowUpConfigService/SetPlanRules",
                                                   "kefu.v1.FollowUpConfigService/SetNeverCall",
                                                   "kefu.v1.FollowUpConfigService/PutPolicy",
                                                   "kefu.v1.FollowUpService/ListPlans",
                                                   "kefu.v1.FollowUpService/Worklist",
                                                   "kefu.v1.FollowUpService/RecordAttempt",
                                                   "kefu.v1.FollowUpService/Explain",
                                                   "kefu.v1.FollowUpService/Schedule",
                                                   "kefu.v1.FollowUpService/Report",
                                                   "kefu.v1.FollowUpConfigService/PutStaff",
                                                   "kefu.v1.FollowUpConfigService/SetCalendarYear",
                                                   "kefu.v1.FollowUpService/AnswerEscalation",
                                                   "kefu.v1.FollowUpService/ListUnreachable",
                                                   "kefu.v1.MaintenanceService/SetSimulatedClock",
                                                   "kefu.v1.FollowUpService/ListEscalations",
                                                   "kefu.v1.FollowUpService/GetTask"};
  return methods;
}

// One archive per process, seeded once; every input runs inside a transaction that is rolled
// back after it (kefu's writes become savepoints of it), so that the next starts from the same
// archive. See the top of this file.
class SharedArchive {
 public:
  SharedArchive() {
    if (!kefu::rpc::OpenArchive(":memory:", &db_).ok() ||
        !kefu::Session::Open(*db_, "fuzz", &session_).ok()) {
      std::abort();  // the harness itself is broken
    }
    std::string out;
    (void)kefu::rpc::Dispatcher::Get().CallJson(*session_, "kefu.v1.PatientService/Import", kSeed,
                                                &out);
  }

  // Runs one input on the seeded archive and undoes whatever it wrote.
  template <class Input>
  void Run(const Input& input) {
    Exec("BEGIN");
    const int changes_before = TotalChanges();
    input(*session_);
    const bool wrote = TotalChanges() != changes_before;
    Exec("ROLLBACK");
    // The due index lives in memory: after an input that wrote, it is rebuilt from the store as
    // it is again. Most inputs are refused before they write, and the rebuild was a fifth of
    // their cost.
    if (!wrote) return;
    const kefu::Status s = session_->Read(
        [&](kefu::store::Connection& c) { return kefu::followup::DueIndex::Of(*db_).Load(c); });
    if (!s.ok()) std::abort();
  }

 private:
  // A few patients, a stay still open and one discharged (whose follow-up plan and task 1
  // exist), so that calls naming them reach deep code, not only NOT_FOUND.
  static constexpr const char* kSeed =
      R"({"patients": [{"mrn": "A", "name": "a", "phones": [{"number": "13800000001"}]},
                       {"mrn": "B", "name": "b"}],
          "encounters": [{"patientMrn": "A", "hisVisitId": "V", "department": "d",
                          "admissionDate": {"year": 2025, "month": 1, "day": 1}},
                         {"patientMrn": "B", "hisVisitId": "W", "department": "d",
                          "attendingDoctor": "dr",
                          "admissionDate": {"year": 2025, "month": 1, "day": 1},
                          "dischargeDate": {"year": 2025, "month": 1, "day": 9}}]})";

  // Rows written on the archive's connection so far (rolled-back ones too).
  int TotalChanges() {
    int changes = 0;
    (void)session_->Use([&](kefu::store::Connection& c) {
      changes = sqlite3_total_changes(c.raw());
      return kefu::Status::Ok();
    });
    return changes;
  }

  // Through the connection's statement cache: BEGIN and ROLLBACK are parsed once, not per input.
  void Exec(const char* sql) {
    const kefu::Status s = session_->Use([&](kefu::store::Connection& c) {
      kefu::store::Statement statement;
      KEFU_RETURN_IF_ERROR(c.Prepare(sql, &statement));
      return statement.Run();
    });
    if (!s.ok()) std::abort();
  }

  std::unique_ptr<kefu::Db> db_;
  std::unique_ptr<kefu::Session> session_;
};

inline SharedArchive& Shared() {
  static SharedArchive* const archive = new SharedArchive();  // lives as long as the process
  return *archive;
}

// The first byte picks the method; the rest is the request.
inline std::string MethodFor(const uint8_t* data, size_t size) {
  return size == 0 ? Methods()[0] : Methods()[data[0] % Methods().size()];
}

}  // namespace kefu_fuzz

#endif  // KEFU_TESTS_FUZZ_FUZZ_UTIL_HPP
