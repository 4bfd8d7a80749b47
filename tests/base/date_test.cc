// Day numbers against Boost.DateTime, an independent implementation, over the whole supported
// range; and the text form and error messages of dates.
#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include "kefu/date.hpp"

namespace kefu {
namespace {

namespace bg = boost::gregorian;

TEST(Date, EveryDayMatchesBoostAcrossTheSupportedRange) {
  const bg::date epoch(1970, 1, 1);
  for (Day day = kMinDay; day <= kMaxDay; ++day) {
    const bg::date expected = epoch + bg::days(day);
    const Ymd ymd = CivilFromDays(day);
    ASSERT_EQ(ymd.year, expected.year()) << day;
    ASSERT_EQ(ymd.month, expected.month().as_number()) << day;
    ASSERT_EQ(ymd.day, expected.day().as_number()) << day;
    ASSERT_EQ(DaysFromCivil(ymd.year, ymd.month, ymd.day), day);
  }
}

TEST(Date, RangeEndsAreTheDocumentedDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1900, 1, 1), kMinDay);
  EXPECT_EQ(DaysFromCivil(2200, 12, 31), kMaxDay);
  EXPECT_EQ(FormatDay(kMinDay), "1900-01-01");
  EXPECT_EQ(FormatDay(kMaxDay), "2200-12-31");
}

TEST(Date, LeapYearsFollowTheGregorianRule) {
  EXPECT_FALSE(IsValidYmd(1900, 2, 29));  // divisible by 100, not by 400
  EXPECT_TRUE(IsValidYmd(2000, 2, 29));   // divisible by 400
  EXPECT_TRUE(IsValidYmd(2024, 2, 29));
  EXPECT_FALSE(IsValidYmd(2026, 2, 29));
  EXPECT_FALSE(IsValidYmd(2100, 2, 29));
  EXPECT_FALSE(IsValidYmd(2200, 2, 29));
}

struct BadDateCase {
  int y, m, d;
  const char* message;
};

class DateRejects : public testing::TestWithParam<BadDateCase> {};

TEST_P(DateRejects, WithAMessageNamingFieldAndValue) {
  const BadDateCase& c = GetParam();
  Day out = 12345;
  const Status s = DayFromYmd(c.y, c.m, c.d, "anchor", &out);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), c.message);
  EXPECT_EQ(out, 12345) << "output written on failure";
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateRejects,
    testing::Values(BadDateCase{1899, 12, 31, "anchor is 1899-12-31: the year must be 1900..2200"},
                    BadDateCase{2201, 1, 1, "anchor is 2201-01-01: the year must be 1900..2200"},
                    BadDateCase{2026, 13, 1, "anchor is 2026-13-01: the month must be 1..12"},
                    BadDateCase{2026, 0, 1, "anchor is 2026-00-01: the month must be 1..12"},
                    BadDateCase{2026, 2, 29, "anchor is 2026-02-29: no such day in that month"},
                    BadDateCase{2026, 4, 31, "anchor is 2026-04-31: no such day in that month"},
                    BadDateCase{2026, 1, 0, "anchor is 2026-01-00: no such day in that month"},
                    BadDateCase{-5, 1, 1, "anchor is -005-01-01: the year must be 1900..2200"}));

TEST(Date, ParsesAndRejectsText) {
  Day day = 0;
  ASSERT_TRUE(ParseDay("2026-01-31", "--discharged", &day).ok());
  EXPECT_EQ(FormatDay(day), "2026-01-31");
  EXPECT_EQ(ParseDay("2026-1-31", "--discharged", &day).message(),
            "--discharged is \"2026-1-31\": expected a date as YYYY-MM-DD");
  EXPECT_EQ(ParseDay("2026-02-30", "--discharged", &day).message(),
            "--discharged is \"2026-02-30\": no such date");
  EXPECT_EQ(ParseDay("1776-07-04", "--discharged", &day).message(),
            "--discharged is \"1776-07-04\": the year must be 1900..2200");
  EXPECT_EQ(ParseDay("2026-0x-01", "d", &day).code(), Code::kInvalidArgument);
}

TEST(Date, OutOfRangeDayNumbersAreNamedWithTheirDate) {
  EXPECT_TRUE(CheckSupportedDay(kMinDay, "anchor").ok());
  EXPECT_TRUE(CheckSupportedDay(kMaxDay, "anchor").ok());
  EXPECT_EQ(CheckSupportedDay(kMaxDay + 1, "anchor").message(),
            "anchor is day 84371 (2201-01-01): outside the supported range "
            "1900-01-01..2200-12-31 (days -25567..84370)");
  EXPECT_EQ(CheckSupportedDay(INT32_MIN, "on_or_after").message(),
            "on_or_after is day -2147483648: outside the supported range "
            "1900-01-01..2200-12-31 (days -25567..84370)");
}

TEST(Date, QuoteEscapesAndTruncatesHostileText) {
  EXPECT_EQ(Quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\x0a\"");
  EXPECT_EQ(Quote(std::string(100, 'x')), "\"" + std::string(64, 'x') + "...\"");
  EXPECT_EQ(Quote("bad\xff"), "\"bad\\xff\"");
  // 21 three-byte characters are 63 bytes; the 22nd would cross the 64-byte cut.
  std::string chinese;
  for (int i = 0; i < 30; ++i) chinese += "\xe6\x82\xa3";  // 患
  EXPECT_EQ(Quote(chinese), "\"" + chinese.substr(0, 63) + "...\"");
}

}  // namespace
}  // namespace kefu
