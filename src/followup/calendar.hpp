// The hospital's calling calendar: which days follow-up calls are made. Weekends are not called
// (unless the settings say they are), nor the days off a year lists; the weekend days a year
// lists as working days are (China's swapped working days, 调休). Kept per year as data.
#ifndef KEFU_SRC_FOLLOWUP_CALENDAR_HPP
#define KEFU_SRC_FOLLOWUP_CALENDAR_HPP

#include <set>

#include "kefu/date.hpp"
#include "messages/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

class CallingCalendar {
 public:
  static Status Load(store::Connection& c, const v1::FollowUpSettings& settings,
                     CallingCalendar* out);

  bool IsCallingDay(Day day) const;
  // The first calling day on or after `day` (a year without any gives `day` itself).
  Day NextCallingDay(Day day) const;
  std::int32_t version() const { return version_; }

 private:
  std::set<Day> off_, on_;
  bool weekends_ = false;
  std::int32_t version_ = 0;
};

// 0 = Monday .. 6 = Sunday.
int Weekday(Day day);

Status SetCalendarYear(store::Connection& c, const v1::CalendarYear& year, v1::CalendarYear* out);
Status GetCalendarYear(store::Connection& c, std::int32_t year, v1::CalendarYear* out);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CALENDAR_HPP
