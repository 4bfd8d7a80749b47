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
                                                   "kefu.v1.FollowUpService/GetTask",
                                                   "kefu.v1.SystemService/GetClock",
                                                   "kefu.v1.AuditService/ListAccessLog",
                                                   "kefu.v1.AccessService/ListPermissions",
                                                   "kefu.v1.AccessService/ListRoles",
                                                   "kefu.v1.AccessService/PutRole",
                                                   "kefu.v1.AccessService/RemoveRole",
                                                   "kefu.v1.AccessService/PutActor",
                                                   "kefu.v1.AccessService/GetActor",
                                                   "kefu.v1.AccessService/ListActors",
                                                   "kefu.v1.AccessService/GrantRole",
                                                   "kefu.v1.AccessService/RevokeRole",
                                                   "kefu.v1.AccessService/MergeActors",
                                                   "kefu.v1.AccessService/SetEnforcement",
                                                   "kefu.v1.AccessService/GetAccess",
                                                   "kefu.v1.AccessService/ExportPatientData"};
  return methods;
}

// The actors the inputs act as, the one acting picked by the first byte with the method (see
// Actor): one allowed everything, so that calls reach deep code; then the permission check's
// paths — a consultant (personal data masked), a follow-up agent (its worklist's numbers), the
// general manager (reads in full, logged) and an actor the archive does not know (denied,
// audited).
inline const std::vector<std::string>& Actors() {
  static const std::vector<std::string> actors = {"fuzz", "gao.consultant", "wang.agent", "zhao.gm",
                                                  "nobody"};
  return actors;
}

// One archive per process, seeded once; every input runs inside a transaction that is rolled
// back after it (kefu's writes become savepoints of it), so that the next starts from the same
// archive. See the top of this file.
class SharedArchive {
 public:
  SharedArchive() {
    kefu::OpenOptions options;
    options.admin = "fuzz-admin";
    if (!kefu::rpc::OpenArchive(":memory:", options, &db_).ok()) std::abort();
    OpenSessions();
    std::unique_ptr<kefu::Session> admin;
    if (!kefu::Session::Open(*db_, "fuzz-admin", &admin).ok()) std::abort();
    Call(*admin, "kefu.v1.AccessService/PutRole", kEverything);
    for (const auto& [actor, role] : {std::pair<const char*, const char*>{"fuzz", "everything"},
                                      {"gao.consultant", "consultant"},
                                      {"wang.agent", "followup_agent"},
                                      {"zhao.gm", "general_manager"}}) {
      Call(*admin, "kefu.v1.AccessService/PutActor",
           std::string(R"({"actor": {"name": ")") + actor + "\"}}");
      Call(*admin, "kefu.v1.AccessService/GrantRole",
           std::string(R"({"actor": ")") + actor + R"(", "role": ")" + role + "\"}");
    }
    Call(*sessions_[0], "kefu.v1.PatientService/Import", kSeed);
  }

  // Runs one input on the seeded archive, as the actor its first byte picks, and undoes
  // whatever it wrote.
  template <class Input>
  void Run(const uint8_t* data, size_t size, const Input& input) {
    kefu::Session& session = *sessions_[ActorFor(data, size)];
    Exec("BEGIN");
    const int changes_before = TotalChanges();
    input(session);
    const bool wrote = TotalChanges() != changes_before;
    Exec("ROLLBACK");
    // The due index lives in memory: after an input that wrote, it is rebuilt from the store as
    // it is again. Most inputs are refused before they write, and the rebuild was a fifth of
    // their cost.
    if (!wrote) return;
    // Sessions keep their actor's grants while access is unchanged; an input that changed
    // access and was rolled back leaves them stale, so every session starts afresh.
    OpenSessions();
    const kefu::Status s = sessions_[0]->Read(
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

  // A role that holds every permission.
  static constexpr const char* kEverything =
      R"({"role": {"name": "everything", "permissions": ["system.read", "patient.read",
          "patient.write", "encounter.write", "patient.merge", "patient.import", "patient.export",
          "personal.read", "personal.read.assigned", "followup.read", "worklist.read",
          "followup.call", "followup.answer", "followup.schedule", "followup.config.read",
          "followup.config.write", "report.read", "audit.read", "access_log.read",
          "maintenance.read", "maintenance.backup", "maintenance.clock", "access.read",
          "access.admin"]}})";

  static size_t ActorFor(const uint8_t* data, size_t size) {
    return size == 0 ? 0 : (data[0] / Methods().size()) % Actors().size();
  }

  void OpenSessions() {
    sessions_.clear();
    for (const std::string& actor : Actors()) {
      sessions_.emplace_back();
      if (!kefu::Session::Open(*db_, actor, &sessions_.back()).ok()) std::abort();
    }
  }

  static void Call(kefu::Session& session, const char* method, const std::string& json) {
    std::string out;
    if (!kefu::rpc::Dispatcher::Get().CallJson(session, method, json, &out).ok()) std::abort();
  }

  // Rows written on the archive's connection so far (rolled-back ones too).
  int TotalChanges() {
    int changes = 0;
    (void)sessions_[0]->Use([&](kefu::store::Connection& c) {
      changes = sqlite3_total_changes(c.raw());
      return kefu::Status::Ok();
    });
    return changes;
  }

  // Through the connection's statement cache: BEGIN and ROLLBACK are parsed once, not per input.
  void Exec(const char* sql) {
    const kefu::Status s = sessions_[0]->Use([&](kefu::store::Connection& c) {
      kefu::store::Statement statement;
      KEFU_RETURN_IF_ERROR(c.Prepare(sql, &statement));
      return statement.Run();
    });
    if (!s.ok()) std::abort();
  }

  std::unique_ptr<kefu::Db> db_;
  std::vector<std::unique_ptr<kefu::Session>> sessions_;  // one per Actors(), in that order
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
