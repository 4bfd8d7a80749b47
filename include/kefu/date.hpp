// Calendar days as int32 day numbers (days since 1970-01-01, proleptic Gregorian): conversion to
// and from year/month/day, month arithmetic that clamps to the month's end, and the text form
// YYYY-MM-DD. kefu accepts 1900-01-01 .. 2200-12-31. Pure functions; thread-safe.
#ifndef KEFU_DATE_HPP
#define KEFU_DATE_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/status.hpp"

namespace kefu {

using Day = std::int32_t;

struct Ymd {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const Ymd&, const Ymd&) = default;
};

inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;
inline constexpr Day kMinDay = -25567;  // 1900-01-01
inline constexpr Day kMaxDay = 84370;   // 2200-12-31

constexpr bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int DaysInMonth(int y, int m) {
  constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kLength[m - 1];
}

// Exact for any proleptic Gregorian date whose day number fits in int32 (H. Hinnant's algorithm).
constexpr Day DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr Ymd CivilFromDays(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, d};
}

static_assert(DaysFromCivil(1900, 1, 1) == kMinDay);
static_assert(DaysFromCivil(2200, 12, 31) == kMaxDay);

constexpr bool IsSupportedDay(std::int64_t day) { return day >= kMinDay && day <= kMaxDay; }

// True when y-m-d exists and lies in the supported years.
bool IsValidYmd(int y, int m, int d);

// The day number of y-m-d; InvalidArgument naming `field` when the date does not exist or lies
// outside 1900..2200.
Status DayFromYmd(int y, int m, int d, std::string_view field, Day* out);

// InvalidArgument naming `field` unless day is within kMinDay..kMaxDay.
Status CheckSupportedDay(std::int64_t day, std::string_view field);

// `day` plus `months` calendar months, the day of the month clamped to the target month's last
// day (Jan 31 + 1 month = Feb 28/29). Exact for any int32 day; the caller checks the range.
Day AddMonthsClamped(Day day, std::int64_t months);

// "2026-01-31". Any day number is formatted (years beyond 9999 get more digits).
std::string FormatDay(Day day);

// Parses "YYYY-MM-DD" into a supported day; InvalidArgument naming `field` otherwise.
Status ParseDay(std::string_view text, std::string_view field, Day* out);

}  // namespace kefu

#endif  // KEFU_DATE_HPP
