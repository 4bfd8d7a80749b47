// What every kefu benchmark shares: the sizes swept, the anchors (discharge days) and the day
// the nightly run happens on, so that kefu and its baselines see the same input.
#ifndef KEFU_BENCH_SUPPORT_BENCH_SUPPORT_HPP
#define KEFU_BENCH_SUPPORT_BENCH_SUPPORT_HPP

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace kefu_bench {

// Day numbers (days since 1970-01-01) computed by the library, so the benchmarks agree with it.
std::int32_t Day(int year, int month, int day);

// The night the benchmarks run: 2026-11-23.
std::int32_t Today();

// n discharge days spread uniformly over the five years before Today(), as a hospital's active
// patients are. The same seed everywhere: every approach gets the same anchors.
std::vector<std::int32_t> Anchors(std::size_t n);

// Registers the sizes 10^3 (the smoke test's), 10^5 and 10^6, and 10^7 when the environment
// sets KEFU_BENCH_LARGE=1 (about 40 MB of anchors and a slower run). `max_size` leaves out the
// sizes a slow baseline cannot reach in reasonable time.
void Sizes(benchmark::internal::Benchmark* b, std::int64_t max_size);
inline void AllSizes(benchmark::internal::Benchmark* b) { Sizes(b, INT64_MAX); }
inline void UpTo1e5(benchmark::internal::Benchmark* b) { Sizes(b, 100000); }

// Marks a benchmark's items (anchors, plans, calls) for the items-per-second figure.
inline void CountItems(benchmark::State& state, std::int64_t per_iteration) {
  state.SetItemsProcessed(state.iterations() * per_iteration);
}

}  // namespace kefu_bench

#endif  // KEFU_BENCH_SUPPORT_BENCH_SUPPORT_HPP
