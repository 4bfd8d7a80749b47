#include "followup/report.hpp"

#include <map>
#include <utility>

#include "followup/calendar.hpp"
#include "followup/escalations.hpp"
#include "followup/plan_store.hpp"
#include "followup/schema.hpp"

namespace kefu::followup {
namespace {

struct Tally {
  int due = 0, on_time = 0, late = 0, missed = 0, open = 0;
  std::int64_t attempts_done = 0;
  void Add(const v1::Task& t) {
    ++due;
    switch (t.state()) {
      case v1::TASK_STATE_DONE:
        (DayOf(t.done_on()) <= DayOf(t.due()) ? on_time : late) += 1;
        attempts_done += t.attempts();
        break;
      case v1::TASK_STATE_MISSED:
        ++missed;
        break;
      default:
        ++open;
    }
  }
  void To(v1::ReportRow* row) const {
    row->set_due(due);
    row->set_done_on_time(on_time);
    row->set_done_late(late);
    row->set_missed(missed);
    row->set_open(open);
    const int done = on_time + late;
    row->set_reach_rate(done + missed == 0 ? 0.0 : static_cast<double>(done) / (done + missed));
    row->set_attempts_per_done(done == 0 ? 0.0 : static_cast<double>(attempts_done) / done);
  }
};

Day PeriodStart(Day day, v1::ReportPeriod period) {
  if (period == v1::REPORT_PERIOD_WEEK) return day - Weekday(day);
  if (period == v1::REPORT_PERIOD_MONTH) {
    const Ymd ymd = CivilFromDays(day);
    return DaysFromCivil(ymd.year, ymd.month, 1);
  }
  return day;
}

}  // namespace

Status BuildReport(store::Connection& c, const v1::ReportRequest& request, std::int64_t now_ms,
                   v1::ReportResponse* out) {
  Day from = 0, to = 0;
  KEFU_RETURN_IF_ERROR(DayFromYmd(request.from().year(), request.from().month(),
                                  request.from().day(), "from", &from));
  KEFU_RETURN_IF_ERROR(
      DayFromYmd(request.to().year(), request.to().month(), request.to().day(), "to", &to));
  if (to < from)
    return Status::InvalidArgument("to is " + FormatDay(to) + ": before from " + FormatDay(from));
  if (to - from > 3660)
    return Status::InvalidArgument("from..to spans " + std::to_string(to - from + 1) +
                                   " days: at most ten years per report");
  if (request.period() < 0 || request.period() > v1::ReportPeriod_MAX) {
    return Status::InvalidArgument("period is " + std::to_string(request.period()) +
                                   ": unknown value");
  }
  if (request.by() < 0 || request.by() > v1::ReportBy_MAX) {
    return Status::InvalidArgument("by is " + std::to_string(request.by()) + ": unknown value");
  }
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM tasks WHERE due_day BETWEEN ? AND ? AND state != ?", &s));
  s.Bind(1, std::int64_t{from})
      .Bind(2, std::int64_t{to})
      .Bind(3, std::int64_t{v1::TASK_STATE_CANCELLED});
  std::map<std::pair<Day, std::string>, Tally> rows;
  Tally total;
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    v1::Task task;
    KEFU_RETURN_IF_ERROR(kTasks.Decode(s, &task));
    const std::string group = request.by() == v1::REPORT_BY_DEPARTMENT ? task.department()
                              : request.by() == v1::REPORT_BY_STAFF    ? task.done_by()
                                                                       : std::string();
    rows[{PeriodStart(DayOf(task.due()), request.period()), group}].Add(task);
    total.Add(task);
  }
  for (const auto& [key, tally] : rows) {
    v1::ReportRow* r = out->add_rows();
    *r->mutable_period_start() = DateOf(key.first);
    r->set_group(key.second);
    tally.To(r);
  }
  total.To(out->mutable_total());
  std::vector<v1::Escalation> open;
  KEFU_RETURN_IF_ERROR(ListEscalations(c, 0, false, now_ms, &open));
  out->set_open_escalations(static_cast<std::int32_t>(open.size()));
  int overdue = 0;
  for (const auto& e : open) overdue += e.overdue() ? 1 : 0;
  out->set_overdue_escalations(overdue);
  return Status::Ok();
}

}  // namespace kefu::followup
