// The subcommands of `kefu`. Each takes the arguments after its name and returns the exit code.
#ifndef KEFU_SRC_CLI_COMMANDS_HPP
#define KEFU_SRC_CLI_COMMANDS_HPP

#include <string>
#include <vector>

#include "rpc/v1.hpp"

namespace kefu::cli {

int CadenceCommand(const std::vector<std::string>& args);
int CallCommand(const std::vector<std::string>& args);
int PatientCommand(const std::vector<std::string>& args);
int ImportCommand(const std::vector<std::string>& args);
int BackupCommand(const std::vector<std::string>& args);
int CheckCommand(const std::vector<std::string>& args);
int WorklistCommand(const std::vector<std::string>& args);
int CallRecordCommand(const std::vector<std::string>& args);
int FollowUpCommand(const std::vector<std::string>& args);
int DemoCommand(const std::vector<std::string>& args);

// Shared by the follow-up commands and the demo.
void PrintWorklist(const v1::WorklistResponse& list, const std::string& day, std::size_t show);
void PrintReport(const v1::ReportResponse& report);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_COMMANDS_HPP
