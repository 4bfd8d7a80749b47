// The CSV grammar `kefu import` reads (RFC 4180 as HIS systems export it), pinned case by case;
// each case also fed one byte at a time, which must give the same records, lines and error.
#include "cli/csv.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace kefu::cli {
namespace {

struct CsvCase {
  const char* name;
  std::string text;
  std::vector<std::vector<std::string>> fields;  // each record's
  std::vector<int> lines;                        // where each record starts
  std::string error;                             // "" when it parses
};

std::string Describe(const std::deque<CsvRecord>& records, const Status& s) {
  std::string out = s.ok() ? "" : "error: " + s.message() + "\n";
  for (const auto& r : records) {
    out += std::to_string(r.line) + ":";
    for (const auto& f : r.fields) out += " [" + f + "]";
    out += "\n";
  }
  return out;
}

std::string Expected(const CsvCase& c) {
  std::deque<CsvRecord> records;
  for (std::size_t i = 0; i < c.fields.size(); ++i)
    records.push_back(CsvRecord{c.lines[i], c.fields[i]});
  return Describe(records, c.error.empty() ? Status::Ok() : Status::InvalidArgument(c.error));
}

class Csv : public testing::TestWithParam<CsvCase> {};

TEST_P(Csv, ParsesWhole) {
  CsvParser parser("in.csv");
  std::deque<CsvRecord> records;
  parser.Feed(GetParam().text, &records);
  const Status s = parser.Finish(&records);
  EXPECT_EQ(Describe(records, s), Expected(GetParam()));
}

TEST_P(Csv, ParsesTheSameFedOneByteAtATime) {
  CsvParser parser("in.csv");
  std::deque<CsvRecord> records;
  for (const char c : GetParam().text) parser.Feed(std::string_view(&c, 1), &records);
  const Status s = parser.Finish(&records);
  EXPECT_EQ(Describe(records, s), Expected(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Grammar, Csv,
    testing::Values(
        CsvCase{"Plain", "mrn,name\nA1,张伟\n", {{"mrn", "name"}, {"A1", "张伟"}}, {1, 2}, ""},
        CsvCase{"NoFinalNewline", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}, {1, 2}, ""},
        CsvCase{"CrLf", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}, {1, 2}, ""},
        CsvCase{"LoneCrIsText", "a\rb,c\n", {{"a\rb", "c"}}, {1}, ""},
        CsvCase{"QuotedComma", "\"张,伟\",x\n", {{"张,伟", "x"}}, {1}, ""},
        CsvCase{"DoubledQuote", "\"a\"\"b\",c\n", {{"a\"b", "c"}}, {1}, ""},
        CsvCase{"NewlineInsideQuotes",
                "\"line1\nline2\",x\nnext,y\n",
                {{"line1\nline2", "x"}, {"next", "y"}},
                {1, 3},
                ""},
        CsvCase{"EmptyFields", ",,\n", {{"", "", ""}}, {1}, ""},
        CsvCase{"BlankLinesSkipped", "a\n\n\nb\n", {{"a"}, {"b"}}, {1, 4}, ""},
        CsvCase{"ByteOrderMarkDropped", "\xEF\xBB\xBFmrn\nA\n", {{"mrn"}, {"A"}}, {1, 2}, ""},
        CsvCase{"OnlyPartOfAByteOrderMarkIsText", "\xEF\xBBx\n", {{"\xEF\xBBx"}}, {1}, ""},
        CsvCase{"ByteOrderMarkOnlyAtTheStart",
                "a\n\xEF\xBB\xBF"
                "b\n",
                {{"a"},
                 {"\xEF\xBB\xBF"
                  "b"}},
                {1, 2},
                ""},
        CsvCase{"UnclosedQuoteNamesItsLine",
                "a\nb\n\"never closed,\nx\n",
                {{"a"}, {"b"}},
                {1, 2},
                "in.csv line 3: a quoted field is never closed"}),
    [](const testing::TestParamInfo<CsvCase>& row) { return std::string(row.param.name); });

}  // namespace
}  // namespace kefu::cli
