// A small command-line parser for `kefu SUBCOMMAND [--flag value] [--switch] [positional]`:
// flags as `--name value` or `--name=value`, each declared, so that a typo is an error.
#ifndef KEFU_SRC_CLI_ARGS_HPP
#define KEFU_SRC_CLI_ARGS_HPP

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kefu/status.hpp"

namespace kefu::cli {

class Args {
 public:
  // `valued` flags take a value; `switches` do not. Both are given without the leading "--".
  static Status Parse(const std::vector<std::string>& argv, const std::set<std::string>& valued,
                      const std::set<std::string>& switches, Args* out);

  // The last value given for a flag, or every value of a flag given several times.
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) != 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_ARGS_HPP
