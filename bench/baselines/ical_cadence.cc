#include "baselines/ical_cadence.hpp"

#include <libical/ical.h>

#include <cstdlib>

#include "baselines/hand_cadence.hpp"

namespace kefu_bench::ical {
namespace {

icaltimetype ToIcal(std::int32_t day) {
  const hand::Civil c = hand::FromDays(day);
  icaltimetype t{};  // not icaltime_null_date(): its hour of -1 derails the iterator
  t.is_date = 1;
  t.year = c.y;
  t.month = c.m;
  t.day = c.d;
  return t;
}

std::int32_t FromIcal(const icaltimetype& t) { return hand::ToDays(t.year, t.month, t.day); }

icalrecurrencetype Parse(Rule rule) {
  const char* text = rule == Rule::kPlain
                         ? "FREQ=MONTHLY;INTERVAL=3"
                         : "RSCALE=GREGORIAN;FREQ=MONTHLY;INTERVAL=3;SKIP=BACKWARD";
  icalrecurrencetype parsed = icalrecurrencetype_from_string(text);
  if (parsed.freq != ICAL_MONTHLY_RECURRENCE) std::abort();
  return parsed;
}

// The RDATEs: the calls due before the RRULE's DTSTART.
constexpr std::int32_t kRdateDays[3] = {7, 21, 42};

}  // namespace

void NextAll(Rule rule, Seek seek, const std::int32_t* anchors, std::size_t n, std::int32_t today,
             std::int32_t* out) {
  const icalrecurrencetype recur = Parse(rule);
  const icaltimetype day = ToIcal(today);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t anchor = anchors[i];
    out[i] = 0;
    for (std::int32_t offset : kRdateDays) {
      if (anchor + offset >= today) {
        out[i] = anchor + offset;
        break;
      }
    }
    if (out[i] != 0) continue;
    icalrecur_iterator* it = icalrecur_iterator_new(recur, ToIcal(anchor + 70));
    if (it == nullptr) std::abort();
    if (seek == Seek::kSetStart && anchor + 70 < today) icalrecur_iterator_set_start(it, day);
    for (icaltimetype next = icalrecur_iterator_next(it); !icaltime_is_null_time(next);
         next = icalrecur_iterator_next(it)) {
      if (icaltime_compare_date_only(next, day) >= 0) {
        out[i] = FromIcal(next);
        break;
      }
    }
    icalrecur_iterator_free(it);
  }
}

void Expand20All(Rule rule, const std::int32_t* anchors, std::size_t n, std::int32_t* out) {
  const icalrecurrencetype recur = Parse(rule);
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t* windows = out + i * hand::kWindows;
    for (int k = 0; k < 3; ++k) windows[k] = anchors[i] + kRdateDays[k];
    icalrecur_iterator* it = icalrecur_iterator_new(recur, ToIcal(anchors[i] + 70));
    if (it == nullptr) std::abort();
    for (int k = 3; k < hand::kWindows; ++k) windows[k] = FromIcal(icalrecur_iterator_next(it));
    icalrecur_iterator_free(it);
  }
}

}  // namespace kefu_bench::ical
