// Month arithmetic: clamping to the month's end, checked against a hand-clamped Boost.DateTime
// computation (not Boost's `months`, which snaps month ends: Apr 30 + 1 month = May 31), and the
// fast lookup table against the arithmetic.
#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "base/month_table.hpp"
#include "kefu/date.hpp"

namespace kefu {
namespace {

namespace bg = boost::gregorian;

Day FromBoost(const bg::date& d) { return static_cast<Day>((d - bg::date(1970, 1, 1)).days()); }

// What a careful developer writes with Boost: move the month, clamp the day by hand.
Day BoostAddMonthsClamped(Day day, int months) {
  const bg::date d = bg::date(1970, 1, 1) + bg::days(day);
  const int index = d.year() * 12 + (d.month().as_number() - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const int last = bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                            static_cast<unsigned short>(month));
  const int mday = std::min<int>(d.day().as_number(), last);
  return FromBoost(bg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                            static_cast<unsigned short>(mday)));
}

TEST(Months, ClampToTheLastDayOfTheTargetMonth) {
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2026, 1, 31), 1)), "2026-02-28");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2024, 1, 31), 1)), "2024-02-29");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2026, 1, 31), 3)), "2026-04-30");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2026, 1, 31), 6)), "2026-07-31");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2026, 4, 30), 1)), "2026-05-30");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2024, 2, 29), 12)), "2025-02-28");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(2026, 11, 30), 3)), "2027-02-28");
  EXPECT_EQ(FormatDay(AddMonthsClamped(DaysFromCivil(1899, 12, 31), 2)), "1900-02-28");
}

TEST(Months, BoostMonthsSnapsMonthEndsWhichKefuDoesNot) {
  // Documents why kefu does not use bg::months: it would move Apr 30 to May 31.
  const bg::date april30(2026, 4, 30);
  EXPECT_EQ((april30 + bg::months(1)).day().as_number(), 31);
  EXPECT_EQ(FormatDay(AddMonthsClamped(FromBoost(april30), 1)), "2026-05-30");
}

TEST(Months, AgreeWithHandClampedBoostOnEveryDayOfSampleYears) {
  for (int year : {1900, 1999, 2000, 2024, 2026, 2099, 2100, 2199}) {
    for (Day day = DaysFromCivil(year, 1, 1); day <= DaysFromCivil(year, 12, 31); ++day) {
      for (int months = 0; months <= 27; ++months) {
        if (DaysFromCivil(year, 12, 31) + 31 * months > kMaxDay) break;
        ASSERT_EQ(AddMonthsClamped(day, months), BoostAddMonthsClamped(day, months))
            << FormatDay(day) << " + " << months;
      }
    }
  }
}

TEST(MonthTable, AgreesWithTheArithmeticOverTheWholeRange) {
  const detail::MonthTable& table = detail::Months();
  for (Day day = kMinDay; day <= kMaxDay; ++day) {
    const Ymd ymd = CivilFromDays(day);
    ASSERT_EQ(table.DayOfMonth(day), ymd.day);
    ASSERT_EQ(table.MonthIndex(day), (ymd.year - 1900) * 12 + ymd.month - 1);
    for (int months : {0, 1, 3, 6, 13}) {
      const Day expected = AddMonthsClamped(day, months);
      ASSERT_EQ(table.AddMonths(day, months), expected > kMaxDay ? detail::kBeyondRange : expected)
          << FormatDay(day) << " + " << months;
    }
  }
}

TEST(MonthTable, ResultsPast2200AreBeyondRange) {
  const detail::MonthTable& table = detail::Months();
  EXPECT_EQ(table.AddMonths(DaysFromCivil(2200, 12, 31), 0), kMaxDay);
  EXPECT_EQ(table.AddMonths(DaysFromCivil(2200, 12, 1), 1), detail::kBeyondRange);
  EXPECT_EQ(table.AddMonths(kMinDay, 100000), detail::kBeyondRange);
}

}  // namespace
}  // namespace kefu
