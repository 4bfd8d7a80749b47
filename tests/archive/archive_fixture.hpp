// A throwaway archive and a session on it, called through the dispatcher in protobuf's JSON
// mapping as an integrator would, with the responses decoded for assertions.
#ifndef KEFU_TESTS_ARCHIVE_ARCHIVE_FIXTURE_HPP
#define KEFU_TESTS_ARCHIVE_ARCHIVE_FIXTURE_HPP

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "session/session.hpp"
#include "rpc/dispatcher.hpp"
#include "messages/v1.hpp"
#include "rpc/open.hpp"

namespace kefu::testing_util {

// 2026-11-23 12:00 in China (UTC+8), so that "today" and "the future" are fixed.
inline constexpr std::int64_t kNowMs = 1795406400000;

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(":memory:"); }

  void Reopen(const std::string& path, const std::string& actor = "nurse-0042") {
    session_.reset();
    db_.reset();
    ASSERT_TRUE((with_followup_ ? rpc::OpenArchive(path, &db_) : Db::Open(path, rpc::ArchiveSchema(), &db_)).ok());
    db_->SetClockForTesting([this] { return now_ms_; });
    ASSERT_TRUE(Session::Open(*db_, actor, &session_).ok());
  }

  Status Call(const std::string& method, const std::string& json, std::string* out = nullptr) {
    std::string response;
    Status s = rpc::Dispatcher::Get().CallJson(*session_, method, json, &response);
    if (out != nullptr) *out = response;
    return s;
  }

  // Calls and decodes; fails the test unless the call succeeds.
  template <class Response>
  Response Ok(const std::string& method, const std::string& json) {
    std::string out;
    const Status s = Call(method, json, &out);
    EXPECT_TRUE(s.ok()) << method << " " << json << "\n  " << s.ToString();
    Response response;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(out, &response).ok()) << out;
    return response;
  }

  v1::Patient Create(const std::string& mrn, const std::string& name,
                     const std::string& extra = "") {
    return Ok<v1::Patient>("kefu.v1.PatientService/CreatePatient",
                           R"({"patient": {"mrn": ")" + mrn + R"(", "name": ")" + name + "\"" +
                               (extra.empty() ? "" : ", " + extra) + "}}");
  }

  std::int64_t AuditCount() {
    return Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").audit_entries();
  }

  static std::string TempPath(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("kefu-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    return path.string();
  }

  bool with_followup_ = false;  // attach the follow-up planner, as kefu_open does
  std::int64_t now_ms_ = kNowMs;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Session> session_;
};

}  // namespace kefu::testing_util

#endif  // KEFU_TESTS_ARCHIVE_ARCHIVE_FIXTURE_HPP
