// The daily worklist: every task due on a day with its patient's case, in the order the team
// works through it (overdue first, the longest overdue first; then first contacts; then by due
// day).
//
// The items are written in wire form. Patients, stays, contacts and tasks are stored as their
// kefu.v1 messages (store/schema.cc), so an item is its stored records framed as fields 1-4 plus
// the overdue fields: nothing is decoded and encoded again, which was most of the worklist's
// time. They travel as the response's unknown field 1 (items), which serializes exactly as the
// field itself: callers of kefu_call (binary or JSON, rpc/dispatcher.cc) read ordinary items,
// while in-process response.items() stays empty.
#ifndef KEFU_SRC_FOLLOWUP_WORKLIST_HPP
#define KEFU_SRC_FOLLOWUP_WORKLIST_HPP

#include <cstdint>
#include <vector>

#include "session/session.hpp"
#include "kefu/date.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

// Appends the worklist of `day` (its staff, shift and limit from the request) and every open
// escalation to the response. Tasks whose patient must not be called are left out and listed in
// *held, to be suppressed (guard.hpp). Corrupt when a stored record is damaged.
Status BuildWorklist(Session& session, store::Connection& c, Day day,
                     const v1::WorklistRequest& request, v1::WorklistResponse* response,
                     std::vector<std::int64_t>* held);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_WORKLIST_HPP
