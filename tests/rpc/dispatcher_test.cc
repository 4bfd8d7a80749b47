// The dispatcher: every method declared in proto/kefu/v1 is served, requests decode strictly,
// and the cadence and system services answer through it.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "rpc/dispatcher.hpp"
#include "rpc/open.hpp"
#include <google/protobuf/util/json_util.h>

#include "messages/v1.hpp"

namespace kefu {
namespace {

using google::protobuf::DescriptorPool;

class DispatcherTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Db::Open(":memory:", rpc::ArchiveSchema(), &db_).ok());
    ASSERT_TRUE(Session::Open(*db_, "tester", &session_).ok());
  }
  Status Json(const std::string& method, const std::string& request, std::string* response) {
    return rpc::Dispatcher::Get().CallJson(*session_, method, request, response);
  }
  std::unique_ptr<Db> db_;
  std::unique_ptr<Session> session_;
};

TEST_F(DispatcherTest, ServesEveryDeclaredMethodAndNothingElse) {
  std::vector<std::string> declared;
  for (const char* file : {"kefu_internal/v1/cadence.proto", "kefu_internal/v1/system.proto",
                           "kefu_internal/v1/patient.proto", "kefu_internal/v1/encounter.proto",
                           "kefu_internal/v1/timeline.proto", "kefu_internal/v1/audit.proto",
                           "kefu_internal/v1/maintenance.proto", "kefu_internal/v1/followup.proto",
                           "kefu_internal/v1/access.proto"}) {
    const auto* fd = DescriptorPool::generated_pool()->FindFileByName(file);
    ASSERT_NE(fd, nullptr) << file;
    for (int s = 0; s < fd->service_count(); ++s) {
      for (int m = 0; m < fd->service(s)->method_count(); ++m) {
        declared.push_back("kefu.v1." + fd->service(s)->name() + "/" +
                           fd->service(s)->method(m)->name());
      }
    }
  }
  std::sort(declared.begin(), declared.end());
  EXPECT_EQ(rpc::Dispatcher::Get().Methods(), declared);
}

TEST_F(DispatcherTest, UnknownMethodIsUnimplemented) {
  std::string out;
  for (const char* method : {"kefu.v1.CadenceService/Explode", "", "kefu.v1.CadenceService.Expand",
                             "kefu_internal.v1.CadenceService/Expand"}) {
    const Status s = Json(method, "{}", &out);
    EXPECT_EQ(s.code(), Code::kUnimplemented) << method;
    EXPECT_NE(s.message().find("method is \""), std::string::npos);
  }
}

TEST_F(DispatcherTest, BinaryRequestsRejectGarbageAndUnknownFields) {
  std::string out;
  const std::string garbage = "\xff\xff\xff\xff";
  Status s = rpc::Dispatcher::Get().CallBinary(*session_, "kefu.v1.CadenceService/Expand",
                                               garbage.data(), garbage.size(), &out);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "request (4 bytes) does not decode as a binary kefu.v1.ExpandRequest");

  v1::ExpandRequest request;
  request.set_builtin("standard");
  request.mutable_anchor()->set_year(2026);
  request.mutable_anchor()
      ->GetReflection()
      ->MutableUnknownFields(request.mutable_anchor())
      ->AddVarint(99, 1);
  const std::string bytes = request.SerializeAsString();
  s = rpc::Dispatcher::Get().CallBinary(*session_, "kefu.v1.CadenceService/Expand", bytes.data(),
                                        bytes.size(), &out);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "anchor has field number 99, which kefu.v1.Date does not declare (is the caller "
            "built against a newer kefu.v1?)");
}

TEST_F(DispatcherTest, ExpandThroughJson) {
  std::string out;
  ASSERT_TRUE(Json("kefu.v1.CadenceService/Expand",
                   R"({"builtin": "local", "anchor": {"year": 2024, "month": 1, "day": 31},
                       "count": 2})",
                   &out)
                  .ok());
  v1::ExpandResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &response).ok()) << out;
  ASSERT_EQ(response.windows_size(), 2);
  EXPECT_EQ(response.windows(1).due().month(), 2);
  EXPECT_EQ(response.windows(1).due().day(), 29);
  EXPECT_EQ(response.windows(1).opens().day(), 23);
  EXPECT_EQ(response.windows(1).days_after_anchor(), 29);
  EXPECT_EQ(response.windows(1).purpose(), v1::PURPOSE_EFFICACY_FEEDBACK);
  EXPECT_EQ(response.windows(1).call_time().hours(), 20);
}

TEST_F(DispatcherTest, ExpandRequiresItsFields) {
  std::string out;
  struct Row {
    const char* json;
    const char* message;
  } rows[] = {
      {R"({"anchor": {"year": 2026, "month": 1, "day": 1}, "count": 1})",
       "policy_source is unset: give builtin (a policy name) or policy (a CadencePolicy)"},
      {R"({"builtin": "standard", "count": 1})", "anchor is unset: give a date (year, month, day)"},
      {R"({"builtin": "standard", "anchor": {"year": 2026, "month": 2, "day": 29}, "count": 1})",
       "anchor is 2026-02-29: no such day in that month"},
      {R"({"builtin": "standard", "anchor": {"year": 2026, "month": 1, "day": 1}})",
       "count is 0: must be 1..10000"},
      {R"({"builtin": "standard", "anchor": {"year": 2026, "month": 1, "day": 1}, "count": 10001})",
       "count is 10001: must be 1..10000"},
      {R"({"policy": {"steps": []}, "anchor": {"year": 2026, "month": 1, "day": 1}, "count": 1})",
       "steps is empty: a policy needs at least one step"},
      {R"({"policy": {"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}}],
           "callTime": {"hours": 24}}, "anchor": {"year": 2026, "month": 1, "day": 1}, "count": 1})",
       "call_time.hours is 24: must be 0..23"},
  };
  for (const Row& row : rows) {
    const Status s = Json("kefu.v1.CadenceService/Expand", row.json, &out);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << row.json;
    EXPECT_EQ(s.message(), row.message) << row.json;
  }
}

TEST_F(DispatcherTest, NextSaysWhenTheCadenceHasEnded) {
  std::string out;
  ASSERT_TRUE(Json("kefu.v1.CadenceService/Next",
                   R"({"builtin": "out-of-town", "anchor": {"year": 2026, "month": 1, "day": 31},
                       "onOrAfter": {"year": 2026, "month": 3, "day": 1}})",
                   &out)
                  .ok());
  EXPECT_EQ(out, R"({"ended":true})");
}

TEST_F(DispatcherTest, ListPoliciesGivesTheBuiltinsAsData) {
  std::string out;
  ASSERT_TRUE(Json("kefu.v1.CadenceService/ListPolicies", "{}", &out).ok());
  v1::ListPoliciesResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &response).ok());
  ASSERT_EQ(response.policies_size(), 3);
  EXPECT_EQ(response.policies(0).name(), "standard");
  EXPECT_TRUE(response.policies(0).repeat().unbounded());
  EXPECT_EQ(response.policies(2).steps(1).offset().unit(), v1::TIME_UNIT_MONTHS);
  // A listed policy can be sent back as a policy of one's own and behaves the same.
  v1::ExpandRequest request;
  *request.mutable_policy() = response.policies(0);
  request.mutable_anchor()->set_year(2026);
  request.mutable_anchor()->set_month(3);
  request.mutable_anchor()->set_day(22);
  request.set_count(8);
  const std::string bytes = request.SerializeAsString();
  ASSERT_TRUE(
      rpc::Dispatcher::Get()
          .CallBinary(*session_, "kefu.v1.CadenceService/Expand", bytes.data(), bytes.size(), &out)
          .ok());
  v1::ExpandResponse expanded;
  ASSERT_TRUE(expanded.ParseFromString(out));
  ASSERT_EQ(expanded.windows_size(), 8);
  EXPECT_EQ(expanded.windows(7).due().month(), 5);
  EXPECT_EQ(expanded.windows(7).due().day(), 31);
}

TEST_F(DispatcherTest, GetVersionListsMethods) {
  std::string out;
  ASSERT_TRUE(Json("kefu.v1.SystemService/GetVersion", "", &out).code() ==
              Code::kInvalidArgument);  // "" is not a JSON object
  ASSERT_TRUE(Json("kefu.v1.SystemService/GetVersion", "{}", &out).ok());
  EXPECT_NE(out.find(R"("version":"0.6.0")"), std::string::npos) << out;
  EXPECT_NE(out.find("kefu.v1.CadenceService/Next"), std::string::npos) << out;
}

}  // namespace
}  // namespace kefu
