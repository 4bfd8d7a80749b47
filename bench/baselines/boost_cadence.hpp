// Baseline: the standard cadence as the straightforward Boost.DateTime loop a C++ developer would
// write (gregorian::date, months added by hand and clamped to the month's end, since Boost's own
// month arithmetic snaps end-of-month dates differently). Kept out of line so that Boost's
// headers stay in one translation unit.
#ifndef KEFU_BENCH_BASELINES_BOOST_CADENCE_HPP
#define KEFU_BENCH_BASELINES_BOOST_CADENCE_HPP

#include <cstddef>
#include <cstdint>

namespace kefu_bench::boost_loop {

// out[i]: the first due day on or after `today` for anchors[i] (Q1).
void NextAll(const std::int32_t* anchors, std::size_t n, std::int32_t today, std::int32_t* out);
// out[0..19]: the due days of the first 20 windows (Q3).
void Expand20(std::int32_t anchor, std::int32_t* out);

}  // namespace kefu_bench::boost_loop

#endif  // KEFU_BENCH_BASELINES_BOOST_CADENCE_HPP
