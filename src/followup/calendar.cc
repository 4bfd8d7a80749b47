#include "followup/calendar.hpp"

#include "followup/plan_store.hpp"

namespace kefu::followup {

int Weekday(Day day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }  // 1970-01-01: Thursday

Status CallingCalendar::Load(store::Connection& c, const v1::FollowUpSettings& settings,
                             CallingCalendar* out) {
  out->weekends_ = settings.weekends_are_calling_days();
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT record FROM calendar_years", &s));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    v1::CalendarYear year;
    if (!store::ParseColumn(s, 0, &year))
      return Status(Code::kCorrupt, "a calendar year does not decode");
    for (const auto& d : year.days_off()) out->off_.insert(DayOf(d));
    for (const auto& d : year.working_days()) out->on_.insert(DayOf(d));
    out->version_ = std::max(out->version_, year.version());
  }
  return Status::Ok();
}

bool CallingCalendar::IsCallingDay(Day day) const {
  if (off_.count(day) != 0) return false;
  if (on_.count(day) != 0) return true;
  return weekends_ || Weekday(day) < 5;
}

Day CallingCalendar::NextCallingDay(Day day) const {
  for (Day d = day; d <= std::min<Day>(day + 366, kMaxDay); ++d) {
    if (IsCallingDay(d)) return d;
  }
  return day;
}

Status SetCalendarYear(store::Connection& c, const v1::CalendarYear& year, v1::CalendarYear* out) {
  if (year.year() < kMinYear || year.year() > kMaxYear) {
    return Status::InvalidArgument("year.year is " + std::to_string(year.year()) +
                                   ": must be 1900..2200");
  }
  std::set<Day> off;
  for (int i = 0; i < year.days_off_size(); ++i) {
    const auto& d = year.days_off(i);
    const std::string field = "year.days_off[" + std::to_string(i) + "]";
    Day day = 0;
    KEFU_RETURN_IF_ERROR(DayFromYmd(d.year(), d.month(), d.day(), field, &day));
    if (d.year() != year.year()) {
      return Status::InvalidArgument(field + " is " + FormatDay(day) + ": not in " +
                                     std::to_string(year.year()));
    }
    off.insert(day);
  }
  for (int i = 0; i < year.working_days_size(); ++i) {
    const auto& d = year.working_days(i);
    const std::string field = "year.working_days[" + std::to_string(i) + "]";
    Day day = 0;
    KEFU_RETURN_IF_ERROR(DayFromYmd(d.year(), d.month(), d.day(), field, &day));
    if (d.year() != year.year()) {
      return Status::InvalidArgument(field + " is " + FormatDay(day) + ": not in " +
                                     std::to_string(year.year()));
    }
    if (off.count(day) != 0) {
      return Status::InvalidArgument(field + " is " + FormatDay(day) +
                                     ": also listed as a day off");
    }
  }
  std::int64_t version = 0;
  KEFU_RETURN_IF_ERROR(
      c.QueryInt("SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM meta "
                 "WHERE key = 'calendar_version'",
                 &version));
  *out = year;
  out->set_version(static_cast<std::int32_t>(version + 1));
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO calendar_years (year, record) VALUES (?, ?) "
                "ON CONFLICT (year) DO UPDATE SET record = excluded.record",
                &s));
  KEFU_RETURN_IF_ERROR(
      s.Bind(1, std::int64_t{year.year()}).BindBlob(2, out->SerializeAsString()).Run());
  return c.Exec("INSERT INTO meta (key, value) VALUES ('calendar_version', '" +
                std::to_string(version + 1) +
                "') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
}

Status GetCalendarYear(store::Connection& c, std::int32_t year, v1::CalendarYear* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT record FROM calendar_years WHERE year = ?", &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Bind(1, std::int64_t{year}).Step(&row));
  if (!row) {
    out->set_year(year);
    return Status::Ok();
  }
  if (!store::ParseColumn(s, 0, out))
    return Status(Code::kCorrupt, "a calendar year does not decode");
  return Status::Ok();
}

}  // namespace kefu::followup
