#include "cli/command.hpp"

namespace kefu::cli {

int& ExitCode() {
  static int code = 0;
  return code;
}

void OnRun(CLI::App* sub, std::function<int()> action) {
  sub->callback([action = std::move(action)] { ExitCode() = action(); });
}

void AddArchiveOptions(CLI::App* sub, ArchiveOptions* options, Access access) {
  sub->add_option("--db", options->db, "the archive file")->required()->type_name("ARCHIVE");
  sub->add_flag("--json", options->json, "print protobuf's JSON mapping (one document)");
  if (access == Access::kWrite) {
    sub->add_option("--actor", options->actor,
                    "who acts: recorded with every write in the audit trail (default: cli)")
        ->type_name("NAME");
    sub->add_flag("--create", options->create,
                  "create the archive if there is none at ARCHIVE (otherwise a missing file is an "
                  "error)");
  }
}

Status OpenArchive(const ArchiveOptions& options, Access access, Connection* connection) {
  const bool must_exist = access == Access::kRead || !options.create;
  return connection->Open(options.db, options.actor, must_exist);
}

}  // namespace kefu::cli
