// A lookup table over the supported calendar (1900-01 .. 2200-12) that turns month arithmetic
// into two array loads: the cadence hot path adds months to millions of days a night, and the
// division-heavy civil-from-days conversion would dominate it. Built once, then read-only.
#ifndef KEFU_SRC_DATE_MONTH_TABLE_HPP
#define KEFU_SRC_DATE_MONTH_TABLE_HPP

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kefu/date.hpp"

namespace kefu::detail {

inline constexpr std::int64_t kTableMonths = std::int64_t{kMaxYear - kMinYear + 1} * 12;
inline constexpr Day kBeyondRange = kMaxDay + 1;  // any result after 2200-12-31

class MonthTable {
 public:
  MonthTable();

  // `day` (a supported day) plus `months` (>= 0), clamped to the month's end; kBeyondRange when
  // the result falls after 2200-12-31.
  Day AddMonths(Day day, std::int64_t months) const {
    const std::uint32_t packed = by_day_[static_cast<std::size_t>(day - kMinDay)];
    return InMonth(std::int64_t{packed >> 5} + months, static_cast<int>(packed & 31u));
  }

  // The month index (months since 1900-01) of a supported day.
  std::int64_t MonthIndex(Day day) const {
    return by_day_[static_cast<std::size_t>(day - kMinDay)] >> 5;
  }
  int DayOfMonth(Day day) const {
    return static_cast<int>(by_day_[static_cast<std::size_t>(day - kMinDay)] & 31u);
  }

  // Day `mday` of month `index`, clamped to the month's last day; kBeyondRange past 2200-12.
  Day InMonth(std::int64_t index, int mday) const {
    if (index >= kTableMonths) return kBeyondRange;
    const auto i = static_cast<std::size_t>(index);
    const Day start = month_start_[i];
    return start + std::min(mday, month_start_[i + 1] - start) - 1;
  }

 private:
  std::vector<Day> month_start_;        // kTableMonths + 1 entries
  std::vector<std::uint32_t> by_day_;   // (month index << 5) | day of month, from kMinDay
};

// The process-wide table, built on first use (thread-safe).
const MonthTable& Months();

}  // namespace kefu::detail

#endif  // KEFU_SRC_DATE_MONTH_TABLE_HPP
