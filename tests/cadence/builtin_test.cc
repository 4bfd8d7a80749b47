// The built-in policies pinned day by day: ordinary days, month ends (29, 30, 31), leap days,
// year boundaries and the ends of the supported range. Windows read "opens..due".
#include <gtest/gtest.h>

#include "cadence/cadence_test_util.hpp"

namespace kefu {
namespace {

using testing_util::Builtin;
using testing_util::D;
using testing_util::ExpandText;

struct BuiltinCase {
  const char* policy;
  const char* anchor;
  std::vector<std::string> windows;  // all of them, or the first 8 of an unbounded cadence
  const char* why;
};

class BuiltinPolicy : public testing::TestWithParam<BuiltinCase> {};

TEST_P(BuiltinPolicy, ExpandsToTheseWindows) {
  const BuiltinCase& c = GetParam();
  EXPECT_EQ(ExpandText(Builtin(c.policy), D(c.anchor), 8), c.windows) << c.why;
}

std::string CaseName(const testing::TestParamInfo<BuiltinCase>& row) {
  std::string name = std::string(row.param.policy) + "_" + row.param.anchor;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BuiltinPolicy,
    testing::Values(
        BuiltinCase{"standard",
                    "2026-01-31",
                    {"2026-02-01..2026-02-07", "2026-02-15..2026-02-21", "2026-03-08..2026-03-14",
                     "2026-04-05..2026-04-11", "2026-07-05..2026-07-11", "2026-10-05..2026-10-11",
                     "2027-01-05..2027-01-11", "2027-04-05..2027-04-11"},
                    "weeks 1, 3, 6, 10, then D+70 plus 3 months each"},
        BuiltinCase{"standard",
                    "2026-03-22",
                    {"2026-03-23..2026-03-29", "2026-04-06..2026-04-12", "2026-04-27..2026-05-03",
                     "2026-05-25..2026-05-31", "2026-08-25..2026-08-31", "2026-11-24..2026-11-30",
                     "2027-02-22..2027-02-28", "2027-05-25..2027-05-31"},
                    "D+70 on a 31st: clamps to Nov 30 and Feb 28, then back to May 31 (no drift)"},
        BuiltinCase{"standard",
                    "2027-09-21",
                    {"2027-09-22..2027-09-28", "2027-10-06..2027-10-12", "2027-10-27..2027-11-02",
                     "2027-11-24..2027-11-30", "2028-02-23..2028-02-29", "2028-05-24..2028-05-30",
                     "2028-08-24..2028-08-30", "2028-11-24..2028-11-30"},
                    "D+70 on a 30th: Feb 29 in a leap year, then the 30th again"},
        BuiltinCase{"standard",
                    "2027-06-20",
                    {"2027-06-21..2027-06-27", "2027-07-05..2027-07-11", "2027-07-26..2027-08-01",
                     "2027-08-23..2027-08-29", "2027-11-23..2027-11-29", "2028-02-23..2028-02-29",
                     "2028-05-23..2028-05-29", "2028-08-23..2028-08-29"},
                    "D+70 on a 29th: Feb 29 exists in 2028"},
        BuiltinCase{"standard",
                    "2024-02-29",
                    {"2024-03-01..2024-03-07", "2024-03-15..2024-03-21", "2024-04-05..2024-04-11",
                     "2024-05-03..2024-05-09", "2024-08-03..2024-08-09", "2024-11-03..2024-11-09",
                     "2025-02-03..2025-02-09", "2025-05-03..2025-05-09"},
                    "discharged on a leap day"},
        BuiltinCase{"standard",
                    "2025-12-28",
                    {"2025-12-29..2026-01-04", "2026-01-12..2026-01-18", "2026-02-02..2026-02-08",
                     "2026-03-02..2026-03-08", "2026-06-02..2026-06-08", "2026-09-02..2026-09-08",
                     "2026-12-02..2026-12-08", "2027-03-02..2027-03-08"},
                    "the first window spans the new year"},
        BuiltinCase{"standard",
                    "1900-01-01",
                    {"1900-01-02..1900-01-08", "1900-01-16..1900-01-22", "1900-02-06..1900-02-12",
                     "1900-03-06..1900-03-12", "1900-06-06..1900-06-12", "1900-09-06..1900-09-12",
                     "1900-12-06..1900-12-12", "1901-03-06..1901-03-12"},
                    "the first supported day; 1900 is not a leap year"},
        BuiltinCase{"standard",
                    "2200-10-01",
                    {"2200-10-02..2200-10-08", "2200-10-16..2200-10-22", "2200-11-06..2200-11-12",
                     "2200-12-04..2200-12-10"},
                    "the cadence ends where the calendar does, 2200-12-31"},
        BuiltinCase{"standard", "2200-12-31", {}, "no window fits before the calendar ends"},
        BuiltinCase{"out-of-town",
                    "2026-12-30",
                    {"2026-12-31..2027-01-02"},
                    "one call within 3 days, across the new year"},
        BuiltinCase{"out-of-town", "2024-02-27", {"2024-02-28..2024-03-01"}, "through a leap day"},
        BuiltinCase{"out-of-town",
                    "2200-12-28",
                    {"2200-12-29..2200-12-31"},
                    "due on the last supported day"},
        BuiltinCase{"local",
                    "2024-01-31",
                    {"2024-02-01..2024-02-07", "2024-02-23..2024-02-29", "2024-07-25..2024-07-31"},
                    "Jan 31 + 1 month clamps to Feb 29 in a leap year; + 6 months is Jul 31"},
        BuiltinCase{"local",
                    "2023-01-31",
                    {"2023-02-01..2023-02-07", "2023-02-22..2023-02-28", "2023-07-25..2023-07-31"},
                    "and to Feb 28 otherwise"},
        BuiltinCase{"local",
                    "2026-08-31",
                    {"2026-09-01..2026-09-07", "2026-09-24..2026-09-30", "2027-02-22..2027-02-28"},
                    "Aug 31: Sep 30 and Feb 28"},
        BuiltinCase{"local",
                    "2026-12-15",
                    {"2026-12-16..2026-12-22", "2027-01-09..2027-01-15", "2027-06-09..2027-06-15"},
                    "month steps across the new year"},
        BuiltinCase{"local",
                    "2200-06-30",
                    {"2200-07-01..2200-07-07", "2200-07-24..2200-07-30", "2200-12-24..2200-12-30"},
                    "the last month step still fits"},
        BuiltinCase{"local",
                    "2200-07-01",
                    {"2200-07-02..2200-07-08", "2200-07-26..2200-08-01"},
                    "the 6-month step would fall in 2201"}),
    CaseName);

TEST(BuiltinPolicy, RepeatsNeverDriftOverDecades) {
  const Cadence standard = Builtin("standard");
  const Day anchor = D("2026-03-22");  // D+70 = 2026-05-31
  std::vector<Window> windows(400);
  windows.resize(standard.Expand(anchor, windows.data(), windows.size()));
  ASSERT_EQ(windows.size(), 400u);
  for (std::size_t i = 4; i < windows.size(); ++i) {
    const auto r = static_cast<std::int64_t>(i - 3);
    EXPECT_EQ(windows[i].due, AddMonthsClamped(anchor + 70, 3 * r)) << "repeat " << r;
    EXPECT_EQ(windows[i].opens, windows[i].due - 6);
  }
  // Every May and August keeps its 31st however many short months came before.
  EXPECT_EQ(FormatDay(windows[4 + 4 * 50].due), "2076-08-31");
}

TEST(BuiltinPolicy, StandardIsUnboundedUntilTheCalendarEnds) {
  const Cadence standard = Builtin("standard");
  std::vector<Window> windows(2000);
  windows.resize(standard.Expand(D("2026-01-31"), windows.data(), windows.size()));
  ASSERT_GT(windows.size(), 4u + 4 * 170);
  EXPECT_LE(windows.back().due, kMaxDay);
  EXPECT_GT(AddMonthsClamped(windows.back().due, 3), kMaxDay);
}

TEST(BuiltinPolicy, StepsCarryChannelPurposeAndCallTime) {
  const Cadence standard = Builtin("standard");
  EXPECT_EQ(standard.policy().call_time_minutes, 20 * 60);
  EXPECT_EQ(standard.KindOf(1).purpose, Purpose::kConditionInquiry);
  EXPECT_EQ(standard.KindOf(2).purpose, Purpose::kEfficacyFeedback);
  EXPECT_EQ(standard.KindOf(5).purpose, Purpose::kHealthTracking);
  EXPECT_EQ(standard.KindOf(500).channel, Channel::kPhone);
  EXPECT_EQ(Builtin("out-of-town").KindOf(1).purpose, Purpose::kSafeArrival);
}

TEST(BuiltinPolicy, UnknownNameIsNotFound) {
  Cadence c;
  const Status s = Cadence::Builtin("weekly", &c);
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(
      s.message(),
      "builtin is \"weekly\": no built-in policy of that name (standard, out-of-town, local)");
}

}  // namespace
}  // namespace kefu
