#include "baselines/boost_cadence.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace kefu_bench::boost_loop {
namespace {

namespace bg = boost::gregorian;

const bg::date kEpoch(1970, 1, 1);

bg::date ToDate(std::int32_t day) { return kEpoch + bg::days(day); }
std::int32_t ToDay(const bg::date& d) { return static_cast<std::int32_t>((d - kEpoch).days()); }

bg::date AddMonthsClamped(const bg::date& base, int months) {
  const int index = base.year() * 12 + (base.month() - 1) + months;
  const int y = index / 12, m = index % 12 + 1;
  const int last = bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                            static_cast<unsigned short>(m));
  return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                  static_cast<unsigned short>(std::min<int>(base.day(), last)));
}

constexpr int kStepDays[4] = {7, 21, 42, 70};

std::int32_t Next(std::int32_t anchor, const bg::date& today) {
  const bg::date a = ToDate(anchor);
  for (int offset : kStepDays) {
    const bg::date due = a + bg::days(offset);
    if (due >= today) return ToDay(due);
  }
  const bg::date base = a + bg::days(70);
  for (int r = 1;; ++r) {
    const bg::date due = AddMonthsClamped(base, 3 * r);
    if (due >= today) return ToDay(due);
  }
}

}  // namespace

void NextAll(const std::int32_t* anchors, std::size_t n, std::int32_t today, std::int32_t* out) {
  const bg::date t = ToDate(today);
  for (std::size_t i = 0; i < n; ++i) out[i] = Next(anchors[i], t);
}

void Expand20(std::int32_t anchor, std::int32_t* out) {
  const bg::date a = ToDate(anchor);
  for (int i = 0; i < 4; ++i) out[i] = ToDay(a + bg::days(kStepDays[i]));
  const bg::date base = a + bg::days(70);
  for (int r = 1; r <= 16; ++r) out[3 + r] = ToDay(AddMonthsClamped(base, 3 * r));
}

}  // namespace kefu_bench::boost_loop
