// The nightly hot path: the next follow-up window for every patient, through the C ABI, per
// anchor and batched, against a hand-tuned loop over integer day numbers (the practical limit)
// measured in the same binary. Items are anchors.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "kefu/kefu.h"

namespace {

int32_t Day(int y, int m, int d) {
  int32_t day = 0;
  kefu_date_from_ymd(y, m, d, &day);
  return day;
}

// Discharges spread over the last five years, as a hospital's active patients are.
std::vector<int32_t> Anchors(std::size_t n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int32_t> dist(Day(2021, 11, 23), Day(2026, 11, 23));
  std::vector<int32_t> anchors(n);
  for (int32_t& a : anchors) a = dist(rng);
  return anchors;
}

kefu_cadence* Standard() {
  static kefu_cadence* c = [] {
    kefu_cadence* made = nullptr;
    kefu_cadence_builtin("standard", &made);
    return made;
  }();
  return c;
}

const int32_t kToday = Day(2026, 11, 23);

void BM_NextPerAnchor(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  kefu_window w;
  for (auto _ : state) {
    for (int32_t a : anchors) {
      kefu_cadence_next(Standard(), a, kToday, &w);
      benchmark::DoNotOptimize(w);
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NextPerAnchor)->Arg(1000)->Arg(100000)->Arg(1000000);

void BM_NextBatch(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  std::vector<kefu_window> out(anchors.size());
  for (auto _ : state) {
    kefu_cadence_next_batch(Standard(), anchors.data(), anchors.size(), kToday, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NextBatch)->Arg(1000)->Arg(100000)->Arg(1000000);

void BM_Expand20(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  kefu_window out[20];
  size_t written = 0;
  for (auto _ : state) {
    for (int32_t a : anchors) {
      kefu_cadence_expand(Standard(), a, out, 20, &written);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Expand20)->Arg(1000)->Arg(100000);

// Baseline: the standard cadence hand-coded over day numbers with civil-from-days arithmetic
// and a month-length table, no policy interpretation, no checks: what kefu's batch path is
// measured against.
struct Civil {
  int y, m, d;
};
Civil FromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
}
int32_t ToDays(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
int MonthLength(int y, int m) {
  static const int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kLength[m - 1];
}
int32_t HandNextDue(int32_t anchor, int32_t today) {
  for (int32_t offset : {7, 21, 42, 70}) {
    if (anchor + offset >= today) return anchor + offset;
  }
  const int32_t base = anchor + 70;
  const Civil b = FromDays(base);
  const Civil t = FromDays(today);
  const int months = (t.y - b.y) * 12 + (t.m - b.m);
  for (int r = std::max(1, (months + 2) / 3);; ++r) {
    const int index = b.y * 12 + (b.m - 1) + 3 * r;
    const int y = index / 12, m = index % 12 + 1;
    const int32_t due = ToDays(y, m, std::min(b.d, MonthLength(y, m)));
    if (due >= today) return due;
  }
}

void BM_BaselineHandLoop(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  std::vector<int32_t> out(anchors.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < anchors.size(); ++i) out[i] = HandNextDue(anchors[i], kToday);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BaselineHandLoop)->Arg(1000)->Arg(100000)->Arg(1000000);

}  // namespace

BENCHMARK_MAIN();
