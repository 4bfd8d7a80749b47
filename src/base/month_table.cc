#include "base/month_table.hpp"

namespace kefu::detail {

MonthTable::MonthTable() {
  month_start_.reserve(static_cast<std::size_t>(kTableMonths) + 1);
  by_day_.reserve(static_cast<std::size_t>(kMaxDay - kMinDay) + 1);
  Day day = kMinDay;
  for (int year = kMinYear; year <= kMaxYear; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const auto index = static_cast<std::uint32_t>((year - kMinYear) * 12 + month - 1);
      month_start_.push_back(day);
      const int length = DaysInMonth(year, month);
      for (int mday = 1; mday <= length; ++mday, ++day) {
        by_day_.push_back(index << 5 | static_cast<std::uint32_t>(mday));
      }
    }
  }
  month_start_.push_back(day);  // 2201-01-01, the end of the last month
}

const MonthTable& Months() {
  static const MonthTable table;
  return table;
}

}  // namespace kefu::detail
