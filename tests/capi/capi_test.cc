// The C ABI as a HIS links it: libkefu.so and kefu.h only. Versions, statuses, dates, cadences,
// and the error contract (status, message, nothing written) for every NULL and bad value.
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "kefu/kefu.h"
#include "kefu/v1/cadence.pb.h"

namespace {

int32_t Day(int y, int m, int d) {
  int32_t day = 0;
  EXPECT_EQ(kefu_date_from_ymd(y, m, d, &day), KEFU_OK);
  return day;
}

struct CadenceHandle {
  explicit CadenceHandle(const char* name) { EXPECT_EQ(kefu_cadence_builtin(name, &c), KEFU_OK); }
  ~CadenceHandle() { kefu_cadence_free(c); }
  kefu_cadence* c = nullptr;
};

TEST(CAbi, VersionsAgreeWithTheHeader) {
  EXPECT_EQ(kefu_abi_version(), KEFU_ABI_VERSION);
  EXPECT_STREQ(kefu_version(), KEFU_VERSION_STRING);
}

TEST(CAbi, StatusNamesAreStable) {
  const std::pair<kefu_status, const char*> names[] = {
      {KEFU_OK, "KEFU_OK"},
      {KEFU_ERR_INVALID_ARGUMENT, "KEFU_ERR_INVALID_ARGUMENT"},
      {KEFU_ERR_NOT_FOUND, "KEFU_ERR_NOT_FOUND"},
      {KEFU_ERR_ALREADY_EXISTS, "KEFU_ERR_ALREADY_EXISTS"},
      {KEFU_ERR_FAILED_PRECONDITION, "KEFU_ERR_FAILED_PRECONDITION"},
      {KEFU_ERR_PERMISSION_DENIED, "KEFU_ERR_PERMISSION_DENIED"},
      {KEFU_ERR_UNIMPLEMENTED, "KEFU_ERR_UNIMPLEMENTED"},
      {KEFU_ERR_IO, "KEFU_ERR_IO"},
      {KEFU_ERR_CORRUPT, "KEFU_ERR_CORRUPT"},
      {KEFU_ERR_BUSY, "KEFU_ERR_BUSY"},
      {KEFU_ERR_INTERNAL, "KEFU_ERR_INTERNAL"},
  };
  for (const auto& [status, name] : names) EXPECT_STREQ(kefu_status_name(status), name);
  EXPECT_EQ(static_cast<int>(KEFU_ERR_INTERNAL), 10);
  EXPECT_STREQ(kefu_status_name(static_cast<kefu_status>(42)), "KEFU_ERR_UNKNOWN");
  EXPECT_STREQ(kefu_status_name(static_cast<kefu_status>(-1)), "KEFU_ERR_UNKNOWN");
}

TEST(CAbi, LastErrorIsPerThread) {
  int32_t day = 0;
  ASSERT_EQ(kefu_date_from_ymd(2026, 2, 30, &day), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "date is 2026-02-30: no such day in that month");
  std::string other;
  std::thread([&] { other = kefu_last_error(); }).join();
  EXPECT_EQ(other, "");
  ASSERT_EQ(kefu_date_from_ymd(2026, 2, 28, &day), KEFU_OK);
  EXPECT_STREQ(kefu_last_error(), "date is 2026-02-30: no such day in that month")
      << "success must leave the last error alone";
}

TEST(CAbi, DatesRoundTripAtTheRangeEnds) {
  EXPECT_EQ(Day(1900, 1, 1), KEFU_MIN_DAY);
  EXPECT_EQ(Day(2200, 12, 31), KEFU_MAX_DAY);
  EXPECT_EQ(Day(1970, 1, 1), 0);
  int y = 0, m = 0, d = 0;
  ASSERT_EQ(kefu_date_to_ymd(Day(2024, 2, 29), &y, &m, &d), KEFU_OK);
  EXPECT_EQ(y * 10000 + m * 100 + d, 20240229);
  EXPECT_EQ(kefu_date_to_ymd(KEFU_MAX_DAY + 1, &y, &m, &d), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "day is day 84371 (2201-01-01): outside the supported range "
               "1900-01-01..2200-12-31 (days -25567..84370)");
  int32_t out = 99;
  EXPECT_EQ(kefu_date_from_ymd(1899, 12, 31, &out), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(out, 99);
}

TEST(CAbi, FreeFunctionsAcceptNull) {
  kefu_cadence_free(nullptr);
  kefu_close(nullptr);
  kefu_session_close(nullptr);
  kefu_buffer_free(nullptr);
  kefu_buffer empty{nullptr, 0};
  kefu_buffer_free(&empty);
  kefu_buffer_free(&empty);
}

TEST(CAbiCadence, ExpandAndNextThroughTheAbi) {
  CadenceHandle standard("standard");
  const int32_t anchor = Day(2026, 3, 22);
  kefu_window windows[8];
  size_t written = 0;
  ASSERT_EQ(kefu_cadence_expand(standard.c, anchor, windows, 8, &written), KEFU_OK);
  ASSERT_EQ(written, 8u);
  EXPECT_EQ(windows[7].seq, 8);
  EXPECT_EQ(windows[7].due, Day(2027, 5, 31));
  EXPECT_EQ(windows[7].opens, Day(2027, 5, 25));
  EXPECT_EQ(windows[7].reserved, 0);
  ASSERT_EQ(kefu_cadence_expand(standard.c, anchor, nullptr, 0, &written), KEFU_OK);
  EXPECT_EQ(written, 0u);

  kefu_window w;
  ASSERT_EQ(kefu_cadence_next(standard.c, anchor, Day(2027, 3, 1), &w), KEFU_OK);
  EXPECT_EQ(w.seq, 8);
  CadenceHandle out_of_town("out-of-town");
  EXPECT_EQ(kefu_cadence_next(out_of_town.c, anchor, Day(2027, 3, 1), &w), KEFU_ERR_NOT_FOUND);
  EXPECT_STREQ(kefu_last_error(),
               "the cadence has ended: no window due on or after 2027-03-01 for anchor 2026-03-22");
  EXPECT_EQ(w.seq, 0);
  EXPECT_EQ(w.due, 0);
}

TEST(CAbiCadence, BatchMatchesOneByOne) {
  CadenceHandle local("local");
  std::vector<int32_t> anchors;
  for (int32_t d = Day(2025, 1, 1); d <= Day(2026, 12, 31); ++d) anchors.push_back(d);
  const int32_t today = Day(2026, 6, 15);
  std::vector<kefu_window> batch(anchors.size());
  ASSERT_EQ(kefu_cadence_next_batch(local.c, anchors.data(), anchors.size(), today, batch.data()),
            KEFU_OK);
  for (size_t i = 0; i < anchors.size(); ++i) {
    kefu_window one;
    const kefu_status s = kefu_cadence_next(local.c, anchors[i], today, &one);
    ASSERT_EQ(s == KEFU_OK ? one.seq : 0, batch[i].seq) << i;
    ASSERT_EQ(one.due, batch[i].due);
    ASSERT_EQ(one.opens, batch[i].opens);
  }
  EXPECT_EQ(kefu_cadence_next_batch(local.c, nullptr, 0, today, nullptr), KEFU_OK);
}

TEST(CAbiCadence, DaysOutOfRangeAreRejected) {
  CadenceHandle standard("standard");
  kefu_window w;
  size_t n;
  EXPECT_EQ(kefu_cadence_next(standard.c, KEFU_MIN_DAY - 1, 0, &w), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "anchor is day -25568 (1899-12-31): outside the supported range "
               "1900-01-01..2200-12-31 (days -25567..84370)");
  EXPECT_EQ(kefu_cadence_next(standard.c, 0, INT32_MAX, &w), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(kefu_cadence_expand(standard.c, INT32_MIN, &w, 1, &n), KEFU_ERR_INVALID_ARGUMENT);
  const int32_t anchors[] = {0, 1, INT32_MIN};
  kefu_window out[3];
  EXPECT_EQ(kefu_cadence_next_batch(standard.c, anchors, 3, 0, out), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "anchors[2] is day -2147483648: outside the supported range "
               "1900-01-01..2200-12-31 (days -25567..84370)");
  EXPECT_EQ(kefu_cadence_next_batch(standard.c, anchors, 2, KEFU_MAX_DAY + 1, out),
            KEFU_ERR_INVALID_ARGUMENT);
  kefu_cadence* c = nullptr;
  EXPECT_EQ(kefu_cadence_builtin("Standard", &c), KEFU_ERR_NOT_FOUND);
  EXPECT_EQ(c, nullptr);
}

TEST(CAbiCadence, PoliciesFromBinaryAndJson) {
  kefu::v1::CadencePolicy policy;
  policy.set_name("fortnightly-4");
  auto* step = policy.add_steps();
  step->mutable_offset()->set_amount(2);
  step->mutable_offset()->set_unit(kefu::v1::TIME_UNIT_WEEKS);
  step->set_opens_days_before(3);
  policy.mutable_repeat()->mutable_interval()->set_amount(2);
  policy.mutable_repeat()->mutable_interval()->set_unit(kefu::v1::TIME_UNIT_WEEKS);
  policy.mutable_repeat()->set_count(3);
  const std::string bytes = policy.SerializeAsString();

  kefu_cadence* from_binary = nullptr;
  ASSERT_EQ(kefu_cadence_parse(bytes.data(), bytes.size(), &from_binary), KEFU_OK)
      << kefu_last_error();
  kefu_cadence* from_json = nullptr;
  ASSERT_EQ(kefu_cadence_parse_json(R"({"name": "fortnightly-4",
      "steps": [{"offset": {"amount": 2, "unit": "TIME_UNIT_WEEKS"}, "opensDaysBefore": 3}],
      "repeat": {"interval": {"amount": 2, "unit": "TIME_UNIT_WEEKS"}, "count": 3}})",
                                    &from_json),
            KEFU_OK)
      << kefu_last_error();
  for (kefu_cadence* c : {from_binary, from_json}) {
    kefu_window w[10];
    size_t n = 0;
    ASSERT_EQ(kefu_cadence_expand(c, 0, w, 10, &n), KEFU_OK);
    ASSERT_EQ(n, 4u);
    EXPECT_EQ(w[0].due, 14);
    EXPECT_EQ(w[0].opens, 11);
    EXPECT_EQ(w[3].due, 56);
    EXPECT_EQ(w[3].opens, 56);
    kefu_cadence_free(c);
  }
}

struct BadPolicyCase {
  const char* json;
  const char* message_start;
};

class BadPolicyJson : public testing::TestWithParam<BadPolicyCase> {};

TEST_P(BadPolicyJson, IsRejectedWithAMessage) {
  kefu_cadence* c = nullptr;
  EXPECT_EQ(kefu_cadence_parse_json(GetParam().json, &c), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(c, nullptr);
  EXPECT_EQ(std::string(kefu_last_error()).rfind(GetParam().message_start, 0), 0u)
      << kefu_last_error();
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadPolicyJson,
    testing::Values(
        BadPolicyCase{"", "json is not a valid kefu.v1.CadencePolicy"},
        BadPolicyCase{"{", "json is not a valid kefu.v1.CadencePolicy"},
        BadPolicyCase{"[]", "json is not a valid kefu.v1.CadencePolicy"},
        BadPolicyCase{R"({"stepz": []})", "json is not a valid kefu.v1.CadencePolicy"},
        BadPolicyCase{R"({"steps": [{"offset": {"unit": "TIME_UNIT_FORTNIGHTS"}}]})",
                      "json is not a valid kefu.v1.CadencePolicy"},
        // RFC 8259 JSON only, as kefu_call_json takes it.
        BadPolicyCase{"{'steps': []}",
                      "json is not a valid kefu.v1.CadencePolicy in JSON: parse error at line 1, "
                      "column 2"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}},]})",
                      "json is not a valid kefu.v1.CadencePolicy in JSON: parse error at line 1, "
                      "column 64: syntax error while parsing value - unexpected ']'"},
        BadPolicyCase{R"({"name": "a", "name": "b", "steps": []})",
                      "json is not a valid kefu.v1.CadencePolicy in JSON: the key \"name\" is "
                      "given twice in one object"},
        BadPolicyCase{
            R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"},
                                     "opens_days_before": 1, "opensDaysBefore": 2}]})",
            "json is not a valid kefu.v1.CadencePolicy in JSON: the field opensDaysBefore "
            "is given twice in one object, as \"opens_days_before\" and as "
            "\"opensDaysBefore\" (in steps[0])"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}}],
                          "repeat": {"interval": {"amount": 7, "unit": "TIME_UNIT_DAYS"},
                                     "unbounded": "yes"}})",
                      "json is not a valid kefu.v1.CadencePolicy in JSON: repeat.unbounded is a "
                      "boolean: give true or false"},
        BadPolicyCase{"{}", "steps is empty: a policy needs at least one step"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3}}]})",
                      "steps[0].offset.unit is 0 (unset)"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3, "unit": 9}}]})",
                      "steps[0].offset.unit is 9"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"},
                          "opensDaysBefore": -1}]})",
                      "steps[0].opens_days_before is -1: the window would open after it is due"},
        BadPolicyCase{R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}}],
                          "repeat": {"interval": {"amount": 0, "unit": "TIME_UNIT_DAYS"},
                                     "unbounded": true}})",
                      "repeat.interval.amount is 0: must be 1..36525 days"}));

TEST(CAbiCadence, GarbageBinaryPolicyIsRejected) {
  kefu_cadence* c = nullptr;
  const unsigned char garbage[] = {0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f};
  EXPECT_EQ(kefu_cadence_parse(garbage, sizeof garbage, &c), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "policy (6 bytes) does not decode as a binary kefu.v1.CadencePolicy");
  EXPECT_EQ(kefu_cadence_parse(nullptr, 0, &c), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "steps is empty: a policy needs at least one step");
}

TEST(CAbiCadence, CadencesAreSharedAcrossThreads) {
  CadenceHandle standard("standard");
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      kefu_window w;
      for (int32_t a = Day(2020, 1, 1); a < Day(2020, 1, 1) + 2000; ++a) {
        if (kefu_cadence_next(standard.c, a, a + 7, &w) != KEFU_OK || w.seq != 1) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
