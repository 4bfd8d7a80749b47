// Every rule a policy must keep, one row each: the status, and a message naming field and value.
#include <functional>

#include <gtest/gtest.h>

#include "kefu/cadence.hpp"

namespace kefu {
namespace {

Policy Valid() {
  Policy p;
  p.name = "valid";
  p.steps = {Step{{7, TimeUnit::kDays}, 6}, Step{{1, TimeUnit::kMonths}, 6}};
  p.repeat = Repeat{{3, TimeUnit::kMonths}, 4, false, 6};
  return p;
}

struct InvalidCase {
  const char* name;
  std::function<void(Policy&)> spoil;
  const char* message;
};

class PolicyRejected : public testing::TestWithParam<InvalidCase> {};

TEST_P(PolicyRejected, WithTheFieldAndValueNamed) {
  Policy p = Valid();
  GetParam().spoil(p);
  Cadence c;
  const Status s = Cadence::Compile(p, &c);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), GetParam().message);
}

TEST(PolicyRejected, TheBaselineIsValid) {
  Cadence c;
  EXPECT_TRUE(Cadence::Compile(Valid(), &c).ok());
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyRejected,
    testing::Values(
        InvalidCase{"NoSteps", [](Policy& p) { p.steps.clear(); },
                    "steps is empty: a policy needs at least one step"},
        InvalidCase{"UnsetUnit", [](Policy& p) { p.steps[1].offset.unit = TimeUnit::kUnspecified; },
                    "steps[1].offset.unit is 0 (unset): expected TIME_UNIT_DAYS, TIME_UNIT_WEEKS "
                    "or TIME_UNIT_MONTHS"},
        InvalidCase{"UnknownUnit", [](Policy& p) { p.steps[0].offset.unit = TimeUnit{7}; },
                    "steps[0].offset.unit is 7: expected TIME_UNIT_DAYS, TIME_UNIT_WEEKS or "
                    "TIME_UNIT_MONTHS"},
        InvalidCase{"NegativeOffset", [](Policy& p) { p.steps[0].offset.amount = -1; },
                    "steps[0].offset.amount is -1: must be 0..36525 days"},
        InvalidCase{"CenturyOfMonths", [](Policy& p) { p.steps[1].offset.amount = 1201; },
                    "steps[1].offset.amount is 1201: must be 0..1200 months"},
        InvalidCase{"OpensAfterDue", [](Policy& p) { p.steps[0].opens_days_before = -2; },
                    "steps[0].opens_days_before is -2: the window would open after it is due "
                    "(must be 0..366)"},
        InvalidCase{"WindowOverAYear", [](Policy& p) { p.steps[0].opens_days_before = 400; },
                    "steps[0].opens_days_before is 400: must be 0..366 days"},
        InvalidCase{"StepsOutOfOrder",
                    [](Policy& p) {
                      p.steps[1].offset = Offset{5, TimeUnit::kDays};
                    },
                    "steps[1].offset is 5 days: not always due after steps[0].offset (7 days); "
                    "steps must be in order (a month counts as 28 to 31 days)"},
        InvalidCase{"StepsSameDay",
                    [](Policy& p) {
                      p.steps[1].offset = Offset{1, TimeUnit::kWeeks};
                    },
                    "steps[1].offset is 1 weeks: not always due after steps[0].offset (7 days); "
                    "steps must be in order (a month counts as 28 to 31 days)"},
        InvalidCase{"MonthMayNotFollow",
                    [](Policy& p) {
                      p.steps[0].offset = Offset{30, TimeUnit::kDays};
                    },
                    "steps[1].offset is 1 months: not always due after steps[0].offset (30 "
                    "days); steps must be in order (a month counts as 28 to 31 days)"},
        InvalidCase{"UnknownChannel", [](Policy& p) { p.steps[1].channel = Channel{9}; },
                    "steps[1].channel is 9: unknown channel"},
        InvalidCase{"UnknownPurpose", [](Policy& p) { p.repeat->purpose = Purpose{-1}; },
                    "repeat.purpose is -1: unknown purpose"},
        InvalidCase{"ZeroInterval", [](Policy& p) { p.repeat->interval.amount = 0; },
                    "repeat.interval.amount is 0: must be 1..1200 months"},
        InvalidCase{"RepeatUnitUnset",
                    [](Policy& p) { p.repeat->interval.unit = TimeUnit::kUnspecified; },
                    "repeat.interval.unit is 0 (unset): expected TIME_UNIT_DAYS, TIME_UNIT_WEEKS "
                    "or TIME_UNIT_MONTHS"},
        InvalidCase{"RepeatOpensAfterDue", [](Policy& p) { p.repeat->opens_days_before = -1; },
                    "repeat.opens_days_before is -1: the window would open after it is due "
                    "(must be 0..366)"},
        InvalidCase{"NoCount", [](Policy& p) { p.repeat->count = 0; },
                    "repeat.count is 0: must be 1..100000, or set repeat.unbounded"},
        InvalidCase{"CountAndUnbounded", [](Policy& p) { p.repeat->unbounded = true; },
                    "repeat.count is 4: repeat.unbounded is also set; give a count or unbounded, "
                    "not both"},
        InvalidCase{"CallTimeOutOfDay", [](Policy& p) { p.call_time_minutes = 24 * 60; },
                    "call_time is 1440 minutes: must be 00:00..23:59"},
        InvalidCase{"LongName", [](Policy& p) { p.name = std::string(129, 'n'); },
                    "name is 129 bytes long: at most 128 bytes"},
        InvalidCase{"TooManySteps",
                    [](Policy& p) {
                      p.steps.clear();
                      for (int i = 0; i < 1001; ++i) p.steps.push_back(Step{{i, TimeUnit::kDays}});
                    },
                    "steps is 1001 steps: at most 1000"}),
    [](const testing::TestParamInfo<InvalidCase>& row) { return std::string(row.param.name); });

}  // namespace
}  // namespace kefu
