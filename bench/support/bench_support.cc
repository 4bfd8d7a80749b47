#include "support/bench_support.hpp"

#include <cstdlib>
#include <cstring>
#include <random>

#include "kefu/kefu.h"

namespace kefu_bench {

std::int32_t Day(int year, int month, int day) {
  std::int32_t out = 0;
  if (kefu_date_from_ymd(year, month, day, &out) != KEFU_OK) std::abort();
  return out;
}

std::int32_t Today() { return Day(2026, 11, 23); }

std::vector<std::int32_t> Anchors(std::size_t n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::int32_t> dist(Day(2021, 11, 23), Today());
  std::vector<std::int32_t> anchors(n);
  for (std::int32_t& a : anchors) a = dist(rng);
  return anchors;
}

void Sizes(benchmark::internal::Benchmark* b, std::int64_t max_size) {
  const char* large = std::getenv("KEFU_BENCH_LARGE");
  const bool with_large = large != nullptr && std::strcmp(large, "1") == 0;
  for (std::int64_t n :
       {std::int64_t{1000}, std::int64_t{100000}, std::int64_t{1000000}, std::int64_t{10000000}}) {
    if (n > max_size || (n == 10000000 && !with_large)) continue;
    b->Arg(n);
  }
}

}  // namespace kefu_bench
