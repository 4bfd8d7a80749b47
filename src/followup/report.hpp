// The follow-up team's measures: per day, week or month, and per department or staff member —
// tasks due, done on time, done late, missed, still open; the reach rate; attempts per completed
// contact; open and overdue expert questions.
#ifndef KEFU_SRC_FOLLOWUP_REPORT_HPP
#define KEFU_SRC_FOLLOWUP_REPORT_HPP

#include "messages/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

Status BuildReport(store::Connection& c, const v1::ReportRequest& request, std::int64_t now_ms,
                   v1::ReportResponse* out);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_REPORT_HPP
