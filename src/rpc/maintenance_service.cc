// kefu.v1.MaintenanceService: online backup, integrity checks, facts.
#include <filesystem>

#include "access/directory.hpp"
#include "audit/audit.hpp"
#include "archive/lists.hpp"
#include "archive/normalize.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/open.hpp"
#include "rpc/register.hpp"
#include "store/maintenance.hpp"
#include "store/schema.hpp"

namespace kefu::rpc {
namespace {

Status Backup(Session& session, const v1::BackupRequest& request, v1::BackupResponse* response) {
  const std::string& path = request.destination_path();
  KEFU_RETURN_IF_ERROR(archive::CheckText(path, "destination_path", 4096, true));
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return Status(Code::kAlreadyExists, "destination_path is " + Quote(path) +
                                            ": the file exists; kefu never "
                                            "overwrites a file with a backup");
  }
  if (path == session.db().path() || path == kMemoryPath) {
    return Status::InvalidArgument("destination_path is " + Quote(path) +
                                   ": give a new file for the copy");
  }
  KEFU_RETURN_IF_ERROR(session.Use([&](Txn& t) { return store::BackUp(t, path); }));
  response->set_bytes(static_cast<std::int64_t>(std::filesystem::file_size(path, error)));
  response->set_schema_version(store::kSchemaVersion);
  // Who copied the archive where: copies carry every patient's data.
  v1::BackupRequest record = request;
  return session.Write([&](Txn& t) {
    return audit::AppendAudit(
        session, t, audit::AuditRecord{"archive.backup", "archive", 0, 0, nullptr, &record});
  });
}

Status CheckIntegrity(Session& session, const v1::CheckIntegrityRequest&,
                      v1::CheckIntegrityResponse* response) {
  return session.Read([&](Txn& t) {
    std::vector<std::string> found;
    KEFU_RETURN_IF_ERROR(store::CheckStorage(t, &found));
    KEFU_RETURN_IF_ERROR(store::CompareSchema(t, ArchiveSchema(), &found));
    KEFU_RETURN_IF_ERROR(audit::CheckRecordsAgainstAudit(t, AuditedTables(), &found));
    for (std::string& problem : found) response->add_problems(std::move(problem));
    v1::VerifyAuditResponse audit;
    KEFU_RETURN_IF_ERROR(audit::VerifyAudit(t, &audit));
    response->set_audit_ok(audit.ok());
    response->set_audit_entries(audit.entries_checked());
    if (!audit.ok()) response->add_problems("audit trail: " + audit.problem());
    response->set_ok(response->problems().empty());
    return Status::Ok();
  });
}

Status GetInfo(Session& session, const v1::GetInfoRequest&, v1::GetInfoResponse* response) {
  return session.Read([&](Txn& t) {
    response->set_path(session.db().path());
    store::StorageFacts facts;
    KEFU_RETURN_IF_ERROR(store::ReadStorageFacts(t, &facts));
    response->set_schema_version(static_cast<std::int32_t>(facts.schema_version));
    response->set_journal_mode(facts.journal_mode);
    response->set_synchronous(facts.synchronous);
    archive::Counts counts;
    KEFU_RETURN_IF_ERROR(archive::CountRecords(t, &counts));
    response->set_patients(counts.patients);
    response->set_encounters(counts.encounters);
    response->set_contacts(counts.contacts);
    std::int64_t entries = 0;
    KEFU_RETURN_IF_ERROR(store::CountRows(t, "audit", &entries));
    response->set_audit_entries(entries);
    response->set_utc_offset_minutes(session.db().utc_offset_minutes());
    response->set_simulated_clock(session.db().simulated_clock());
    if (session.db().simulated_clock()) response->set_now_ms(session.db().NowMs());
    bool enforced = false;
    KEFU_RETURN_IF_ERROR(access::Enforced(t, &enforced));
    response->set_access_enforced(enforced);
    return Status::Ok();
  });
}

}  // namespace

// Moves the clock of an archive opened on a simulated clock. Nothing is written: every write made
// afterwards carries the new time, and the wall-clock time, in its audit entry.
Status SetSimulatedClock(Session& session, const v1::SetSimulatedClockRequest& request,
                         v1::SetSimulatedClockResponse* response) {
  std::int64_t previous = 0;
  KEFU_RETURN_IF_ERROR(session.db().SetSimulatedNow(request.now_ms(), &previous));
  response->set_now_ms(request.now_ms());
  response->set_previous_ms(previous);
  return Status::Ok();
}

void RegisterMaintenanceService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.MaintenanceService/SetSimulatedClock",
                 access::Permission::kMaintenanceClock, &SetSimulatedClock);
  dispatcher.Add("kefu.v1.MaintenanceService/Backup", access::Permission::kMaintenanceBackup,
                 &Backup);
  dispatcher.Add("kefu.v1.MaintenanceService/CheckIntegrity", access::Permission::kMaintenanceRead,
                 &CheckIntegrity);
  dispatcher.Add("kefu.v1.MaintenanceService/GetInfo", access::Permission::kMaintenanceRead,
                 &GetInfo);
}

}  // namespace kefu::rpc
