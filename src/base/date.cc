#include "kefu/date.hpp"

#include <charconv>
#include <cstdio>
#include <string>

namespace kefu {

bool IsValidYmd(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

Status DayFromYmd(int y, int m, int d, std::string_view field, Day* out) {
  if (!IsValidYmd(y, m, d)) {
    std::string why = (y < kMinYear || y > kMaxYear) ? "the year must be 1900..2200"
                      : (m < 1 || m > 12)            ? "the month must be 1..12"
                                                     : "no such day in that month";
    char shown[48];
    std::snprintf(shown, sizeof shown, "%04d-%02d-%02d", y, m, d);
    return Status::InvalidArgument(std::string(field) + " is " + shown + ": " + why);
  }
  *out = DaysFromCivil(y, m, d);
  return Status::Ok();
}

Status CheckSupportedDay(std::int64_t day, std::string_view field) {
  if (IsSupportedDay(day)) return Status::Ok();
  std::string shown = std::to_string(day);
  if (day >= INT32_MIN / 2 && day <= INT32_MAX / 2) {
    shown += " (" + FormatDay(static_cast<Day>(day)) + ")";
  }
  return Status::InvalidArgument(std::string(field) + " is day " + shown +
                                 ": outside the supported range 1900-01-01..2200-12-31 (days " +
                                 std::to_string(kMinDay) + ".." + std::to_string(kMaxDay) + ")");
}

Day AddMonthsClamped(Day day, std::int64_t months) {
  const Ymd from = CivilFromDays(day);
  const std::int64_t index = std::int64_t{from.year} * 12 + (from.month - 1) + months;
  const int year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
  const int month = static_cast<int>(index - std::int64_t{year} * 12) + 1;
  const int mday = std::min(from.day, DaysInMonth(year, month));
  return DaysFromCivil(year, month, mday);
}

std::string FormatDay(Day day) {
  const Ymd ymd = CivilFromDays(day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
  return text;
}

Status ParseDay(std::string_view text, std::string_view field, Day* out) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument(std::string(field) + " is " + Quote(text) + ": " + why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad("expected a date as YYYY-MM-DD");
  }
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    const char* first = text.data() + starts[i];
    const char* last = first + lengths[i];
    for (const char* c = first; c != last; ++c) {
      if (*c < '0' || *c > '9') return bad("expected a date as YYYY-MM-DD");
    }
    std::from_chars(first, last, parts[i]);
  }
  if (!IsValidYmd(parts[0], parts[1], parts[2])) {
    if (parts[0] < kMinYear || parts[0] > kMaxYear) return bad("the year must be 1900..2200");
    return bad("no such date");
  }
  *out = DaysFromCivil(parts[0], parts[1], parts[2]);
  return Status::Ok();
}

}  // namespace kefu
