// Q1 and Q3, the nightly hot path: the next follow-up window of every patient (Q1) and the first
// 20 windows of each (Q3) for the standard cadence, through kefu's C ABI, against what a developer
// would use instead, measured in the same binary on the same anchors:
//   hand_table  integer day numbers and a month-length table (the practical limit)
//   hand_civil  integer day numbers, civil-from-days arithmetic each time
//   boost_loop  Boost.DateTime, the straightforward loop, clamped by hand
//   libical_*   RDATEs plus RRULE FREQ=MONTHLY;INTERVAL=3 through libical's iterator (plain, which
//               drops Feb 30 and the like, and RFC 7529's SKIP=BACKWARD), either stepping from
//               DTSTART or seeking with icalrecur_iterator_set_start
// Names are <workload>/<approach>/<anchors>; items are anchors. Every baseline's answers are
// checked against kefu's after the timed loop (a benchmark that disagrees fails), except the plain
// RRULE's, whose share of differing answers is reported as the counter differs_pct.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "baselines/boost_cadence.hpp"
#include "baselines/hand_cadence.hpp"
#include "baselines/ical_cadence.hpp"
#include "kefu/kefu.h"
#include "support/bench_support.hpp"

namespace {

using kefu_bench::Anchors;
using kefu_bench::CountItems;
using kefu_bench::Today;
namespace hand = kefu_bench::hand;
namespace ical = kefu_bench::ical;

kefu_cadence* Standard() {
  static kefu_cadence* c = [] {
    kefu_cadence* made = nullptr;
    if (kefu_cadence_builtin("standard", &made) != KEFU_OK) std::abort();
    return made;
  }();
  return c;
}

const hand::MonthTable kMonthTable;  // built before any benchmark runs

std::size_t Size(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

// kefu's answers, the reference every baseline is checked against.
std::vector<std::int32_t> KefuNext(const std::vector<std::int32_t>& anchors) {
  std::vector<kefu_window> windows(anchors.size());
  kefu_cadence_next_batch(Standard(), anchors.data(), anchors.size(), Today(), windows.data());
  std::vector<std::int32_t> due(anchors.size());
  for (std::size_t i = 0; i < anchors.size(); ++i) due[i] = windows[i].due;
  return due;
}

std::vector<std::int32_t> KefuExpand(const std::vector<std::int32_t>& anchors) {
  std::vector<std::int32_t> due(anchors.size() * hand::kWindows);
  kefu_window w[hand::kWindows];
  std::size_t written = 0;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    kefu_cadence_expand(Standard(), anchors[i], w, hand::kWindows, &written);
    for (std::size_t k = 0; k < written; ++k) due[i * hand::kWindows + k] = w[k].due;
  }
  return due;
}

enum class Verdict { kMustAgree, kCountDifferences };

// Fails the benchmark when a baseline's answers are not kefu's (or reports how many differ, per
// anchor, for the plain RRULE).
void Judge(benchmark::State& state, const std::vector<std::int32_t>& got,
           const std::vector<std::int32_t>& want, std::size_t per_anchor, Verdict verdict) {
  std::size_t differing = 0;
  for (std::size_t i = 0; i < want.size(); i += per_anchor) {
    for (std::size_t k = 0; k < per_anchor; ++k) {
      if (got[i + k] != want[i + k]) {
        ++differing;
        break;
      }
    }
  }
  if (verdict == Verdict::kMustAgree && differing != 0) {
    state.SkipWithError("the baseline's answers differ from kefu's");
  }
  if (verdict == Verdict::kCountDifferences) {
    state.counters["differs_pct"] =
        100.0 * static_cast<double>(differing) / static_cast<double>(want.size() / per_anchor);
  }
}

// ---- Q1: next due ------------------------------------------------------------------------------

void Q1_next_kefu_per_anchor(benchmark::State& state) {
  const auto anchors = Anchors(Size(state));
  const std::int32_t today = Today();
  kefu_window w;
  for (auto _ : state) {
    for (std::int32_t a : anchors) {
      kefu_cadence_next(Standard(), a, today, &w);
      benchmark::DoNotOptimize(w);
    }
  }
  CountItems(state, state.range(0));
}

void Q1_next_kefu_batch(benchmark::State& state) {
  const auto anchors = Anchors(Size(state));
  std::vector<kefu_window> out(anchors.size());
  for (auto _ : state) {
    kefu_cadence_next_batch(Standard(), anchors.data(), anchors.size(), Today(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  CountItems(state, state.range(0));
}

using NextAll = void (*)(const std::vector<std::int32_t>& anchors, std::int32_t today,
                         std::int32_t* out);

void Q1_next(benchmark::State& state, NextAll next, Verdict verdict) {
  const auto anchors = Anchors(Size(state));
  std::vector<std::int32_t> out(anchors.size());
  for (auto _ : state) {
    next(anchors, Today(), out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  CountItems(state, state.range(0));
  Judge(state, out, KefuNext(anchors), 1, verdict);
}

void NextHandTable(const std::vector<std::int32_t>& anchors, std::int32_t today,
                   std::int32_t* out) {
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    out[i] = hand::NextTable(kMonthTable, anchors[i], today);
  }
}
void NextHandCivil(const std::vector<std::int32_t>& anchors, std::int32_t today,
                   std::int32_t* out) {
  for (std::size_t i = 0; i < anchors.size(); ++i) out[i] = hand::NextCivil(anchors[i], today);
}
void NextBoost(const std::vector<std::int32_t>& anchors, std::int32_t today, std::int32_t* out) {
  kefu_bench::boost_loop::NextAll(anchors.data(), anchors.size(), today, out);
}
template <ical::Rule rule, ical::Seek seek>
void NextIcal(const std::vector<std::int32_t>& anchors, std::int32_t today, std::int32_t* out) {
  ical::NextAll(rule, seek, anchors.data(), anchors.size(), today, out);
}

BENCHMARK(Q1_next_kefu_per_anchor)->Name("Q1_next/kefu_per_anchor")->Apply(kefu_bench::AllSizes);
BENCHMARK(Q1_next_kefu_batch)->Name("Q1_next/kefu_batch")->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q1_next, hand_table, NextHandTable, Verdict::kMustAgree)
    ->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q1_next, hand_civil, NextHandCivil, Verdict::kMustAgree)
    ->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q1_next, boost_loop, NextBoost, Verdict::kMustAgree)->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q1_next, libical_skip_set_start,
                  (NextIcal<ical::Rule::kSkipBackward, ical::Seek::kSetStart>), Verdict::kMustAgree)
    ->Apply(kefu_bench::UpTo1e5);
BENCHMARK_CAPTURE(Q1_next, libical_skip_iterate,
                  (NextIcal<ical::Rule::kSkipBackward, ical::Seek::kIterate>), Verdict::kMustAgree)
    ->Apply(kefu_bench::UpTo1e5);
BENCHMARK_CAPTURE(Q1_next, libical_plain_set_start,
                  (NextIcal<ical::Rule::kPlain, ical::Seek::kSetStart>), Verdict::kCountDifferences)
    ->Apply(kefu_bench::UpTo1e5);
BENCHMARK_CAPTURE(Q1_next, libical_plain_iterate,
                  (NextIcal<ical::Rule::kPlain, ical::Seek::kIterate>), Verdict::kCountDifferences)
    ->Apply(kefu_bench::UpTo1e5);

// ---- Q3: the first 20 windows ------------------------------------------------------------------

void Q3_expand20_kefu(benchmark::State& state) {
  const auto anchors = Anchors(Size(state));
  kefu_window out[hand::kWindows];
  std::size_t written = 0;
  for (auto _ : state) {
    for (std::int32_t a : anchors) {
      kefu_cadence_expand(Standard(), a, out, hand::kWindows, &written);
      benchmark::DoNotOptimize(out);
    }
  }
  CountItems(state, state.range(0));
}

using ExpandAll = void (*)(const std::vector<std::int32_t>& anchors, std::int32_t* out);

void Q3_expand20(benchmark::State& state, ExpandAll expand, Verdict verdict) {
  const auto anchors = Anchors(Size(state));
  std::vector<std::int32_t> out(anchors.size() * hand::kWindows);
  for (auto _ : state) {
    expand(anchors, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  CountItems(state, state.range(0));
  Judge(state, out, KefuExpand(anchors), hand::kWindows, verdict);
}

void ExpandHandTable(const std::vector<std::int32_t>& anchors, std::int32_t* out) {
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    hand::Expand20Table(kMonthTable, anchors[i], out + i * hand::kWindows);
  }
}
void ExpandHandCivil(const std::vector<std::int32_t>& anchors, std::int32_t* out) {
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    hand::Expand20Civil(anchors[i], out + i * hand::kWindows);
  }
}
void ExpandBoost(const std::vector<std::int32_t>& anchors, std::int32_t* out) {
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    kefu_bench::boost_loop::Expand20(anchors[i], out + i * hand::kWindows);
  }
}
template <ical::Rule rule>
void ExpandIcal(const std::vector<std::int32_t>& anchors, std::int32_t* out) {
  ical::Expand20All(rule, anchors.data(), anchors.size(), out);
}

BENCHMARK(Q3_expand20_kefu)->Name("Q3_expand20/kefu")->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q3_expand20, hand_table, ExpandHandTable, Verdict::kMustAgree)
    ->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q3_expand20, hand_civil, ExpandHandCivil, Verdict::kMustAgree)
    ->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q3_expand20, boost_loop, ExpandBoost, Verdict::kMustAgree)
    ->Apply(kefu_bench::AllSizes);
BENCHMARK_CAPTURE(Q3_expand20, libical_skip, ExpandIcal<ical::Rule::kSkipBackward>,
                  Verdict::kMustAgree)
    ->Apply(kefu_bench::UpTo1e5);
BENCHMARK_CAPTURE(Q3_expand20, libical_plain, ExpandIcal<ical::Rule::kPlain>,
                  Verdict::kCountDifferences)
    ->Apply(kefu_bench::UpTo1e5);

}  // namespace

BENCHMARK_MAIN();
