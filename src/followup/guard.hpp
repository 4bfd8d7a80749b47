// Defence in depth. A plan that should have closed (by a bug, or a change of the never-call list)
// must still never reach a caller: every list of calls — the worklist, Schedule — checks each
// task's patient (deceased, opted out, cured, merged away) and the never-call list when it is
// built, leaves out a task that fails, and records it: the task is suppressed with the reason
// (audit "task.suppress", shown by Explain) and its plan closes.
#ifndef KEFU_SRC_FOLLOWUP_GUARD_HPP
#define KEFU_SRC_FOLLOWUP_GUARD_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "session/session.hpp"
#include "kefu/date.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

// Why a pending task must not be called; empty when it may. `patient` is the task's.
std::string HoldBackReason(const v1::Task& task, const v1::Patient& patient,
                           const v1::NeverCallList& never_call);

// Suppresses the task (if it is still live and still must not be called) and closes its plan,
// inside the caller's write transaction. `list` names the list that found it ("the worklist of
// 2026-11-23").
Status SuppressTask(Session& session, store::Connection& c, std::int64_t task_id,
                    const std::string& list);

// The same for tasks found by a list built in a read transaction: one write of its own. A list
// never waits for this record to be written: the tasks are already left out of it.
void SuppressTasks(Session& session, const std::vector<std::int64_t>& task_ids,
                   const std::string& list);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_GUARD_HPP
