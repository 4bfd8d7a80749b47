// `kefu call`: any method of kefu.v1 with a JSON request, the way a script or an integrator
// tries the API before writing code.
#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kUsage = R"(usage: kefu call METHOD [JSON | -] [--db PATH] [--actor NAME]

Calls METHOD ("kefu.v1.<Service>/<Method>") with a request in protobuf's JSON mapping (default
"{}"; "-" reads it from standard input) and prints the JSON response.

  --db PATH      the archive to use (default: a throwaway in-memory archive)
  --actor NAME   who acts, recorded with every write (default: cli)

example: kefu call kefu.v1.CadenceService/Next \
           '{"builtin": "standard", "anchor": {"year": 2026, "month": 1, "day": 31},
             "onOrAfter": {"year": 2026, "month": 6, "day": 1}}'
)";

}  // namespace

int CallCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db", "actor"}, {"help"}, &args); !s.ok()) return Fail(s);
  if (args.Has("help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const auto& positional = args.positional();
  if (positional.empty() || positional.size() > 2) {
    return Fail(Status::InvalidArgument("give METHOD and optionally JSON (see kefu call --help)"));
  }
  std::string request = positional.size() == 2 ? positional[1] : "{}";
  if (request == "-") {
    request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  Connection connection;
  if (Status s = connection.Open(args.Get("db").value_or(":memory:"),
                                 args.Get("actor").value_or("cli"));
      !s.ok()) {
    return Fail(s);
  }
  std::string response;
  if (Status s = connection.CallJson(positional[0], request, &response); !s.ok()) return Fail(s);
  std::printf("%s\n", response.c_str());
  return 0;
}

}  // namespace kefu::cli
