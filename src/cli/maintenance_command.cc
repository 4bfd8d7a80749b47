// `kefu init`, `kefu backup` and `kefu check`: creating an archive and keeping it safe.
#include <cstdio>
#include <filesystem>

#include "cli/command.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {
namespace {

int Init(const ArchiveOptions& o) {
  std::error_code error;
  if (std::filesystem::exists(o.db, error)) {
    return Fail(Status(Code::kAlreadyExists, "--db is " + Quote(o.db) +
                                                 ": a file is already there (kefu init never "
                                                 "touches an existing file)"));
  }
  Connection connection;
  if (o.admin.empty()) {
    return Fail(Status::InvalidArgument(
        "--admin is required: name the new archive's first administrator (it checks "
        "permissions from the start; that actor registers the others)"));
  }
  if (Status s = connection.Open(o.db, o.admin, false, o.admin); !s.ok()) return Fail(s);
  v1::GetInfoResponse info;
  if (Status s = connection.Call("kefu.v1.MaintenanceService/GetInfo", v1::GetInfoRequest(), &info);
      !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::fputs(ToJson(info).c_str(), stdout);
  } else {
    std::printf("created archive %s (schema %d, UTC%+d), administered by %s\n", o.db.c_str(),
                info.schema_version(), info.utc_offset_minutes() / 60, o.admin.c_str());
  }
  return 0;
}

int Backup(const ArchiveOptions& o, const std::string& to) {
  Connection connection;
  if (Status s = OpenArchive(o, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::BackupRequest request;
  request.set_destination_path(to);
  v1::BackupResponse response;
  if (!o.json) std::fprintf(stderr, "backing up %s to %s ...\n", o.db.c_str(), to.c_str());
  if (Status s = connection.Call("kefu.v1.MaintenanceService/Backup", request, &response);
      !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    std::printf("backed up %s to %s: %lld bytes, schema version %d\n", o.db.c_str(), to.c_str(),
                static_cast<long long>(response.bytes()), response.schema_version());
  }
  return 0;
}

int Check(const ArchiveOptions& o) {
  Connection connection;
  if (Status s = OpenArchive(o, Access::kRead, &connection); !s.ok()) return Fail(s);
  v1::CheckIntegrityResponse check;
  if (Status s = connection.Call("kefu.v1.MaintenanceService/CheckIntegrity",
                                 v1::CheckIntegrityRequest(), &check);
      !s.ok()) {
    return Fail(s);
  }
  v1::GetInfoResponse info;
  if (Status s = connection.Call("kefu.v1.MaintenanceService/GetInfo", v1::GetInfoRequest(), &info);
      !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::fputs(ToJson(check).c_str(), stdout);
  } else {
    std::printf("archive %s: schema %d, journal %s, synchronous %s\n", info.path().c_str(),
                info.schema_version(), info.journal_mode().c_str(), info.synchronous().c_str());
    std::printf("%s, %s, %s, %s\n", Count(info.patients(), "patient").c_str(),
                Count(info.encounters(), "encounter").c_str(),
                Count(info.contacts(), "contact").c_str(),
                Count(info.audit_entries(), "audit entry", "audit entries").c_str());
    for (const std::string& problem : check.problems())
      std::printf("PROBLEM: %s\n", problem.c_str());
    std::printf("%s\n", check.ok() ? "integrity: ok; audit chain: ok" : "integrity: FAILED");
  }
  if (!check.ok()) {
    std::fprintf(stderr, "kefu: KEFU_ERR_CORRUPT: the archive failed its checks\n");
    return static_cast<int>(Code::kCorrupt);
  }
  return 0;
}

}  // namespace

void AddMaintenanceCommands(CLI::App& app) {
  auto init = std::make_shared<ArchiveOptions>();
  CLI::App* sub =
      app.add_subcommand("init", "create a new, empty archive (never over an existing file)");
  sub->add_option("--db", init->db, "the new archive's file")->required()->type_name("NEW_ARCHIVE");
  sub->add_option("--admin", init->admin,
                  "its first administrator: registered with the administrator role, and the "
                  "archive checks permissions from the start")
      ->required()
      ->type_name("NAME");
  sub->add_flag("--json", init->json, "print the new archive's kefu.v1.GetInfoResponse");
  OnRun(sub, [init] { return Init(*init); });

  auto backup = std::make_shared<ArchiveOptions>();
  auto to = std::make_shared<std::string>();
  sub = app.add_subcommand("backup", "copy an archive, consistently, while it stays in use");
  AddArchiveOptions(sub, backup.get(), Access::kRead);
  sub->add_option("--to", *to, "the copy's file; must not exist yet")
      ->required()
      ->type_name("NEW_FILE");
  OnRun(sub, [backup, to] { return Backup(*backup, *to); });

  auto check = std::make_shared<ArchiveOptions>();
  sub = app.add_subcommand("check", "check an archive's integrity and its audit trail");
  AddArchiveOptions(sub, check.get(), Access::kRead);
  sub->footer(
      "Checks SQLite's integrity and foreign keys and the audit trail's hash chain. Exit code 0\n"
      "when all is well, 8 (KEFU_ERR_CORRUPT) when a check fails.");
  OnRun(sub, [check] { return Check(*check); });
}

}  // namespace kefu::cli
