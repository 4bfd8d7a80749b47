// Days and Unix milliseconds: the one place that turns a time into a day, and the range of times
// kefu's calendar (1900-01-01..2200-12-31, kefu/date.hpp) covers.
#ifndef KEFU_SRC_BASE_DAYS_HPP
#define KEFU_SRC_BASE_DAYS_HPP

#include <cstdint>

#include "kefu/date.hpp"

namespace kefu {

inline constexpr std::int64_t kDayMs = 86400000;
// The first and last millisecond of kefu's calendar.
inline constexpr std::int64_t kFirstMs = std::int64_t{kMinDay} * kDayMs;
inline constexpr std::int64_t kLastMs = (std::int64_t{kMaxDay} + 1) * kDayMs - 1;

// The day a time falls on, `utc_offset_minutes` east of UTC (rounding down, also before 1970).
constexpr Day DayOfMs(std::int64_t ms, int utc_offset_minutes) {
  const std::int64_t local = ms + std::int64_t{utc_offset_minutes} * 60000;
  return static_cast<Day>(local >= 0 ? local / kDayMs : (local - (kDayMs - 1)) / kDayMs);
}

// Midnight at the start of `day`, `utc_offset_minutes` east of UTC, in Unix milliseconds.
constexpr std::int64_t MidnightMs(Day day, int utc_offset_minutes) {
  return std::int64_t{day} * kDayMs - std::int64_t{utc_offset_minutes} * 60000;
}

}  // namespace kefu

#endif  // KEFU_SRC_BASE_DAYS_HPP
