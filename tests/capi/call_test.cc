// kefu_open, sessions and kefu_call / kefu_call_json as a HIS uses them, with the HIS's own
// generated kefu.v1 classes in the same process.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "kefu/kefu.h"
#include "kefu/v1/cadence.pb.h"
#include "kefu/v1/system.pb.h"

namespace {

class CallTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(kefu_open(":memory:", &db_), KEFU_OK);
    ASSERT_EQ(kefu_session_open(db_, "nurse-0042", &session_), KEFU_OK);
  }
  void TearDown() override {
    kefu_session_close(session_);
    kefu_close(db_);
  }

  kefu_status Call(const char* method, const google::protobuf::Message& request,
                   google::protobuf::Message* response) {
    const std::string bytes = request.SerializeAsString();
    kefu_buffer out{reinterpret_cast<uint8_t*>(1), 99};  // must be overwritten
    const kefu_status s = kefu_call(session_, method, bytes.data(), bytes.size(), &out);
    if (s == KEFU_OK) {
      EXPECT_NE(out.data, nullptr);
      EXPECT_TRUE(response->ParseFromArray(out.data, static_cast<int>(out.size)));
    } else {
      EXPECT_EQ(out.data, nullptr);
      EXPECT_EQ(out.size, 0u);
    }
    kefu_buffer_free(&out);
    return s;
  }

  std::string Json(const char* method, const char* request, kefu_status expected = KEFU_OK) {
    kefu_buffer out{nullptr, 0};
    EXPECT_EQ(kefu_call_json(session_, method, request, &out), expected) << kefu_last_error();
    std::string text = out.data ? std::string(reinterpret_cast<char*>(out.data), out.size) : "";
    if (out.data) EXPECT_EQ(out.data[out.size], 0) << "JSON must be NUL-terminated";
    kefu_buffer_free(&out);
    EXPECT_EQ(out.data, nullptr);
    return text;
  }

  kefu_db* db_ = nullptr;
  kefu_session* session_ = nullptr;
};

TEST_F(CallTest, GetVersionInBinaryAndJson) {
  kefu::v1::GetVersionResponse version;
  ASSERT_EQ(Call("kefu.v1.SystemService/GetVersion", kefu::v1::GetVersionRequest(), &version),
            KEFU_OK);
  EXPECT_EQ(version.version(), kefu_version());
  EXPECT_EQ(version.abi_version(), KEFU_ABI_VERSION);
  EXPECT_GE(version.methods_size(), 4);
  const std::string json = Json("kefu.v1.SystemService/GetVersion", "{}");
  EXPECT_NE(json.find(R"("abiVersion":1)"), std::string::npos) << json;
}

TEST_F(CallTest, ExpandWithTheHisOwnMessages) {
  kefu::v1::ExpandRequest request;
  request.set_builtin("standard");
  request.mutable_anchor()->set_year(2026);
  request.mutable_anchor()->set_month(1);
  request.mutable_anchor()->set_day(31);
  request.set_count(5);
  kefu::v1::ExpandResponse response;
  ASSERT_EQ(Call("kefu.v1.CadenceService/Expand", request, &response), KEFU_OK)
      << kefu_last_error();
  ASSERT_EQ(response.windows_size(), 5);
  const auto& fifth = response.windows(4);
  EXPECT_EQ(fifth.seq(), 5);
  EXPECT_EQ(fifth.due().year() * 10000 + fifth.due().month() * 100 + fifth.due().day(), 20260711);
  EXPECT_EQ(fifth.opens().day(), 5);
  EXPECT_EQ(fifth.channel(), kefu::v1::CHANNEL_PHONE);
  EXPECT_EQ(fifth.purpose(), kefu::v1::PURPOSE_HEALTH_TRACKING);
  EXPECT_EQ(fifth.days_after_anchor(), 161);
}

TEST_F(CallTest, NextInJsonWithACustomPolicy) {
  const std::string json = Json("kefu.v1.CadenceService/Next", R"({
      "policy": {"steps": [{"offset": {"amount": 1, "unit": "TIME_UNIT_MONTHS"},
                            "channel": "CHANNEL_LETTER", "purpose": "PURPOSE_GREETING"}],
                 "callTime": {"hours": 9, "minutes": 30}},
      "anchor": {"year": 2026, "month": 1, "day": 31},
      "onOrAfter": {"year": 2026, "month": 2, "day": 1}})");
  EXPECT_EQ(json, R"({"window":{"seq":1,"opens":{"year":2026,"month":2,"day":28},)"
                  R"("due":{"year":2026,"month":2,"day":28},"channel":"CHANNEL_LETTER",)"
                  R"("purpose":"PURPOSE_GREETING","callTime":{"hours":9,"minutes":30},)"
                  R"("daysAfterAnchor":28},"ended":false})");
}

TEST_F(CallTest, BadCallsGetSpecificStatusesAndMessages) {
  struct Row {
    const char* method;
    const char* json;
    kefu_status status;
    const char* message_start;
  } rows[] = {
      {"kefu.v1.CadenceService/Nope", "{}", KEFU_ERR_UNIMPLEMENTED,
       "method is \"kefu.v1.CadenceService/Nope\": this library serves no such method"},
      {"", "{}", KEFU_ERR_UNIMPLEMENTED, "method is \"\""},
      {"kefu.v1.CadenceService/Expand", "not json", KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ExpandRequest in JSON"},
      {"kefu.v1.CadenceService/Expand", R"({"count": "many"})", KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ExpandRequest in JSON"},
      {"kefu.v1.CadenceService/Expand", "{\"builtin\": \"\xff\"}", KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ExpandRequest in JSON"},
      {"kefu.v1.CadenceService/Expand", R"({"unknownField": 1})", KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ExpandRequest in JSON"},
      {"kefu.v1.CadenceService/Expand",
       R"({"builtin": "weekly", "anchor": {"year": 2026, "month": 1, "day": 1}, "count": 1})",
       KEFU_ERR_NOT_FOUND, "builtin is \"weekly\": no built-in policy of that name"},
      {"kefu.v1.CadenceService/Next",
       R"({"builtin": "standard", "anchor": {"year": 2026, "month": 1, "day": 1},
           "onOrAfter": {"year": 2201, "month": 1, "day": 1}})",
       KEFU_ERR_INVALID_ARGUMENT, "on_or_after is 2201-01-01: the year must be 1900..2200"},
  };
  for (const Row& row : rows) {
    Json(row.method, row.json, row.status);
    EXPECT_EQ(std::string(kefu_last_error()).rfind(row.message_start, 0), 0u)
        << row.json << "\n  got: " << kefu_last_error();
  }
}

TEST_F(CallTest, BinaryEdgeCases) {
  kefu_buffer out{nullptr, 0};
  // An empty request is a valid empty message.
  ASSERT_EQ(kefu_call(session_, "kefu.v1.SystemService/GetVersion", nullptr, 0, &out), KEFU_OK);
  EXPECT_GT(out.size, 0u);
  kefu_buffer_free(&out);
  // Truncated bytes.
  kefu::v1::ExpandRequest request;
  request.set_builtin("standard");
  const std::string bytes = request.SerializeAsString();
  EXPECT_EQ(
      kefu_call(session_, "kefu.v1.CadenceService/Expand", bytes.data(), bytes.size() - 1, &out),
      KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "request (9 bytes) does not decode as a binary kefu.v1.ExpandRequest");
  // A NULL request with a size, a NULL method, a NULL response.
  EXPECT_EQ(kefu_call(session_, "kefu.v1.SystemService/GetVersion", nullptr, 5, &out),
            KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "request is NULL but request_size is 5");
  EXPECT_EQ(kefu_call(session_, nullptr, nullptr, 0, &out), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "method is NULL");
  EXPECT_EQ(kefu_call(session_, "kefu.v1.SystemService/GetVersion", nullptr, 0, nullptr),
            KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "response is NULL");
  // Over the size limit (the size is checked before the bytes are read).
  EXPECT_EQ(kefu_call(session_, "kefu.v1.SystemService/GetVersion", bytes.data(),
                      (size_t{64} << 20) + 1, &out),
            KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(),
               "request is 67108865 bytes: at most 64 MiB per call (split bulk work)");
}

TEST(CAbiSession, ActorsAreValidated) {
  kefu_db* db = nullptr;
  ASSERT_EQ(kefu_open(":memory:", &db), KEFU_OK);
  kefu_session* s = nullptr;
  struct Row {
    std::string actor;
    const char* message;
  } rows[] = {
      {"", "actor is empty: name who acts (a staff id)"},
      {std::string(129, 'a'), nullptr},
      {"bad\xff", "actor is \"bad\\xff\": not UTF-8"},
      {"tab\there", "actor is \"tab\\x09here\": holds a control character"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(kefu_session_open(db, row.actor.c_str(), &s), KEFU_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(s, nullptr);
    if (row.message != nullptr) EXPECT_STREQ(kefu_last_error(), row.message);
  }
  ASSERT_EQ(kefu_session_open(db, "王护士", &s), KEFU_OK) << "UTF-8 names are welcome";
  kefu_session_close(s);
  EXPECT_EQ(kefu_session_open(db, nullptr, &s), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "actor is NULL");
  kefu_close(db);

  EXPECT_EQ(kefu_open("", &db), KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(kefu_last_error(), "path is empty: give a file path or \":memory:\"");
}

}  // namespace
