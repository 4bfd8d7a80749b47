// Baselines: the standard cadence (calls due D+7, D+21, D+42 and D+70, then every three months
// after D+70, clamped to the month's end) hand-coded over integer day numbers, with no policy
// interpretation and no checks. Two flavours: civil-from-days arithmetic each time (what a careful
// developer writes), and a month-length table (the practical limit kefu's batch path is held to).
// Inline on purpose: the benchmark loop should be able to inline them, as hand-tuned code would.
#ifndef KEFU_BENCH_BASELINES_HAND_CADENCE_HPP
#define KEFU_BENCH_BASELINES_HAND_CADENCE_HPP

#include <algorithm>
#include <cstdint>
#include <vector>

namespace kefu_bench::hand {

inline constexpr std::int32_t kStepDays[4] = {7, 21, 42, 70};
inline constexpr int kRepeatMonths = 3;
inline constexpr int kWindows = 20;  // Q3: the first 20 windows

struct Civil {
  int y, m, d;
};

// Howard Hinnant's civil-from-days and days-from-civil, written out here rather than taken from
// include/kefu/date.hpp on purpose: the baseline is what a developer writes without kefu.
inline Civil FromDays(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
}

inline std::int32_t ToDays(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

inline int MonthLength(int y, int m) {
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kLength[m - 1];
}

// `base` plus `months`, clamped to the month's end, by civil arithmetic.
inline std::int32_t AddMonthsCivil(const Civil& base, int months) {
  const int index = base.y * 12 + (base.m - 1) + months;
  const int y = index / 12, m = index % 12 + 1;
  return ToDays(y, m, std::min(base.d, MonthLength(y, m)));
}

// Q1 by civil arithmetic: jumps straight to the quarter of `today`.
inline std::int32_t NextCivil(std::int32_t anchor, std::int32_t today) {
  for (std::int32_t offset : kStepDays) {
    if (anchor + offset >= today) return anchor + offset;
  }
  const Civil base = FromDays(anchor + 70);
  const Civil t = FromDays(today);
  const int months = (t.y - base.y) * 12 + (t.m - base.m);
  for (int r = std::max(1, (months + 2) / 3);; ++r) {
    const std::int32_t due = AddMonthsCivil(base, kRepeatMonths * r);
    if (due >= today) return due;
  }
}

// Q3 by civil arithmetic: out[0..19] are the due days of the first 20 windows.
inline void Expand20Civil(std::int32_t anchor, std::int32_t* out) {
  for (int i = 0; i < 4; ++i) out[i] = anchor + kStepDays[i];
  const Civil base = FromDays(anchor + 70);
  for (int r = 1; r <= kWindows - 4; ++r) out[3 + r] = AddMonthsCivil(base, kRepeatMonths * r);
}

// The month-length table: for every day from 1900-01-01 its month index and day of the month,
// and the first day of every month; month arithmetic becomes two loads and a min.
class MonthTable {
 public:
  MonthTable() {
    for (int index = 0; index <= kMonths; ++index) {
      month_start_.push_back(ToDays(1900 + index / 12, index % 12 + 1, 1));
    }
    for (int index = 0; index < kMonths; ++index) {
      const std::int32_t start = Start(index);
      for (std::int32_t day = start; day < Start(index + 1); ++day) {
        by_day_.push_back(static_cast<std::uint32_t>(index) << 5 |
                          static_cast<std::uint32_t>(day - start + 1));
      }
    }
  }
  int Index(std::int32_t day) const { return static_cast<int>(Packed(day) >> 5); }
  int MonthDay(std::int32_t day) const { return static_cast<int>(Packed(day) & 31u); }
  std::int32_t InMonth(int index, int mday) const {
    const std::int32_t start = Start(index);
    return start + std::min(mday, Start(index + 1) - start) - 1;
  }

 private:
  static constexpr int kMonths = (2200 - 1900 + 1) * 12;
  std::int32_t Start(int index) const { return month_start_.data()[index]; }
  std::uint32_t Packed(std::int32_t day) const { return by_day_.data()[day - first_]; }
  const std::int32_t first_ = ToDays(1900, 1, 1);
  std::vector<std::int32_t> month_start_;
  std::vector<std::uint32_t> by_day_;
};

inline std::int32_t NextTable(const MonthTable& t, std::int32_t anchor, std::int32_t today) {
  for (std::int32_t offset : kStepDays) {
    if (anchor + offset >= today) return anchor + offset;
  }
  const std::int32_t base = anchor + 70;
  const int index = t.Index(base), mday = t.MonthDay(base);
  const int r = std::max(1, (t.Index(today) - index + 2) / kRepeatMonths);
  const std::int32_t due = t.InMonth(index + kRepeatMonths * r, mday);
  return due >= today ? due : t.InMonth(index + kRepeatMonths * (r + 1), mday);
}

inline void Expand20Table(const MonthTable& t, std::int32_t anchor, std::int32_t* out) {
  for (int i = 0; i < 4; ++i) out[i] = anchor + kStepDays[i];
  const std::int32_t base = anchor + 70;
  const int index = t.Index(base), mday = t.MonthDay(base);
  for (int r = 1; r <= kWindows - 4; ++r) out[3 + r] = t.InMonth(index + kRepeatMonths * r, mday);
}

}  // namespace kefu_bench::hand

#endif  // KEFU_BENCH_BASELINES_HAND_CADENCE_HPP
