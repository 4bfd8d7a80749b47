#include "kefu/cadence.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "cadence/validate.hpp"
#include "base/month_table.hpp"

namespace kefu {

using detail::kBeyondRange;

Status Cadence::Compile(const Policy& policy, Cadence* out) {
  KEFU_RETURN_IF_ERROR(detail::ValidatePolicy(policy));
  Cadence c;
  c.months_ = &detail::Months();
  c.policy_ = policy;
  auto defaults = [](Channel& channel, Purpose& purpose, Purpose fallback) {
    if (channel == Channel::kUnspecified) channel = Channel::kPhone;
    if (purpose == Purpose::kUnspecified) purpose = fallback;
  };
  auto compile = [](const Offset& o, std::int32_t opens) {
    const bool months = o.unit == TimeUnit::kMonths;
    const std::int32_t amount = o.unit == TimeUnit::kWeeks ? o.amount * 7 : o.amount;
    return CompiledStep{amount, months, opens};
  };
  for (Step& step : c.policy_.steps) {
    defaults(step.channel, step.purpose, Purpose::kConditionInquiry);
    c.steps_.push_back(compile(step.offset, step.opens_days_before));
  }
  if (c.policy_.repeat) {
    Repeat& repeat = *c.policy_.repeat;
    defaults(repeat.channel, repeat.purpose, Purpose::kHealthTracking);
    c.has_repeat_ = true;
    c.repeat_ = compile(repeat.interval, repeat.opens_days_before);
    c.repeat_count_ =
        repeat.unbounded ? std::numeric_limits<std::int64_t>::max() : std::int64_t{repeat.count};
    const auto k = static_cast<std::uint64_t>(c.repeat_.amount);  // >= 1 (validated)
    c.repeat_magic_ = k == 1 ? 0 : std::numeric_limits<std::uint64_t>::max() / k + 1;
  }
  *out = std::move(c);
  return Status::Ok();
}

inline Day Cadence::StepDue(const CompiledStep& step, Day anchor) const {
  if (step.months) return months_->AddMonths(anchor, step.amount);
  return std::min(anchor + step.amount, kBeyondRange);
}

inline void Cadence::Fill(std::int32_t seq, Day anchor, Day due, std::int32_t opens_days_before,
                          Window* out) {
  out->seq = seq;
  out->opens = std::max(due - opens_days_before, anchor);
  out->due = due;
  out->reserved = 0;
}

// The r-th repeat after `base`, computed from base itself so that month ends never drift.
inline Day Cadence::RepeatDue(Day base, std::int64_t r) const {
  if (repeat_.months) {
    return months_->InMonth(months_->MonthIndex(base) + r * repeat_.amount,
                            months_->DayOfMonth(base));
  }
  const std::int64_t due = base + r * repeat_.amount;
  return due > kMaxDay ? kBeyondRange : static_cast<Day>(due);
}

// ceil(a / repeat_.amount) for 0 <= a < 2^32 by one multiplication instead of a division
// (Lemire, Kaser and Kurz, "Faster remainder by direct computation", 2019): the nightly batch
// divides millions of month counts by the same interval, and a 64-bit divide is its costliest
// instruction.
inline std::int64_t Cadence::CeilDivideByRepeat(std::int64_t a) const {
  const auto k = static_cast<std::uint64_t>(repeat_.amount);
  const auto n = static_cast<std::uint64_t>(a) + k - 1;
  if (repeat_magic_ == 0) return static_cast<std::int64_t>(n);  // k == 1
  __extension__ using Wide = unsigned __int128;                 // GCC and Clang on 64-bit targets
  return static_cast<std::int64_t>((static_cast<Wide>(repeat_magic_) * n) >> 64);
}

// The first repeat due on or after the query's day (which is after base), found arithmetically,
// not by walking.
inline bool Cadence::FirstRepeatOnOrAfter(Day base, const Query& q, std::int64_t* r,
                                          Day* due) const {
  std::int64_t n;
  if (repeat_.months) {
    // A repeat in a later month than on_or_after is after it; in the same month it may not be.
    n = std::max<std::int64_t>(1, CeilDivideByRepeat(q.month_index - months_->MonthIndex(base)));
    *due = RepeatDue(base, n);
    if (*due < q.on_or_after) *due = RepeatDue(base, ++n);
  } else {
    n = std::max<std::int64_t>(1, CeilDivideByRepeat(std::int64_t{q.on_or_after} - base));
    *due = RepeatDue(base, n);
  }
  *r = n;
  return n <= repeat_count_ && *due <= kMaxDay;
}

inline Cadence::Query Cadence::Prepare(Day on_or_after) const {
  return Query{on_or_after, months_->MonthIndex(on_or_after)};
}

std::size_t Cadence::Expand(Day anchor, Window* out, std::size_t capacity) const {
  std::size_t written = 0;
  Day due = kBeyondRange;
  for (std::size_t i = 0; i < steps_.size() && written < capacity; ++i) {
    due = StepDue(steps_[i], anchor);
    if (due > kMaxDay) return written;
    Fill(static_cast<std::int32_t>(i + 1), anchor, due, steps_[i].opens_days_before,
         &out[written++]);
  }
  if (!has_repeat_ || written == capacity) return written;
  const Day base = due;
  const auto first_seq = static_cast<std::int64_t>(steps_.size());
  // Month repeats: base's month and day looked up once, each repeat is then one table load.
  const std::int64_t base_month = repeat_.months ? months_->MonthIndex(base) : 0;
  const int base_mday = repeat_.months ? months_->DayOfMonth(base) : 0;
  for (std::int64_t r = 1; written < capacity && r <= repeat_count_; ++r) {
    const Day repeat_due = repeat_.months
                               ? months_->InMonth(base_month + r * repeat_.amount, base_mday)
                               : RepeatDue(base, r);
    if (repeat_due > kMaxDay) break;
    Fill(static_cast<std::int32_t>(first_seq + r), anchor, repeat_due, repeat_.opens_days_before,
         &out[written++]);
  }
  return written;
}

inline bool Cadence::NextFor(const Query& q, Day anchor, Window* out) const {
  const std::size_t n = steps_.size();
  const Day last_due = StepDue(steps_[n - 1], anchor);
  if (last_due >= q.on_or_after) {
    // Steps are in due order (validated), so the first one on or after the day is the answer.
    for (std::size_t i = 0; i < n; ++i) {
      const Day due = i + 1 == n ? last_due : StepDue(steps_[i], anchor);
      if (due < q.on_or_after) continue;
      if (due > kMaxDay) break;
      Fill(static_cast<std::int32_t>(i + 1), anchor, due, steps_[i].opens_days_before, out);
      return true;
    }
  } else if (has_repeat_) {
    std::int64_t r = 0;
    Day due = 0;
    if (FirstRepeatOnOrAfter(last_due, q, &r, &due)) {
      Fill(static_cast<std::int32_t>(static_cast<std::int64_t>(n) + r), anchor, due,
           repeat_.opens_days_before, out);
      return true;
    }
  }
  *out = Window{0, 0, 0, 0};
  return false;
}

bool Cadence::Next(Day anchor, Day on_or_after, Window* out) const {
  return NextFor(Prepare(on_or_after), anchor, out);
}

// The shape of the standard policy (and of most hospitals' own): the last step counted in days,
// then a monthly repeat. The nightly batch over every patient takes NextBatchMonthlyTail for it.
bool Cadence::HasMonthlyTail() const {
  return has_repeat_ && repeat_.months && !steps_.back().months;
}

// NextBatch for a cadence with a monthly tail. Every anchor past its steps costs one table load
// for its base, a multiplication for the number of repeats, and two loads for the due day. All
// the loop reads is copied into locals first, since stores to out[] might alias the cadence.
Status Cadence::NextBatchMonthlyTail(const Day* anchors, std::size_t count, const Query& q,
                                     Window* out) const {
  const detail::MonthTable::View months = months_->view();
  const std::int32_t last_offset = steps_.back().amount;
  const auto first_repeat_seq = static_cast<std::int64_t>(steps_.size());
  const std::int64_t k = repeat_.amount;
  const std::int32_t opens_before = repeat_.opens_days_before;
  const std::int64_t repeat_count = repeat_count_;
  const Day on_or_after = q.on_or_after;
  const std::int64_t month_index = q.month_index;
  for (std::size_t i = 0; i < count; ++i) {
    const Day anchor = anchors[i];
    if (!IsSupportedDay(anchor)) {
      return CheckSupportedDay(anchor, "anchors[" + std::to_string(i) + "]");
    }
    const Day base = anchor + last_offset;  // the last step's due day
    if (base >= on_or_after) {  // still within the steps (base <= on_or_after <= kMaxDay below)
      NextFor(q, anchor, &out[i]);
      continue;
    }
    const std::int64_t base_month = months.MonthIndex(base);
    const int base_mday = months.DayOfMonth(base);
    std::int64_t n = std::max<std::int64_t>(1, CeilDivideByRepeat(month_index - base_month));
    Day due = months.InMonth(base_month + n * k, base_mday);
    if (due < on_or_after) due = months.InMonth(base_month + ++n * k, base_mday);
    if (due > kMaxDay || n > repeat_count) {
      out[i] = Window{0, 0, 0, 0};
      continue;
    }
    out[i] = Window{static_cast<std::int32_t>(first_repeat_seq + n),
                    std::max(due - opens_before, anchor), due, 0};
  }
  return Status::Ok();
}

Status Cadence::NextBatch(const Day* anchors, std::size_t count, Day on_or_after,
                          Window* out) const {
  const Query q = Prepare(on_or_after);
  if (HasMonthlyTail()) return NextBatchMonthlyTail(anchors, count, q, out);
  for (std::size_t i = 0; i < count; ++i) {
    const Day anchor = anchors[i];
    if (!IsSupportedDay(anchor)) {
      return CheckSupportedDay(anchor, "anchors[" + std::to_string(i) + "]");
    }
    NextFor(q, anchor, &out[i]);
  }
  return Status::Ok();
}

ContactKind Cadence::KindOf(std::int32_t seq) const {
  if (seq >= 1 && static_cast<std::size_t>(seq) <= policy_.steps.size()) {
    const Step& step = policy_.steps[static_cast<std::size_t>(seq - 1)];
    return {step.channel, step.purpose};
  }
  if (seq > 0 && policy_.repeat) return {policy_.repeat->channel, policy_.repeat->purpose};
  return {};
}

}  // namespace kefu
