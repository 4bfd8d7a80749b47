// `kefu backup` and `kefu check`: keeping the archive safe from the command line.
#include <cstdio>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kBackupUsage = R"(usage: kefu backup --db ARCHIVE --to NEW_FILE [--actor NAME]

Copies the archive, consistently, while it stays in use. NEW_FILE must not exist.
)";

constexpr const char* kCheckUsage = R"(usage: kefu check --db ARCHIVE [--json]

Checks the archive: SQLite's integrity and foreign keys, and the audit trail's hash chain.
Exit code 0 when all is well, 8 (KEFU_ERR_CORRUPT) when a check fails.
)";

}  // namespace

int BackupCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db", "to", "actor"}, {"help"}, &args); !s.ok()) return Fail(s);
  if (args.Has("help")) {
    std::fputs(kBackupUsage, stdout);
    return 0;
  }
  const auto db = args.Get("db");
  const auto to = args.Get("to");
  if (!db || !to) return Fail(Status::InvalidArgument("give --db and --to (see kefu backup --help)"));
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  v1::BackupRequest request;
  request.set_destination_path(*to);
  v1::BackupResponse response;
  std::fprintf(stderr, "backing up %s to %s ...\n", db->c_str(), to->c_str());
  if (Status s = connection.Call("kefu.v1.MaintenanceService/Backup", request, &response); !s.ok()) {
    return Fail(s);
  }
  std::printf("backed up %s to %s: %lld bytes, schema version %d\n", db->c_str(), to->c_str(),
              static_cast<long long>(response.bytes()), response.schema_version());
  return 0;
}

int CheckCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db"}, {"json", "help"}, &args); !s.ok()) return Fail(s);
  if (args.Has("help")) {
    std::fputs(kCheckUsage, stdout);
    return 0;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu check --help)"));
  Connection connection;
  if (Status s = connection.Open(*db, "cli"); !s.ok()) return Fail(s);
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
  if (args.Has("json")) {
    std::fputs(ToJson(check).c_str(), stdout);
  } else {
    std::printf("archive %s: schema %d, journal %s, synchronous %s\n", info.path().c_str(),
                info.schema_version(), info.journal_mode().c_str(), info.synchronous().c_str());
    std::printf("%lld patients, %lld encounters, %lld contacts, %lld audit entries\n",
                static_cast<long long>(info.patients()), static_cast<long long>(info.encounters()),
                static_cast<long long>(info.contacts()), static_cast<long long>(info.audit_entries()));
    for (const std::string& problem : check.problems()) std::printf("PROBLEM: %s\n", problem.c_str());
    std::printf("%s\n", check.ok() ? "integrity: ok; audit chain: ok" : "integrity: FAILED");
  }
  if (!check.ok()) {
    std::fprintf(stderr, "kefu: KEFU_ERR_CORRUPT: the archive failed its checks\n");
    return static_cast<int>(Code::kCorrupt);
  }
  return 0;
}

}  // namespace kefu::cli
