#include "cli/command.hpp"

#include <cstdio>

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
  sub->add_option("--actor", options->actor,
                  "who acts: checked against its roles, recorded with every write in the audit "
                  "trail (default: $KEFU_ACTOR, else cli)")
      ->envname("KEFU_ACTOR")
      ->type_name("NAME");
  if (access == Access::kWrite) {
    sub->add_flag("--create", options->create,
                  "create the archive if there is none at ARCHIVE (otherwise a missing file is an "
                  "error)");
  }
}

Status OpenArchive(const ArchiveOptions& options, Access access, Connection* connection) {
  const bool must_exist = access == Access::kRead || !options.create;
  return connection->Open(options.db, options.actor, must_exist);
}

Status OpenAndCall(const ArchiveOptions& options, Access access, const std::string& method,
                   const google::protobuf::Message& request, google::protobuf::Message* response,
                   Connection* connection) {
  KEFU_RETURN_IF_ERROR(OpenArchive(options, access, connection));
  return connection->Call(method, request, response);
}

bool PrintedAsJson(const ArchiveOptions& options, const google::protobuf::Message& message) {
  if (options.json) std::fputs(ToJson(message).c_str(), stdout);
  return options.json;
}

}  // namespace kefu::cli
