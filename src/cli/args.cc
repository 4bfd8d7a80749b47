#include "cli/args.hpp"

namespace kefu::cli {

Status Args::Parse(const std::vector<std::string>& argv, const std::set<std::string>& valued,
                   const std::set<std::string>& switches, Args* out) {
  Args args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      args.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name) != 0) {
      if (value) return Status::InvalidArgument("--" + name + " takes no value");
      args.values_[name].push_back("");
    } else if (valued.count(name) != 0) {
      if (!value) {
        if (i + 1 >= argv.size()) return Status::InvalidArgument("--" + name + " needs a value");
        value = argv[++i];
      }
      args.values_[name].push_back(*value);
    } else {
      return Status::InvalidArgument("unknown option --" + name + " (see --help)");
    }
  }
  *out = std::move(args);
  return Status::Ok();
}

std::optional<std::string> Args::Get(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace kefu::cli
