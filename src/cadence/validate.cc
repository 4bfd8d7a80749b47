#include "cadence/validate.hpp"

#include <string>

namespace kefu::detail {
namespace {

// Offsets are bounded to a century so that no arithmetic on them can overflow.
std::int32_t MaxAmount(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDays:
      return 36525;
    case TimeUnit::kWeeks:
      return 5218;
    case TimeUnit::kMonths:
      return 1200;
    case TimeUnit::kUnspecified:
      break;
  }
  return 0;
}

const char* UnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDays:
      return "days";
    case TimeUnit::kWeeks:
      return "weeks";
    case TimeUnit::kMonths:
      return "months";
    case TimeUnit::kUnspecified:
      break;
  }
  return "?";
}

Status Invalid(const std::string& field, const std::string& value, const std::string& why) {
  return Status::InvalidArgument(field + " is " + value + ": " + why);
}

Status CheckOffset(const Offset& offset, const std::string& field, std::int32_t min_amount) {
  const int unit = static_cast<int>(offset.unit);
  if (unit < 1 || unit > 3) {
    return Invalid(field + ".unit", std::to_string(unit) + (unit == 0 ? " (unset)" : ""),
                   "expected TIME_UNIT_DAYS, TIME_UNIT_WEEKS or TIME_UNIT_MONTHS");
  }
  const std::int32_t max = MaxAmount(offset.unit);
  if (offset.amount < min_amount || offset.amount > max) {
    return Invalid(field + ".amount", std::to_string(offset.amount),
                   "must be " + std::to_string(min_amount) + ".." + std::to_string(max) + " " +
                       UnitName(offset.unit));
  }
  return Status::Ok();
}

Status CheckOpens(std::int32_t opens_days_before, const std::string& field) {
  if (opens_days_before < 0) {
    return Invalid(field, std::to_string(opens_days_before),
                   "the window would open after it is due (must be 0..366)");
  }
  if (opens_days_before > kMaxOpensDaysBefore) {
    return Invalid(field, std::to_string(opens_days_before), "must be 0..366 days");
  }
  return Status::Ok();
}

Status CheckKind(Channel channel, Purpose purpose, const std::string& prefix) {
  const int c = static_cast<int>(channel);
  if (c < 0 || c > static_cast<int>(Channel::kSms)) {
    return Invalid(prefix + "channel", std::to_string(c), "unknown channel");
  }
  const int p = static_cast<int>(purpose);
  if (p < 0 || p > static_cast<int>(Purpose::kMedication)) {
    return Invalid(prefix + "purpose", std::to_string(p), "unknown purpose");
  }
  return Status::Ok();
}

// The least and most days an offset can span, over all anchors: a month is 28 to 31 days.
struct DaySpan {
  std::int64_t least;
  std::int64_t most;
};
DaySpan SpanOf(const Offset& o) {
  switch (o.unit) {
    case TimeUnit::kWeeks:
      return {std::int64_t{o.amount} * 7, std::int64_t{o.amount} * 7};
    case TimeUnit::kMonths:
      return {std::int64_t{o.amount} * 28, std::int64_t{o.amount} * 31};
    default:
      return {o.amount, o.amount};
  }
}

// Whether step `b` is due strictly after step `a` for every anchor.
bool AlwaysAfter(const Offset& a, const Offset& b) {
  if (a.unit == TimeUnit::kMonths && b.unit == TimeUnit::kMonths) return b.amount > a.amount;
  return SpanOf(b).least > SpanOf(a).most;
}

}  // namespace

std::string DescribeOffset(const Offset& offset) {
  return std::to_string(offset.amount) + " " + UnitName(offset.unit);
}

Status ValidatePolicy(const Policy& policy) {
  if (policy.name.size() > kMaxPolicyNameBytes) {
    return Invalid("name", std::to_string(policy.name.size()) + " bytes long", "at most 128 bytes");
  }
  if (policy.description.size() > kMaxPolicyDescriptionBytes) {
    return Invalid("description", std::to_string(policy.description.size()) + " bytes long",
                   "at most 4096 bytes");
  }
  if (policy.steps.empty()) {
    return Status::InvalidArgument("steps is empty: a policy needs at least one step");
  }
  if (policy.steps.size() > kMaxSteps) {
    return Invalid("steps", std::to_string(policy.steps.size()) + " steps", "at most 1000");
  }
  for (std::size_t i = 0; i < policy.steps.size(); ++i) {
    const Step& step = policy.steps[i];
    const std::string field = "steps[" + std::to_string(i) + "]";
    KEFU_RETURN_IF_ERROR(CheckOffset(step.offset, field + ".offset", 0));
    KEFU_RETURN_IF_ERROR(CheckOpens(step.opens_days_before, field + ".opens_days_before"));
    KEFU_RETURN_IF_ERROR(CheckKind(step.channel, step.purpose, field + "."));
    if (i > 0 && !AlwaysAfter(policy.steps[i - 1].offset, step.offset)) {
      return Invalid(field + ".offset", DescribeOffset(step.offset),
                     "not always due after steps[" + std::to_string(i - 1) + "].offset (" +
                         DescribeOffset(policy.steps[i - 1].offset) +
                         "); steps must be in order (a month counts as 28 to 31 days)");
    }
  }
  if (policy.repeat) {
    const Repeat& repeat = *policy.repeat;
    KEFU_RETURN_IF_ERROR(CheckOffset(repeat.interval, "repeat.interval", 1));
    KEFU_RETURN_IF_ERROR(CheckOpens(repeat.opens_days_before, "repeat.opens_days_before"));
    KEFU_RETURN_IF_ERROR(CheckKind(repeat.channel, repeat.purpose, "repeat."));
    if (repeat.unbounded && repeat.count != 0) {
      return Invalid("repeat.count", std::to_string(repeat.count),
                     "repeat.unbounded is also set; give a count or unbounded, not both");
    }
    if (!repeat.unbounded && (repeat.count < 1 || repeat.count > kMaxRepeatCount)) {
      return Invalid("repeat.count", std::to_string(repeat.count),
                     "must be 1..100000, or set repeat.unbounded");
    }
  }
  if (policy.call_time_minutes < 0 || policy.call_time_minutes >= 24 * 60) {
    return Invalid("call_time", std::to_string(policy.call_time_minutes) + " minutes",
                   "must be 00:00..23:59");
  }
  return Status::Ok();
}

}  // namespace kefu::detail
