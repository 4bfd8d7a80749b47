#include "kefu/cadence.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "cadence/validate.hpp"
#include "date/month_table.hpp"

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

// The first repeat due on or after `on_or_after` (> base), found arithmetically, not by walking.
inline bool Cadence::FirstRepeatOnOrAfter(Day base, Day on_or_after, std::int64_t* r,
                                          Day* due) const {
  const std::int64_t k = repeat_.amount;
  std::int64_t n;
  if (repeat_.months) {
    // A repeat in a later month than on_or_after is after it; in the same month it may not be.
    const std::int64_t months = months_->MonthIndex(on_or_after) - months_->MonthIndex(base);
    n = std::max<std::int64_t>(1, (months + k - 1) / k);
    *due = RepeatDue(base, n);
    if (*due < on_or_after) *due = RepeatDue(base, ++n);
  } else {
    n = (std::int64_t{on_or_after} - base + k - 1) / k;
    n = std::max<std::int64_t>(1, n);
    *due = RepeatDue(base, n);
  }
  *r = n;
  return n <= repeat_count_ && *due <= kMaxDay;
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
  for (std::int64_t r = 1; written < capacity && r <= repeat_count_; ++r) {
    const Day repeat_due = RepeatDue(base, r);
    if (repeat_due > kMaxDay) break;
    Fill(static_cast<std::int32_t>(first_seq + r), anchor, repeat_due, repeat_.opens_days_before,
         &out[written++]);
  }
  return written;
}

bool Cadence::Next(Day anchor, Day on_or_after, Window* out) const {
  const std::size_t n = steps_.size();
  const Day last_due = StepDue(steps_[n - 1], anchor);
  if (last_due >= on_or_after) {
    // Steps are in due order (validated), so the first one on or after the day is the answer.
    for (std::size_t i = 0; i < n; ++i) {
      const Day due = i + 1 == n ? last_due : StepDue(steps_[i], anchor);
      if (due < on_or_after) continue;
      if (due > kMaxDay) break;
      Fill(static_cast<std::int32_t>(i + 1), anchor, due, steps_[i].opens_days_before, out);
      return true;
    }
  } else if (has_repeat_) {
    std::int64_t r = 0;
    Day due = 0;
    if (FirstRepeatOnOrAfter(last_due, on_or_after, &r, &due)) {
      Fill(static_cast<std::int32_t>(static_cast<std::int64_t>(n) + r), anchor, due,
           repeat_.opens_days_before, out);
      return true;
    }
  }
  *out = Window{0, 0, 0, 0};
  return false;
}

Status Cadence::NextBatch(const Day* anchors, std::size_t count, Day on_or_after,
                          Window* out) const {
  for (std::size_t i = 0; i < count; ++i) {
    const Day anchor = anchors[i];
    if (!IsSupportedDay(anchor)) {
      return CheckSupportedDay(anchor, "anchors[" + std::to_string(i) + "]");
    }
    Next(anchor, on_or_after, &out[i]);
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
