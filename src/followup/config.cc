#include "followup/config.hpp"

#include <set>
#include <tuple>

#include "archive/normalize.hpp"
#include "messages/convert.hpp"

namespace kefu::followup {
namespace {

Status Load(store::Connection& c, const char* key, google::protobuf::Message* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT record FROM followup_config WHERE key = ?", &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Bind(1, std::string_view(key)).Step(&row));
  if (row && !store::ParseColumn(s, 0, out)) {
    return Status(Code::kCorrupt, std::string("the follow-up ") + key + " do not decode");
  }
  return Status::Ok();
}

Status Store(store::Connection& c, const char* key, const google::protobuf::Message& value) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO followup_config (key, record) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET record = excluded.record",
                &s));
  return s.Bind(1, std::string_view(key)).BindBlob(2, value.SerializeAsString()).Run();
}

}  // namespace

Status LoadSettings(store::Connection& c, v1::FollowUpSettings* out) {
  KEFU_RETURN_IF_ERROR(Load(c, "settings", out));
  if (out->max_attempts_per_window() == 0) out->set_max_attempts_per_window(kDefaultMaxAttempts);
  return Status::Ok();
}
Status LoadRules(store::Connection& c, v1::ListPlanRulesResponse* out) {
  return Load(c, "rules", out);
}
Status LoadNeverCall(store::Connection& c, v1::NeverCallList* out) {
  return Load(c, "never_call", out);
}
Status StoreSettings(store::Connection& c, const v1::FollowUpSettings& settings) {
  return Store(c, "settings", settings);
}
Status StoreRules(store::Connection& c, const v1::ListPlanRulesResponse& rules) {
  return Store(c, "rules", rules);
}
Status StoreNeverCall(store::Connection& c, const v1::NeverCallList& never_call) {
  return Store(c, "never_call", never_call);
}

Status LoadStaff(store::Connection& c, v1::ListStaffResponse* out) { return Load(c, "staff", out); }
Status StoreStaff(store::Connection& c, const v1::ListStaffResponse& staff) {
  return Store(c, "staff", staff);
}

std::vector<v1::Shift> ShiftsOf(const v1::FollowUpSettings& settings) {
  if (!settings.shifts().empty()) return {settings.shifts().begin(), settings.shifts().end()};
  std::vector<v1::Shift> shifts(3);
  const std::tuple<const char*, int, int> defaults[] = {
      {"early", 8 * 60, 16 * 60}, {"middle", 10 * 60, 18 * 60}, {"night", 16 * 60, 24 * 60}};
  for (std::size_t i = 0; i < 3; ++i) {
    shifts[i].set_name(std::get<0>(defaults[i]));
    shifts[i].set_start_minutes(std::get<1>(defaults[i]));
    shifts[i].set_end_minutes(std::get<2>(defaults[i]));
  }
  return shifts;
}

Status ResolvePolicy(store::Connection& c, const std::string& name, const std::string& field,
                     Cadence* cadence, std::int32_t* version) {
  if (Cadence::Builtin(name, cadence).ok()) {
    *version = 0;
    return Status::Ok();
  }
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT version, record FROM stored_policies WHERE name = ?", &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Bind(1, name).Step(&row));
  if (!row) {
    return Status::NotFound(field + " is " + Quote(name) +
                            ": no built-in or stored policy of that name");
  }
  v1::CadencePolicy policy;
  if (!store::ParseColumn(s, 1, &policy)) {
    return Status(Code::kCorrupt, "stored policy " + Quote(name) + " does not decode");
  }
  *version = static_cast<std::int32_t>(s.Int(0));
  return messages::CadenceFromProto(policy, cadence);
}

Status PutPolicy(store::Connection& c, const v1::CadencePolicy& policy, v1::StoredPolicy* out) {
  if (policy.name().empty())
    return Status::InvalidArgument("policy.name is empty: name the policy");
  if (Cadence::FindBuiltin(policy.name()) != nullptr) {
    return Status::InvalidArgument("policy.name is " + Quote(policy.name()) +
                                   ": a built-in policy's name; choose another");
  }
  Cadence check;
  KEFU_RETURN_IF_ERROR(messages::CadenceFromProto(policy, &check));
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO stored_policies (name, version, record) VALUES (?1, 1, ?2) "
                "ON CONFLICT (name) DO UPDATE SET version = version + 1, record = excluded.record "
                "RETURNING version",
                &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Bind(1, policy.name()).BindBlob(2, policy.SerializeAsString()).Step(&row));
  *out->mutable_policy() = policy;
  out->set_version(static_cast<std::int32_t>(s.Int(0)));
  return s.Run();
}

Status ListStoredPolicies(store::Connection& c, v1::ListStoredPoliciesResponse* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT version, record FROM stored_policies ORDER BY name", &s));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    v1::StoredPolicy* stored = out->add_policies();
    stored->set_version(static_cast<std::int32_t>(s.Int(0)));
    if (!store::ParseColumn(s, 1, stored->mutable_policy())) {
      return Status(Code::kCorrupt, "a stored policy does not decode");
    }
  }
}

namespace {

// Shifts: named once each, each inside one day.
Status CheckShifts(const v1::FollowUpSettings& settings) {
  std::set<std::string> names;
  for (int i = 0; i < settings.shifts_size(); ++i) {
    const v1::Shift& shift = settings.shifts(i);
    const std::string field = "settings.shifts[" + std::to_string(i) + "]";
    KEFU_RETURN_IF_ERROR(archive::CheckText(shift.name(), field + ".name", 32, true));
    if (!names.insert(shift.name()).second) {
      return Status::InvalidArgument(field + ".name is " + Quote(shift.name()) + ": listed twice");
    }
    if (shift.start_minutes() < 0 || shift.start_minutes() >= 1440 ||
        shift.end_minutes() <= shift.start_minutes() || shift.end_minutes() > 1440) {
      return Status::InvalidArgument(
          field + " is " + std::to_string(shift.start_minutes()) + ".." +
          std::to_string(shift.end_minutes()) +
          " minutes: a shift starts at 0..1439 and ends after it, by 1440");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckSettings(const v1::FollowUpSettings& settings) {
  if (settings.max_attempts_per_window() < 0 || settings.max_attempts_per_window() > 20) {
    return Status::InvalidArgument("settings.max_attempts_per_window is " +
                                   std::to_string(settings.max_attempts_per_window()) +
                                   ": must be 1..20 (0 for the default, 3)");
  }
  const auto fallback = settings.fallback_channel();
  if (fallback != v1::CHANNEL_UNSPECIFIED && fallback != v1::CHANNEL_LETTER &&
      fallback != v1::CHANNEL_SMS) {
    return Status::InvalidArgument("settings.fallback_channel is " + std::to_string(fallback) +
                                   ": a missed call falls back to CHANNEL_LETTER or CHANNEL_SMS");
  }
  if (settings.unreachable_after_missed() < 0 || settings.unreachable_after_missed() > 20) {
    return Status::InvalidArgument("settings.unreachable_after_missed is " +
                                   std::to_string(settings.unreachable_after_missed()) +
                                   ": must be 1..20 (0 for the default, 3)");
  }
  if (settings.death_dispositions_size() > 100) {
    return Status::InvalidArgument("settings.death_dispositions has " +
                                   std::to_string(settings.death_dispositions_size()) +
                                   " entries: at most 100");
  }
  for (int i = 0; i < settings.death_dispositions_size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(settings.death_dispositions(i),
                           "settings.death_dispositions[" + std::to_string(i) + "]", 64, true));
  }
  return CheckShifts(settings);
}

}  // namespace kefu::followup
