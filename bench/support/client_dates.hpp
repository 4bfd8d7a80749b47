// Day numbers into the caller's own kefu.v1.Date, for the benchmarks that build requests with the
// client classes (as a HIS does).
#ifndef KEFU_BENCH_SUPPORT_CLIENT_DATES_HPP
#define KEFU_BENCH_SUPPORT_CLIENT_DATES_HPP

#include <cstdint>

#include "kefu/kefu.h"
#include "kefu/v1/common.pb.h"

namespace kefu_bench {

inline void SetDate(std::int32_t day, kefu::v1::Date* date) {
  int y = 0, m = 0, d = 0;
  kefu_date_to_ymd(day, &y, &m, &d);
  date->set_year(y);
  date->set_month(m);
  date->set_day(d);
}

}  // namespace kefu_bench

#endif  // KEFU_BENCH_SUPPORT_CLIENT_DATES_HPP
