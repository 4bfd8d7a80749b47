// Baseline: the standard cadence in iCalendar terms, expanded by libical's recurrence iterator:
// RDATEs for the calls at D+7, D+21 and D+42, and an RRULE FREQ=MONTHLY;INTERVAL=3 whose DTSTART
// is the week-10 call (D+70). A plain RRULE drops a quarterly call that falls on a day the month
// lacks (Feb 30) where kefu clamps it to the month's end; RFC 7529's RSCALE=GREGORIAN;
// SKIP=BACKWARD clamps as kefu does. Both are measured: the drop is a correctness difference.
#ifndef KEFU_BENCH_BASELINES_ICAL_CADENCE_HPP
#define KEFU_BENCH_BASELINES_ICAL_CADENCE_HPP

#include <cstddef>
#include <cstdint>

namespace kefu_bench::ical {

enum class Rule {
  kPlain,         // FREQ=MONTHLY;INTERVAL=3
  kSkipBackward,  // RSCALE=GREGORIAN;FREQ=MONTHLY;INTERVAL=3;SKIP=BACKWARD
};

enum class Seek {
  kIterate,   // step the iterator from DTSTART until an occurrence is on or after the day
  kSetStart,  // icalrecur_iterator_set_start at the day first (libical >= 3.0)
};

// out[i]: the first due day on or after `today` for anchors[i] (Q1). The rule is parsed once.
void NextAll(Rule rule, Seek seek, const std::int32_t* anchors, std::size_t n, std::int32_t today,
             std::int32_t* out);
// out[0..19]: the due days of the first 20 windows (Q3).
void Expand20All(Rule rule, const std::int32_t* anchors, std::size_t n, std::int32_t* out);

}  // namespace kefu_bench::ical

#endif  // KEFU_BENCH_BASELINES_ICAL_CADENCE_HPP
