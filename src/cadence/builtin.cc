// The built-in policies, from the hospital's own documents (../shared/seeds):
//  - standard (004): calls within weeks 1, 3, 6 and 10 after discharge, then every three months.
//  - out-of-town (002): one call within 3 days: did the patient get home safely.
//  - local (002): calls 1 week, 1 month and 6 months after discharge.
#include <cstdlib>
#include <string>

#include "kefu/cadence.hpp"

namespace kefu {
namespace {

Step DaysStep(std::int32_t days, std::int32_t opens_before, Purpose purpose) {
  return Step{{days, TimeUnit::kDays}, opens_before, Channel::kPhone, purpose};
}

Step MonthsStep(std::int32_t months, Purpose purpose) {
  return Step{{months, TimeUnit::kMonths}, 6, Channel::kPhone, purpose};
}

std::vector<Policy> MakeBuiltins() {
  Policy standard;
  standard.name = "standard";
  standard.description =
      "Discharged patients: within week 1 (D+1..D+7), week 3 (D+15..D+21), week 6 (D+36..D+42) "
      "and week 10 (D+64..D+70), then every 3 months after D+70, each due at the end of its "
      "window; unbounded.";
  standard.steps = {
      DaysStep(7, 6, Purpose::kConditionInquiry), DaysStep(21, 6, Purpose::kEfficacyFeedback),
      DaysStep(42, 6, Purpose::kReturnVisit), DaysStep(70, 6, Purpose::kEfficacyFeedback)};
  standard.repeat =
      Repeat{{3, TimeUnit::kMonths}, 0, true, 6, Channel::kPhone, Purpose::kHealthTracking};

  Policy out_of_town;
  out_of_town.name = "out-of-town";
  out_of_town.description = "Out-of-town patients: one call within 3 days (D+1..D+3).";
  out_of_town.steps = {DaysStep(3, 2, Purpose::kSafeArrival)};

  Policy local;
  local.name = "local";
  local.description =
      "Local patients: within week 1 (D+1..D+7), then 1 month and 6 months after discharge, "
      "each month call's window opening 6 days before it is due.";
  local.steps = {DaysStep(7, 6, Purpose::kConditionInquiry),
                 MonthsStep(1, Purpose::kEfficacyFeedback), MonthsStep(6, Purpose::kReturnVisit)};
  return {standard, out_of_town, local};
}

}  // namespace

const std::vector<Policy>& Cadence::BuiltinPolicies() {
  static const std::vector<Policy> policies = MakeBuiltins();
  return policies;
}

const Cadence* Cadence::FindBuiltin(std::string_view name) {
  // Compiled once: calls that name a built-in (every kefu_call of CadenceService, every plan a
  // discharge opens) should not validate and compile it again.
  static const std::vector<Cadence> compiled = [] {
    std::vector<Cadence> out;
    for (const Policy& policy : BuiltinPolicies()) {
      Cadence c;
      if (!Compile(policy, &c).ok()) std::abort();  // the built-ins are valid by construction
      out.push_back(std::move(c));
    }
    return out;
  }();
  for (const Cadence& c : compiled) {
    if (c.policy().name == name) return &c;
  }
  return nullptr;
}

Status Cadence::Builtin(std::string_view name, Cadence* out) {
  if (const Cadence* found = FindBuiltin(name)) {
    *out = *found;
    return Status::Ok();
  }
  return Status::NotFound("builtin is " + Quote(name) +
                          ": no built-in policy of that name (standard, out-of-town, local)");
}

}  // namespace kefu
