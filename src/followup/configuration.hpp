// The follow-up configuration one write transaction works under: the settings, the never-call
// list, the plan rules, the calling calendar and the policies plans name, read once per
// transaction by whichever step needs them first and shared by every later one. An import opens
// thousands of plans under one configuration, and a call no longer reads the settings and the
// calendar twice. (Each change of the configuration is a call, and so a transaction, of its own.)
#ifndef KEFU_SRC_FOLLOWUP_CONFIGURATION_HPP
#define KEFU_SRC_FOLLOWUP_CONFIGURATION_HPP

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "followup/calendar.hpp"
#include "kefu/cadence.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"

namespace kefu::followup {

class Configuration {
 public:
  // The transaction's configuration, loaded on first use.
  static Status Of(Session& session, store::Connection& c, Configuration** out);

  // The policy `name` resolved (see ResolvePolicy), once per transaction.
  Status Policy(store::Connection& c, const std::string& name, const Cadence** cadence,
                std::int32_t* version);

  v1::FollowUpSettings settings;
  v1::NeverCallList never_call;
  v1::ListPlanRulesResponse rules;
  CallingCalendar calendar;

 private:
  bool loaded_ = false;
  std::map<std::string, std::pair<Cadence, std::int32_t>> policies_;
};

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CONFIGURATION_HPP
