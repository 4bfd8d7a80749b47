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
    ASSERT_TRUE(rpc::OpenArchive(path, &db_).ok());
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

  // Audit entries about the archive's own records (patients, stays, contacts, notes, backups),
  // leaving out follow-up's answers to them (plans, tasks); `action`: only those of that action.
  std::int64_t AuditCount(const std::string& action = "") {
    std::int64_t count = 0;
    std::string token;
    do {
      const auto page = Ok<v1::ListAuditResponse>(
          "kefu.v1.AuditService/ListAudit", R"({"pageSize": 1000, "pageToken": ")" + token + "\"}");
      for (const auto& e : page.entries()) {
        const bool followup = e.record_type() == "plan" || e.record_type() == "task" ||
                              e.record_type() == "escalation" || e.record_type() == "appointment";
        if (action.empty() ? !followup : e.action() == action) ++count;
      }
      token = page.next_page_token();
    } while (!token.empty());
    return count;
  }

  static std::string TempPath(const std::string& name) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("kefu-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    return path.string();
  }

  std::int64_t now_ms_ = kNowMs;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Session> session_;
};

}  // namespace kefu::testing_util

#endif  // KEFU_TESTS_ARCHIVE_ARCHIVE_FIXTURE_HPP
