// The hospital's follow-up configuration, kept in the archive: settings, plan rules, the
// never-call list, and cadence policies of its own (versioned, so that every plan can say which
// version of which policy it was computed from).
#ifndef KEFU_SRC_FOLLOWUP_CONFIG_HPP
#define KEFU_SRC_FOLLOWUP_CONFIG_HPP

#include <string>
#include <vector>

#include "kefu/cadence.hpp"
#include "messages/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

inline constexpr int kDefaultMaxAttempts = 3;

// Each returns the stored value, or the default when none was stored.
Status LoadSettings(store::Connection& c, v1::FollowUpSettings* out);
Status LoadRules(store::Connection& c, v1::ListPlanRulesResponse* out);
Status LoadNeverCall(store::Connection& c, v1::NeverCallList* out);

Status StoreSettings(store::Connection& c, const v1::FollowUpSettings& settings);
Status LoadStaff(store::Connection& c, v1::ListStaffResponse* out);
Status StoreStaff(store::Connection& c, const v1::ListStaffResponse& staff);

// The settings' shifts, or the default ones (003): early 08-16, middle 10-18, night 16-24.
std::vector<v1::Shift> ShiftsOf(const v1::FollowUpSettings& settings);
Status StoreRules(store::Connection& c, const v1::ListPlanRulesResponse& rules);
Status StoreNeverCall(store::Connection& c, const v1::NeverCallList& never_call);

// A built-in policy (version 0) or one the hospital stored. NotFound naming `field` otherwise.
Status ResolvePolicy(store::Connection& c, const std::string& name, const std::string& field,
                     Cadence* cadence, std::int32_t* version);

// Stores (or replaces, bumping its version) a policy of the hospital's own.
Status PutPolicy(store::Connection& c, const v1::CadencePolicy& policy, v1::StoredPolicy* out);
Status ListStoredPolicies(store::Connection& c, v1::ListStoredPoliciesResponse* out);

// The settings a caller gives, checked field by field (InvalidArgument naming the field): tries
// per window, the fallback channel, when a patient is unreachable, death dispositions, shifts.
Status CheckSettings(const v1::FollowUpSettings& settings);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CONFIG_HPP
