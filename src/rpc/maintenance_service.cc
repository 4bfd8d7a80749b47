// kefu.v1.MaintenanceService: online backup (SQLite's backup API), integrity checks, facts.
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "audit/audit.hpp"
#include "archive/validate.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/open.hpp"
#include "rpc/register.hpp"
#include "store/schema.hpp"

namespace kefu::rpc {
namespace {

// Copies the archive page by page into a new file. One step copies everything from one read
// snapshot; writers on other connections carry on meanwhile (WAL).
Status CopyTo(store::Connection& source, const std::string& path) {
  std::unique_ptr<store::Connection> destination;
  KEFU_RETURN_IF_ERROR(store::Connection::Open(path, &destination));
  sqlite3_backup* backup = sqlite3_backup_init(destination->raw(), "main", source.raw(), "main");
  if (backup == nullptr) {
    return store::FromSqlite(sqlite3_errcode(destination->raw()), destination->raw(),
                             "starting the backup to " + Quote(path));
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return store::FromSqlite(rc, destination->raw(), "backing up to " + Quote(path));
  }
  // The copy opens like the archive (write-ahead log), and holds everything in its main file.
  KEFU_RETURN_IF_ERROR(destination->Exec("PRAGMA journal_mode = WAL"));
  return destination->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// Flushes a file (or a directory's entries) to the disk.
Status Fsync(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Status(Code::kIo, "opening " + Quote(path) + " to flush it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) return Status(Code::kIo, "flushing " + Quote(path) + ": " + std::strerror(saved));
  return Status::Ok();
}

// Gives the finished copy its name, never over a file that appeared meanwhile (a hard link fails
// when the name is taken; where the file system has none, the name is checked first).
Status Publish(const std::string& partial, const std::string& path) {
  if (::link(partial.c_str(), path.c_str()) == 0) {
    ::unlink(partial.c_str());
  } else if (errno == EEXIST) {
    return Status(Code::kAlreadyExists, "destination_path is " + Quote(path) +
                                            ": a file appeared there during the backup");
  } else {
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      return Status(Code::kAlreadyExists, "destination_path is " + Quote(path) +
                                              ": a file appeared there during the backup");
    }
    std::filesystem::rename(partial, path, error);
    if (error) {
      return Status(Code::kIo, "naming the backup " + Quote(path) + ": " + error.message());
    }
  }
  const std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
  return Fsync(parent.string(), true);
}

void RemovePartial(const std::string& partial) {
  std::error_code error;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(partial + suffix, error);
  }
}

Status Backup(Session& session, const v1::BackupRequest& request, v1::BackupResponse* response) {
  const std::string& path = request.destination_path();
  KEFU_RETURN_IF_ERROR(archive::CheckText(path, "destination_path", 4096, true));
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return Status(Code::kAlreadyExists,
                  "destination_path is " + Quote(path) + ": the file exists; kefu never "
                  "overwrites a file with a backup");
  }
  if (path == session.db().path() || path == kMemoryPath) {
    return Status::InvalidArgument("destination_path is " + Quote(path) +
                                   ": give a new file for the copy");
  }
  // The copy is written under a name of its own and given the destination's name only when it
  // is complete and on the disk: a copy killed half-way never looks like a backup. A partial
  // copy left by an earlier run that never finished is cleared first.
  const std::string partial = path + ".partial";
  RemovePartial(partial);
  Status copied = session.Use([&](store::Connection& c) { return CopyTo(c, partial); });
  if (copied.ok()) copied = Fsync(partial, false);
  if (copied.ok()) copied = Publish(partial, path);
  if (!copied.ok()) {
    RemovePartial(partial);  // no half-written copy is left behind
    return copied;
  }
  response->set_bytes(static_cast<std::int64_t>(std::filesystem::file_size(path, error)));
  response->set_schema_version(store::kSchemaVersion);
  // Who copied the archive where: copies carry every patient's data.
  v1::BackupRequest record = request;
  return session.Write([&](store::Connection& c) {
    return audit::AppendAudit(session, c,
                                audit::AuditRecord{"archive.backup", "archive", 0, 0, nullptr,
                                                     &record});
  });
}

Status CheckIntegrity(Session& session, const v1::CheckIntegrityRequest&,
                      v1::CheckIntegrityResponse* response) {
  return session.Read([&](store::Connection& c) {
    store::Statement integrity;
    KEFU_RETURN_IF_ERROR(c.Prepare("PRAGMA integrity_check", &integrity));
    bool row = false;
    while (true) {
      KEFU_RETURN_IF_ERROR(integrity.Step(&row));
      if (!row) break;
      if (integrity.Text(0) != "ok") response->add_problems(integrity.Text(0));
    }
    store::Statement keys;
    KEFU_RETURN_IF_ERROR(c.Prepare("PRAGMA foreign_key_check", &keys));
    while (true) {
      KEFU_RETURN_IF_ERROR(keys.Step(&row));
      if (!row) break;
      response->add_problems("table " + keys.Text(0) + " row " + std::to_string(keys.Int(1)) +
                             " refers to a missing row of " + keys.Text(2));
    }
    std::vector<std::string> found;
    KEFU_RETURN_IF_ERROR(store::CompareSchema(c, ArchiveSchema(), &found));
    KEFU_RETURN_IF_ERROR(audit::CheckRecordsAgainstAudit(c, AuditedTables(), &found));
    for (std::string& problem : found) response->add_problems(std::move(problem));
    v1::VerifyAuditResponse audit;
    KEFU_RETURN_IF_ERROR(audit::VerifyAudit(c, &audit));
    response->set_audit_ok(audit.ok());
    response->set_audit_entries(audit.entries_checked());
    if (!audit.ok()) response->add_problems("audit trail: " + audit.problem());
    response->set_ok(response->problems().empty());
    return Status::Ok();
  });
}

Status GetInfo(Session& session, const v1::GetInfoRequest&, v1::GetInfoResponse* response) {
  return session.Read([&](store::Connection& c) {
    response->set_path(session.db().path());
    std::int64_t n = 0;
    KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &n));
    response->set_schema_version(static_cast<std::int32_t>(n));
    std::string text;
    KEFU_RETURN_IF_ERROR(c.QueryText("PRAGMA journal_mode", &text));
    response->set_journal_mode(text);
    KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA synchronous", &n));
    static const char* const kSync[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
    response->set_synchronous(n >= 0 && n <= 3 ? kSync[n] : std::to_string(n));
    KEFU_RETURN_IF_ERROR(c.QueryInt(
        "SELECT count(*) FROM patients WHERE status != " +
            std::to_string(v1::PATIENT_STATUS_MERGED),
        &n));
    response->set_patients(n);
    KEFU_RETURN_IF_ERROR(c.QueryInt("SELECT count(*) FROM encounters", &n));
    response->set_encounters(n);
    KEFU_RETURN_IF_ERROR(c.QueryInt("SELECT count(*) FROM contacts", &n));
    response->set_contacts(n);
    KEFU_RETURN_IF_ERROR(c.QueryInt("SELECT count(*) FROM audit", &n));
    response->set_audit_entries(n);
    response->set_utc_offset_minutes(session.db().utc_offset_minutes());
    response->set_simulated_clock(session.db().simulated_clock());
    if (session.db().simulated_clock()) response->set_now_ms(session.db().NowMs());
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
  dispatcher.Add("kefu.v1.MaintenanceService/SetSimulatedClock", &SetSimulatedClock);
  dispatcher.Add("kefu.v1.MaintenanceService/Backup", &Backup);
  dispatcher.Add("kefu.v1.MaintenanceService/CheckIntegrity", &CheckIntegrity);
  dispatcher.Add("kefu.v1.MaintenanceService/GetInfo", &GetInfo);
}

}  // namespace kefu::rpc
