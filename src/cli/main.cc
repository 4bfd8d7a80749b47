// `kefu`: the command-line tool. Subcommands per module; `--help` on each; exit code 0 on
// success, otherwise the kefu_status value with its name and message on stderr.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "kefu/kefu.h"

namespace {

constexpr const char* kUsage = R"(usage: kefu COMMAND [options]

commands:
  cadence    the follow-up windows of a cadence for a discharge day
  patient    add, show and search patients in an archive
  import     import patients and encounters from CSV files, all or nothing
  backup     copy an archive while it is in use
  check      check an archive's integrity and its audit trail
  worklist   the day's follow-up calls, with each patient's case
  call       call record: the outcome of a follow-up call; or call METHOD: any kefu.v1 method
  followup   report: the team's measures; explain: why a patient is due
  demo       a follow-up team's day on a sample archive
  version    the library's version and ABI

Run `kefu COMMAND --help` for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 1 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "cadence") return kefu::cli::CadenceCommand(args);
  if (command == "call" && !args.empty() && args[0] == "record") {
    return kefu::cli::CallRecordCommand(args);
  }
  if (command == "call") return kefu::cli::CallCommand(args);
  if (command == "worklist") return kefu::cli::WorklistCommand(args);
  if (command == "followup") return kefu::cli::FollowUpCommand(args);
  if (command == "demo") return kefu::cli::DemoCommand(args);
  if (command == "patient") return kefu::cli::PatientCommand(args);
  if (command == "import") return kefu::cli::ImportCommand(args);
  if (command == "backup") return kefu::cli::BackupCommand(args);
  if (command == "check") return kefu::cli::CheckCommand(args);
  if (command == "version" || command == "--version") {
    std::printf("kefu %s (ABI %d)\n", kefu_version(), kefu_abi_version());
    return 0;
  }
  return kefu::cli::Fail(kefu::Status::InvalidArgument("unknown command " + kefu::Quote(command) +
                                                       " (see kefu --help)"));
}
