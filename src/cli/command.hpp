// The subcommands of `kefu`, declared with CLI11: each module's file adds its subcommands to the
// app (options with their descriptions, so that `--help` on every subcommand says what each
// option does) and the action that runs when one is chosen. An action returns the exit code: 0,
// or the kefu_status value of the failure, printed with its name and message on stderr.
#ifndef KEFU_SRC_CLI_COMMAND_HPP
#define KEFU_SRC_CLI_COMMAND_HPP

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "cli/output.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {

// The exit code the chosen subcommand's action returned.
int& ExitCode();

// Runs `action` when `sub` is the subcommand chosen, keeping its exit code.
void OnRun(CLI::App* sub, std::function<int()> action);

// How a command uses its archive. Reading never creates one: a mistyped path is an error, not a
// new empty archive. Writing creates only when the user says so (--create); `kefu init` creates.
enum class Access { kRead, kWrite };

// The options of every command on an archive.
struct ArchiveOptions {
  std::string db;
  std::string actor = "cli";
  bool json = false;
  bool create = false;
  std::string admin;  // kefu init --admin: the new archive's first administrator
};

// --db (required), --json, --actor (default: $KEFU_ACTOR, else "cli"), and for writing commands
// --create.
void AddArchiveOptions(CLI::App* sub, ArchiveOptions* options, Access access);

// Opens the archive the options name, as `access` allows.
Status OpenArchive(const ArchiveOptions& options, Access access, Connection* connection);

// Opens the archive and calls `method`: what most subcommands do first.
Status OpenAndCall(const ArchiveOptions& options, Access access, const std::string& method,
                   const google::protobuf::Message& request, google::protobuf::Message* response,
                   Connection* connection);

// With --json, prints `message` as the one JSON document and returns true.
bool PrintedAsJson(const ArchiveOptions& options, const google::protobuf::Message& message);

// Each module's subcommands.
void AddCadenceCommand(CLI::App& app);
void AddPatientCommands(CLI::App& app);
void AddImportCommand(CLI::App& app);
void AddMaintenanceCommands(CLI::App& app);  // init, backup, check
void AddWorklistCommand(CLI::App& app);
void AddCallCommands(CLI::App& app);  // call METHOD, call record
void AddFollowUpCommands(
    CLI::App& app);                     // report, explain, schedule, unreachable, questions, answer
void AddConfigCommands(CLI::App& app);  // settings, rules, never-call, calendar, staff
void AddDemoCommand(CLI::App& app);
void AddAccessCommands(CLI::App& app);            // role, actor, access-log
void AddPatientExportCommand(CLI::App* patient);  // patient export

// Shared by the follow-up commands and the demo. Times print in the archive's zone.
void PrintWorklist(const v1::WorklistResponse& list, const std::string& day, std::size_t show,
                   int utc_offset_minutes);
void PrintReport(const v1::ReportResponse& report);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_COMMAND_HPP
