// The follow-up cadence engine: a Policy (plain data, mirroring kefu.v1.CadencePolicy) compiled
// into a Cadence that answers "which contact windows does a patient discharged on day D have".
//
// Semantics (pinned by tests/cadence): a step is due on the anchor plus its offset; months keep
// the anchor's day of the month, clamped to the target month's last day; the r-th repeat is due on
// the last step's due day plus r intervals, computed from that day and never from the repeat
// before (so Jan 31 -> Apr 30 -> Jul 31, no drift). A window opens `opens_days_before` days before
// its due day, never before the anchor, and closes at the end of the due day. Windows due after
// 2200-12-31 are never produced.
//
// A Cadence is immutable once compiled: share it between threads freely.
#ifndef KEFU_CADENCE_HPP
#define KEFU_CADENCE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/date.hpp"
#include "kefu/kefu.h"
#include "kefu/status.hpp"

namespace kefu {

namespace detail {
class MonthTable;
}

// The numeric values are those of the enums in proto/kefu/v1/cadence.proto.
enum class TimeUnit : int { kUnspecified = 0, kDays = 1, kWeeks = 2, kMonths = 3 };
enum class Channel : int { kUnspecified = 0, kPhone = 1, kLetter = 2, kHomeVisit = 3, kSms = 4 };
enum class Purpose : int {
  kUnspecified = 0,
  kConditionInquiry = 1,
  kEfficacyFeedback = 2,
  kSafeArrival = 3,
  kReturnVisit = 4,
  kHealthTracking = 5,
  kGreeting = 6,
  kMedication = 7,
};

struct Offset {
  std::int32_t amount = 0;
  TimeUnit unit = TimeUnit::kDays;
};

struct Step {
  Offset offset;
  std::int32_t opens_days_before = 0;
  Channel channel = Channel::kPhone;
  Purpose purpose = Purpose::kConditionInquiry;
};

struct Repeat {
  Offset interval;
  std::int32_t count = 0;  // 0 only together with `unbounded`
  bool unbounded = false;
  std::int32_t opens_days_before = 0;
  Channel channel = Channel::kPhone;
  Purpose purpose = Purpose::kHealthTracking;
};

inline constexpr int kDefaultCallTimeMinutes = 20 * 60;  // 20:00 reaches the most patients (002)

struct Policy {
  std::string name;
  std::string description;
  std::vector<Step> steps;
  std::optional<Repeat> repeat;
  int call_time_minutes = kDefaultCallTimeMinutes;  // minutes after local midnight
};

// The C ABI's window: {seq from 1 (0 = none), opens, due, reserved = 0}.
using Window = ::kefu_window;

// What a window's contact is for: channel and purpose of the step (or of the repeat tail).
struct ContactKind {
  Channel channel = Channel::kPhone;
  Purpose purpose = Purpose::kConditionInquiry;
};

// Validation limits, named in error messages.
inline constexpr std::size_t kMaxSteps = 1000;
inline constexpr std::int32_t kMaxOpensDaysBefore = 366;
inline constexpr std::int32_t kMaxRepeatCount = 100000;
inline constexpr std::size_t kMaxPolicyNameBytes = 128;
inline constexpr std::size_t kMaxPolicyDescriptionBytes = 4096;

class Cadence {
 public:
  Cadence() = default;  // an empty cadence; use Compile or Builtin

  // Validates `policy` and compiles it. InvalidArgument naming the field and value otherwise.
  static Status Compile(const Policy& policy, Cadence* out);

  // A built-in policy: "standard", "out-of-town" or "local". NotFound for another name.
  static Status Builtin(std::string_view name, Cadence* out);
  // The same without a copy: the process-wide compiled built-in, or nullptr for another name.
  static const Cadence* FindBuiltin(std::string_view name);

  // The built-in policies' names and definitions.
  static const std::vector<Policy>& BuiltinPolicies();

  const Policy& policy() const { return policy_; }

  // Up to `capacity` windows for `anchor`, in order, into out[]; returns how many. The caller
  // checks that anchor is a supported day (CheckSupportedDay).
  std::size_t Expand(Day anchor, Window* out, std::size_t capacity) const;

  // The first window whose due day is on or after `on_or_after`; false (and *out zeroed) when the
  // cadence has ended. Both days must be supported days.
  bool Next(Day anchor, Day on_or_after, Window* out) const;

  // Next() for many anchors; out[i] is zeroed where the cadence has ended. InvalidArgument naming
  // `anchors[i]` if an anchor is not a supported day. `on_or_after` must be supported.
  Status NextBatch(const Day* anchors, std::size_t count, Day on_or_after, Window* out) const;

  // Channel and purpose of window number `seq` (from 1).
  ContactKind KindOf(std::int32_t seq) const;

 private:
  struct CompiledStep {
    std::int32_t amount;  // days (weeks are converted) or months
    bool months;
    std::int32_t opens_days_before;
  };

  // What every anchor of a Next query shares, computed once per batch.
  struct Query {
    Day on_or_after;
    std::int64_t month_index;  // of on_or_after
  };

  Day StepDue(const CompiledStep& step, Day anchor) const;
  Day RepeatDue(Day base, std::int64_t r) const;
  Query Prepare(Day on_or_after) const;
  bool NextFor(const Query& q, Day anchor, Window* out) const;
  bool HasMonthlyTail() const;
  Status NextBatchMonthlyTail(const Day* anchors, std::size_t count, const Query& q,
                              Window* out) const;
  bool FirstRepeatOnOrAfter(Day base, const Query& q, std::int64_t* r, Day* due) const;
  std::int64_t CeilDivideByRepeat(std::int64_t a) const;
  static void Fill(std::int32_t seq, Day anchor, Day due, std::int32_t opens_days_before,
                   Window* out);

  const detail::MonthTable* months_ = nullptr;
  Policy policy_;
  std::vector<CompiledStep> steps_;
  bool has_repeat_ = false;
  CompiledStep repeat_{0, false, 0};
  std::int64_t repeat_count_ = 0;  // INT64_MAX when unbounded
  std::uint64_t repeat_magic_ = 0;  // for dividing by repeat_.amount (see CeilDivideByRepeat)
};

}  // namespace kefu

#endif  // KEFU_CADENCE_HPP
