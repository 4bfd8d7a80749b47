// `kefu cadence`: the windows of a follow-up cadence for a discharge day, as a table or JSON.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kUsage = R"(usage: kefu cadence [--policy NAME | --policy-file FILE] --discharged DATE
                    [--count N | --on-or-after DATE] [--json]
       kefu cadence --list [--json]

Prints the follow-up windows of a cadence for a patient discharged on DATE (YYYY-MM-DD).

  --policy NAME         a built-in policy: standard (default), out-of-town, local
  --policy-file FILE    a policy of your own: a kefu.v1.CadencePolicy in JSON
  --discharged DATE     the anchor: the discharge day
  --count N             how many windows to print (default 12, at most 10000)
  --on-or-after DATE    print only the first window due on or after DATE
  --list                print the built-in policies
  --json                print protobuf JSON instead of a table
)";

std::string Clock(const v1::TimeOfDay& t) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", t.hours(), t.minutes());
  return text;
}

Status ReadPolicyFile(const std::string& path, v1::CadencePolicy* policy) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kIo, "--policy-file is " + Quote(path) + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  google::protobuf::util::JsonParseOptions options;
  const auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), policy, options);
  if (!parsed.ok()) {
    return Status::InvalidArgument("--policy-file " + Quote(path) +
                                   " is not a kefu.v1.CadencePolicy in JSON: " +
                                   std::string(parsed.message()));
  }
  return Status::Ok();
}

void PrintWindows(const google::protobuf::RepeatedPtrField<v1::Window>& windows,
                  const std::string& policy_label, const std::string& discharged) {
  std::printf("%s, discharged %s", policy_label.c_str(), discharged.c_str());
  if (!windows.empty()) std::printf(", calls at %s", Clock(windows[0].call_time()).c_str());
  std::printf("\n\n");
  Table table({"#", "opens", "due", "after discharge", "channel", "purpose"});
  for (const v1::Window& w : windows) {
    table.Add({std::to_string(w.seq()), DateText(w.opens()), DateText(w.due()),
               "D+" + std::to_string(w.days_after_anchor()),
               EnumWords(v1::Channel_Name(w.channel()), "CHANNEL_"),
               EnumWords(v1::Purpose_Name(w.purpose()), "PURPOSE_")});
  }
  std::fputs(table.Render().c_str(), stdout);
}

int List(Connection& connection, bool json) {
  v1::ListPoliciesResponse response;
  if (Status s = connection.Call("kefu.v1.CadenceService/ListPolicies",
                                 v1::ListPoliciesRequest(), &response);
      !s.ok()) {
    return Fail(s);
  }
  if (json) {
    std::fputs(ToJson(response).c_str(), stdout);
    return 0;
  }
  for (const v1::CadencePolicy& p : response.policies()) {
    std::printf("%-12s %s\n", p.name().c_str(), p.description().c_str());
  }
  return 0;
}

}  // namespace

int CadenceCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"policy", "policy-file", "discharged", "count", "on-or-after"},
                             {"json", "list", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  if (args.Has("help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!args.positional().empty()) {
    return Fail(Status::InvalidArgument("unexpected argument " + Quote(args.positional()[0]) +
                                        " (see kefu cadence --help)"));
  }
  Connection connection;
  if (Status s = connection.Open(":memory:", "cli"); !s.ok()) return Fail(s);
  const bool json = args.Has("json");
  if (args.Has("list")) return List(connection, json);

  if (args.Has("policy") && args.Has("policy-file")) {
    return Fail(Status::InvalidArgument("give --policy or --policy-file, not both"));
  }
  v1::CadencePolicy file_policy;
  std::string label = "Policy " + args.Get("policy").value_or("standard");
  if (auto path = args.Get("policy-file")) {
    if (Status s = ReadPolicyFile(*path, &file_policy); !s.ok()) return Fail(s);
    label = "Policy " + (file_policy.name().empty() ? *path : file_policy.name());
  }
  auto set_source = [&](auto* request) {
    if (args.Has("policy-file")) {
      *request->mutable_policy() = file_policy;
    } else {
      request->set_builtin(args.Get("policy").value_or("standard"));
    }
  };
  const auto discharged = args.Get("discharged");
  if (!discharged) {
    return Fail(Status::InvalidArgument("--discharged is missing (see kefu cadence --help)"));
  }

  if (auto on_or_after = args.Get("on-or-after")) {
    if (args.Has("count")) {
      return Fail(Status::InvalidArgument("give --count or --on-or-after, not both"));
    }
    v1::NextRequest request;
    set_source(&request);
    if (Status s = ParseDateFlag(*discharged, "--discharged", request.mutable_anchor()); !s.ok()) {
      return Fail(s);
    }
    if (Status s = ParseDateFlag(*on_or_after, "--on-or-after", request.mutable_on_or_after());
        !s.ok()) {
      return Fail(s);
    }
    v1::NextResponse response;
    if (Status s = connection.Call("kefu.v1.CadenceService/Next", request, &response); !s.ok()) {
      return Fail(s);
    }
    if (json) {
      std::fputs(ToJson(response).c_str(), stdout);
    } else if (response.ended()) {
      std::printf("%s, discharged %s: the cadence has ended before %s\n", label.c_str(),
                  discharged->c_str(), on_or_after->c_str());
    } else {
      google::protobuf::RepeatedPtrField<v1::Window> one;
      *one.Add() = response.window();
      PrintWindows(one, label, *discharged);
    }
    return 0;
  }

  v1::ExpandRequest request;
  set_source(&request);
  if (Status s = ParseDateFlag(*discharged, "--discharged", request.mutable_anchor()); !s.ok()) {
    return Fail(s);
  }
  const std::string count = args.Get("count").value_or("12");
  try {
    std::size_t used = 0;
    request.set_count(std::stoi(count, &used));
    if (used != count.size()) throw std::invalid_argument(count);
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--count is " + Quote(count) + ": expected a number"));
  }
  v1::ExpandResponse response;
  if (Status s = connection.Call("kefu.v1.CadenceService/Expand", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (json) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    PrintWindows(response.windows(), label, *discharged);
  }
  return 0;
}

}  // namespace kefu::cli
