// Next and NextBatch agree with Expand: the next window is the first expanded window due on or
// after the day, for built-in and custom policies, many anchors and days.
#include <random>

#include <gtest/gtest.h>

#include "cadence/cadence_test_util.hpp"

namespace kefu {
namespace {

using testing_util::Builtin;
using testing_util::D;
using testing_util::Text;

Policy Custom(std::vector<Step> steps, std::optional<Repeat> repeat) {
  Policy p;
  p.name = "custom";
  p.steps = std::move(steps);
  p.repeat = repeat;
  return p;
}

std::vector<Cadence> Cadences() {
  std::vector<Cadence> out = {Builtin("standard"), Builtin("out-of-town"), Builtin("local")};
  const std::vector<Policy> custom = {
      // Months only, with a bounded monthly tail starting from a month-end-prone step.
      Custom({Step{{1, TimeUnit::kMonths}, 3}, Step{{2, TimeUnit::kMonths}, 10}},
             Repeat{{1, TimeUnit::kMonths}, 30, false, 5}),
      // Weeks, then an unbounded tail every 10 days.
      Custom({Step{{0, TimeUnit::kWeeks}, 0}, Step{{2, TimeUnit::kWeeks}, 13}},
             Repeat{{10, TimeUnit::kDays}, 0, true, 9}),
      // Yearly tail in weeks, bounded.
      Custom({Step{{3, TimeUnit::kDays}, 1}}, Repeat{{52, TimeUnit::kWeeks}, 12, false, 30}),
      // Mixed units in order: 20 days < 1 month (28..31 days) < 40 days < 2 months.
      Custom({Step{{20, TimeUnit::kDays}, 2}, Step{{1, TimeUnit::kMonths}, 2},
              Step{{40, TimeUnit::kDays}, 2}, Step{{2, TimeUnit::kMonths}, 2}},
             Repeat{{12, TimeUnit::kMonths}, 0, true, 60}),
      // Day steps, then a bounded monthly tail of interval 1 whose windows open before the
      // anchor would allow (NextBatch's fast path for monthly tails, dividing by one).
      Custom({Step{{10, TimeUnit::kDays}, 3}, Step{{31, TimeUnit::kDays}, 5}},
             Repeat{{1, TimeUnit::kMonths}, 7, false, 40}),
      // Day steps, then an unbounded tail every 5 months (the fast path, dividing by five).
      Custom({Step{{2, TimeUnit::kWeeks}, 1}}, Repeat{{5, TimeUnit::kMonths}, 0, true, 0}),
  };
  for (const Policy& p : custom) {
    Cadence c;
    const Status s = Cadence::Compile(p, &c);
    EXPECT_TRUE(s.ok()) << s.ToString();
    out.push_back(c);
  }
  return out;
}

// The first window of Expand due on or after the day, or seq 0.
Window ByExpansion(const Cadence& c, Day anchor, Day on_or_after) {
  std::vector<Window> windows(4096);
  windows.resize(c.Expand(anchor, windows.data(), windows.size()));
  for (const Window& w : windows) {
    if (w.due >= on_or_after) return w;
  }
  return Window{0, 0, 0, 0};
}

bool Same(const Window& a, const Window& b) {
  return a.seq == b.seq && a.opens == b.opens && a.due == b.due && a.reserved == b.reserved;
}

TEST(CadenceNext, AgreesWithExpandForRandomAnchorsAndDays) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<Day> anchor_dist(kMinDay, kMaxDay);
  std::uniform_int_distribution<Day> gap_dist(-30, 3000);
  for (const Cadence& c : Cadences()) {
    for (int i = 0; i < 3000; ++i) {
      const Day anchor = anchor_dist(rng);
      const Day day = std::clamp<Day>(anchor + gap_dist(rng), kMinDay, kMaxDay);
      Window next{};
      const bool found = c.Next(anchor, day, &next);
      const Window expected = ByExpansion(c, anchor, day);
      ASSERT_TRUE(Same(next, expected))
          << c.policy().name << " anchor " << FormatDay(anchor) << " on or after " << FormatDay(day)
          << ": got #" << next.seq << " " << Text(next) << ", expected #" << expected.seq << " "
          << Text(expected);
      ASSERT_EQ(found, expected.seq != 0);
    }
  }
}

TEST(CadenceNext, AgreesWithExpandOnEveryDayAroundMonthEnds) {
  for (const Cadence& c : Cadences()) {
    for (Day anchor = D("2023-12-20"); anchor <= D("2024-03-10"); ++anchor) {
      for (Day day = anchor - 2; day <= anchor + 800; day += 7) {
        Window next{};
        c.Next(anchor, day, &next);
        ASSERT_TRUE(Same(next, ByExpansion(c, anchor, day)))
            << c.policy().name << " " << FormatDay(anchor) << " " << FormatDay(day);
      }
    }
  }
}

TEST(CadenceNext, DueDayItselfCountsAndTheDayAfterMovesOn) {
  const Cadence standard = Builtin("standard");
  const Day anchor = D("2026-01-31");
  Window w{};
  ASSERT_TRUE(standard.Next(anchor, D("2026-02-07"), &w));
  EXPECT_EQ(w.seq, 1);
  ASSERT_TRUE(standard.Next(anchor, D("2026-02-08"), &w));
  EXPECT_EQ(w.seq, 2);
  EXPECT_EQ(Text(w), "2026-02-15..2026-02-21");
  ASSERT_TRUE(standard.Next(anchor, D("2020-01-01"), &w));  // before the anchor: the first
  EXPECT_EQ(w.seq, 1);
  ASSERT_TRUE(standard.Next(anchor, D("2036-07-12"), &w));  // years later, straight to it
  EXPECT_EQ(Text(w), "2036-10-05..2036-10-11");
  EXPECT_EQ(w.seq, 4 + 42);
}

TEST(CadenceNext, EndedCadencesSayNoAndZeroTheWindow) {
  const Cadence out_of_town = Builtin("out-of-town");
  Window w{7, 7, 7, 7};
  EXPECT_FALSE(out_of_town.Next(D("2026-01-31"), D("2026-02-04"), &w));
  EXPECT_TRUE(Same(w, Window{0, 0, 0, 0}));
  const Cadence standard = Builtin("standard");
  EXPECT_FALSE(standard.Next(D("2026-01-31"), D("2200-12-31"), &w)) << Text(w);
}

TEST(CadenceNextBatch, EqualsNextForEveryAnchor) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<Day> anchor_dist(D("2015-01-01"), D("2026-11-23"));
  std::vector<Day> anchors(20000);
  for (Day& a : anchors) a = anchor_dist(rng);
  anchors[0] = kMinDay;
  anchors[1] = kMaxDay;
  anchors[2] = kMaxDay - 40;
  anchors[3] = D("2200-09-30");
  // Days in the steps of most anchors, well past them, and at the end of the supported range.
  for (const Day today :
       {D("2015-02-01"), D("2026-11-23"), D("2031-02-28"), D("2200-12-01"), kMaxDay}) {
    for (const Cadence& c : Cadences()) {
      std::vector<Window> batch(anchors.size());
      ASSERT_TRUE(c.NextBatch(anchors.data(), anchors.size(), today, batch.data()).ok());
      for (std::size_t i = 0; i < anchors.size(); ++i) {
        Window one{};
        c.Next(anchors[i], today, &one);
        ASSERT_TRUE(Same(batch[i], one))
            << c.policy().name << " anchor " << FormatDay(anchors[i]) << " on " << FormatDay(today)
            << ": batch " << Text(batch[i]) << " seq " << batch[i].seq << ", next " << Text(one)
            << " seq " << one.seq;
      }
    }
  }
}

TEST(CadenceNextBatch, NamesTheFirstAnchorOutOfRange) {
  const Cadence standard = Builtin("standard");
  const std::vector<Day> anchors = {D("2026-01-01"), D("2026-01-02"), kMaxDay + 1};
  std::vector<Window> out(anchors.size());
  const Status s = standard.NextBatch(anchors.data(), anchors.size(), D("2026-11-23"), out.data());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "anchors[2] is day 84371 (2201-01-01): outside the supported range "
            "1900-01-01..2200-12-31 (days -25567..84370)");
}

TEST(CadenceExpand, WindowsNeverOpenBeforeTheAnchor) {
  Cadence c;
  ASSERT_TRUE(Cadence::Compile(Custom({Step{{2, TimeUnit::kDays}, 30}}, std::nullopt), &c).ok());
  std::vector<std::string> got = testing_util::ExpandText(c, D("2026-05-10"), 3);
  EXPECT_EQ(got, std::vector<std::string>{"2026-05-10..2026-05-12"});
}

TEST(CadenceExpand, BoundedRepeatsStopAtTheirCount) {
  Cadence c;
  ASSERT_TRUE(
      Cadence::Compile(
          Custom({Step{{3, TimeUnit::kDays}, 1}}, Repeat{{1, TimeUnit::kMonths}, 2, false, 0}), &c)
          .ok());
  EXPECT_EQ(testing_util::ExpandText(c, D("2026-01-28"), 10),
            (std::vector<std::string>{"2026-01-30..2026-01-31", "2026-02-28..2026-02-28",
                                      "2026-03-31..2026-03-31"}));
}

TEST(CadenceExpand, CapacityLimitsTheWindowsWritten) {
  const Cadence standard = Builtin("standard");
  std::vector<Window> windows(10, Window{-1, -1, -1, -1});
  EXPECT_EQ(standard.Expand(D("2026-01-31"), windows.data(), 2), 2u);
  EXPECT_EQ(windows[2].seq, -1) << "wrote past capacity";
  EXPECT_EQ(standard.Expand(D("2026-01-31"), windows.data(), 0), 0u);
}

}  // namespace
}  // namespace kefu
