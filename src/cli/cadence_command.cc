// `kefu cadence`: the windows of a follow-up cadence for a discharge day, as a table or JSON.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "messages/json.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {
namespace {

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
  return messages::ParseJson(text.str(), "--policy-file " + Quote(path), policy);
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
  if (Status s = connection.Call("kefu.v1.CadenceService/ListPolicies", v1::ListPoliciesRequest(),
                                 &response);
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

struct CadenceOptions {
  std::string policy = "standard", policy_file, discharged, count = "12", on_or_after;
  bool list = false, json = false;
};

// Where the windows come from: a built-in policy by name, or a policy file.
struct Source {
  bool from_file = false;
  std::string builtin;
  v1::CadencePolicy policy;
  std::string label;  // "Policy <name>", for the printed table
  template <class Request>
  void Set(Request* request) const {
    if (from_file) {
      *request->mutable_policy() = policy;
    } else {
      request->set_builtin(builtin);
    }
  }
};

// `kefu cadence --on-or-after DAY`: the first window due on or after a day.
int RunNext(Connection& connection, const Source& source, const CadenceOptions& o) {
  v1::NextRequest request;
  source.Set(&request);
  if (Status s = ParseDateFlag(o.discharged, "--discharged", request.mutable_anchor()); !s.ok()) {
    return Fail(s);
  }
  if (Status s = ParseDateFlag(o.on_or_after, "--on-or-after", request.mutable_on_or_after());
      !s.ok()) {
    return Fail(s);
  }
  v1::NextResponse response;
  if (Status s = connection.Call("kefu.v1.CadenceService/Next", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else if (response.ended()) {
    std::printf("%s, discharged %s: the cadence has ended before %s\n", source.label.c_str(),
                o.discharged.c_str(), o.on_or_after.c_str());
  } else {
    google::protobuf::RepeatedPtrField<v1::Window> one;
    *one.Add() = response.window();
    PrintWindows(one, source.label, o.discharged);
  }
  return 0;
}

// `kefu cadence --count N`: the first N windows.
int RunExpand(Connection& connection, const Source& source, const CadenceOptions& o) {
  v1::ExpandRequest request;
  source.Set(&request);
  if (Status s = ParseDateFlag(o.discharged, "--discharged", request.mutable_anchor()); !s.ok()) {
    return Fail(s);
  }
  try {
    std::size_t used = 0;
    request.set_count(std::stoi(o.count, &used));
    if (used != o.count.size()) throw std::invalid_argument(o.count);
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--count is " + Quote(o.count) + ": expected a number"));
  }
  v1::ExpandResponse response;
  if (Status s = connection.Call("kefu.v1.CadenceService/Expand", request, &response); !s.ok()) {
    return Fail(s);
  }
  if (o.json) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    PrintWindows(response.windows(), source.label, o.discharged);
  }
  return 0;
}

int Run(CLI::App& sub, const CadenceOptions& o) {
  auto has = [&sub](const char* flag) { return sub.count(flag) > 0; };
  Connection connection;
  if (Status s = connection.Open(":memory:", "cli", false); !s.ok()) return Fail(s);
  if (o.list) return List(connection, o.json);
  if (has("--policy") && has("--policy-file")) {
    return Fail(Status::InvalidArgument("give --policy or --policy-file, not both"));
  }
  Source source;
  source.builtin = o.policy;
  source.label = "Policy " + o.policy;
  if (has("--policy-file")) {
    source.from_file = true;
    if (Status s = ReadPolicyFile(o.policy_file, &source.policy); !s.ok()) return Fail(s);
    source.label =
        "Policy " + (source.policy.name().empty() ? o.policy_file : source.policy.name());
  }
  if (!has("--discharged")) {
    return Fail(Status::InvalidArgument("--discharged is missing (see kefu cadence --help)"));
  }
  if (!has("--on-or-after")) return RunExpand(connection, source, o);
  if (has("--count")) {
    return Fail(Status::InvalidArgument("give --count or --on-or-after, not both"));
  }
  return RunNext(connection, source, o);
}

}  // namespace

void AddCadenceCommand(CLI::App& app) {
  auto o = std::make_shared<CadenceOptions>();
  CLI::App* sub = app.add_subcommand(
      "cadence", "the follow-up windows of a cadence for a discharge day (no archive needed)");
  sub->add_option("--policy", o->policy,
                  "a built-in policy: standard (default), out-of-town, local")
      ->type_name("NAME");
  sub->add_option("--policy-file", o->policy_file,
                  "a policy of your own: a kefu.v1.CadencePolicy in JSON")
      ->type_name("FILE");
  sub->add_option("--discharged", o->discharged, "the anchor: the discharge day")
      ->type_name("DATE");
  sub->add_option("--count", o->count, "how many windows to print (default 12, at most 10000)")
      ->type_name("N");
  sub->add_option("--on-or-after", o->on_or_after,
                  "print only the first window due on or after DATE")
      ->type_name("DATE");
  sub->add_flag("--list", o->list, "print the built-in policies");
  sub->add_flag("--json", o->json, "print protobuf's JSON mapping instead of a table");
  sub->footer("example: kefu cadence --policy standard --discharged 2026-01-31 --count 12");
  OnRun(sub, [sub, o] { return Run(*sub, *o); });
}

}  // namespace kefu::cli
