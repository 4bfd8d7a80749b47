// Changes to the follow-up configuration, each checked against what is stored, written and
// audited in the caller's transaction: settings, plan rules, the never-call list, the hospital's
// own policies, the calendar, staff. (Reading it: config.hpp; the one a transaction works under:
// configuration.hpp.)
#ifndef KEFU_SRC_FOLLOWUP_CONFIG_CHANGES_HPP
#define KEFU_SRC_FOLLOWUP_CONFIG_CHANGES_HPP

#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

// Replaces the settings (checked by the caller) unless their version says they changed since
// they were read (FailedPrecondition); the version moves on by one.
Status ChangeSettings(Session& session, store::Connection& c, v1::FollowUpSettings settings,
                      v1::FollowUpSettings* out);

// Replaces the plan rules, each checked: its policy resolves, its texts and ranges hold.
Status ReplacePlanRules(Session& session, store::Connection& c,
                        const v1::SetPlanRulesRequest& request, v1::ListPlanRulesResponse* out);

// Replaces the never-call list (its texts checked by the caller) and closes the open plans it
// now forbids.
Status ReplaceNeverCall(Session& session, store::Connection& c, const v1::NeverCallList& list,
                        v1::NeverCallList* out);

// Stores a policy of the hospital's own as its next version.
Status AddPolicy(Session& session, store::Connection& c, const v1::PutPolicyRequest& request,
                 v1::StoredPolicy* out);

// Replaces one year of the calendar (its holidays and working weekends).
Status ChangeCalendarYear(Session& session, store::Connection& c,
                          const v1::SetCalendarYearRequest& request, v1::CalendarYear* out);

// Adds or replaces one member of staff (checked by the caller), whose shifts must be the
// settings'.
Status PutStaffMember(Session& session, store::Connection& c, const v1::StaffMember& member,
                      v1::StaffMember* out);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CONFIG_CHANGES_HPP
