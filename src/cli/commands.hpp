// The subcommands of `kefu`. Each takes the arguments after its name and returns the exit code.
#ifndef KEFU_SRC_CLI_COMMANDS_HPP
#define KEFU_SRC_CLI_COMMANDS_HPP

#include <string>
#include <vector>

namespace kefu::cli {

int CadenceCommand(const std::vector<std::string>& args);
int CallCommand(const std::vector<std::string>& args);
int PatientCommand(const std::vector<std::string>& args);
int ImportCommand(const std::vector<std::string>& args);
int BackupCommand(const std::vector<std::string>& args);
int CheckCommand(const std::vector<std::string>& args);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_COMMANDS_HPP
