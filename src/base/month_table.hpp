// A lookup table over the supported calendar (1900-01 .. 2200-12) that turns month arithmetic
// into two array loads: the cadence hot path adds months to millions of days a night, and the
// division-heavy civil-from-days conversion would dominate it. Built once, then read-only.
#ifndef KEFU_SRC_BASE_MONTH_TABLE_HPP
#define KEFU_SRC_BASE_MONTH_TABLE_HPP

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

  // The table's arrays as raw pointers. Hot loops copy a View into a local: their stores to an
  // output array could otherwise alias the table's vectors and force a reload per item.
  struct View {
    const Day* month_start;       // kTableMonths + 1 entries
    const std::uint32_t* by_day;  // (month index << 5) | day of month, from kMinDay

    std::int64_t MonthIndex(Day day) const {
      return by_day[static_cast<std::size_t>(day - kMinDay)] >> 5;
    }
    int DayOfMonth(Day day) const {
      return static_cast<int>(by_day[static_cast<std::size_t>(day - kMinDay)] & 31u);
    }
    Day InMonth(std::int64_t index, int mday) const {
      if (index >= kTableMonths) return kBeyondRange;
      const auto i = static_cast<std::size_t>(index);
      const Day start = month_start[i];
      return start + std::min(mday, month_start[i + 1] - start) - 1;
    }
  };
  View view() const { return View{month_start_.data(), by_day_.data()}; }

  // `day` (a supported day) plus `months` (>= 0), clamped to the month's end; kBeyondRange when
  // the result falls after 2200-12-31.
  Day AddMonths(Day day, std::int64_t months) const {
    const View v = view();
    return v.InMonth(v.MonthIndex(day) + months, v.DayOfMonth(day));
  }

  // The month index (months since 1900-01) of a supported day.
  std::int64_t MonthIndex(Day day) const { return view().MonthIndex(day); }
  int DayOfMonth(Day day) const { return view().DayOfMonth(day); }

  // Day `mday` of month `index`, clamped to the month's last day; kBeyondRange past 2200-12.
  Day InMonth(std::int64_t index, int mday) const { return view().InMonth(index, mday); }

 private:
  std::vector<Day> month_start_;
  std::vector<std::uint32_t> by_day_;
};

// The process-wide table, built on first use (thread-safe).
const MonthTable& Months();

}  // namespace kefu::detail

#endif  // KEFU_SRC_BASE_MONTH_TABLE_HPP
