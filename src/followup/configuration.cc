#include "followup/configuration.hpp"

#include "followup/config.hpp"

namespace kefu::followup {

Status Configuration::Of(Session& session, store::Connection& c, Configuration** out) {
  Configuration* config = session.TransactionState<Configuration>().get();
  if (!config->loaded_) {
    KEFU_RETURN_IF_ERROR(LoadSettings(c, &config->settings));
    KEFU_RETURN_IF_ERROR(LoadNeverCall(c, &config->never_call));
    KEFU_RETURN_IF_ERROR(LoadRules(c, &config->rules));
    KEFU_RETURN_IF_ERROR(CallingCalendar::Load(c, config->settings, &config->calendar));
    config->loaded_ = true;
  }
  *out = config;
  return Status::Ok();
}

Status Configuration::Policy(store::Connection& c, const std::string& name, const Cadence** cadence,
                             std::int32_t* version) {
  auto found = policies_.find(name);
  if (found == policies_.end()) {
    std::pair<Cadence, std::int32_t> resolved;
    KEFU_RETURN_IF_ERROR(ResolvePolicy(c, name, "plan.policy", &resolved.first, &resolved.second));
    found = policies_.emplace(name, std::move(resolved)).first;
  }
  *cadence = &found->second.first;
  *version = found->second.second;
  return Status::Ok();
}

}  // namespace kefu::followup
