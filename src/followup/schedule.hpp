// Who calls, and on which day: assigns pending tasks to calling days, staff and shifts by
// deadline, each to the least loaded day of its window within people's capacities (see
// ScheduleRequest in followup.proto).
#ifndef KEFU_SRC_FOLLOWUP_SCHEDULE_HPP
#define KEFU_SRC_FOLLOWUP_SCHEDULE_HPP

#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

Status Schedule(Session& session, const v1::ScheduleRequest& request, v1::ScheduleResponse* out);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_SCHEDULE_HPP
