// An archive created with a first administrator (OpenOptions.admin), so that it checks
// permissions from the start, called through the C ABI as several actors, each with its own
// session, as a hospital's staff would through their HIS.
#ifndef KEFU_TESTS_ACCESS_ACCESS_FIXTURE_HPP
#define KEFU_TESTS_ACCESS_ACCESS_FIXTURE_HPP

#include <map>
#include <string>

#include "followup/abi_fixture.hpp"
#include "kefu/v1/access.pb.h"

namespace kefu_test {

inline constexpr const char* kAdmin = "admin.li";

class AccessArchive : public AbiArchive {
 protected:
  void SetUp() override { OpenAs(":memory:", kAdmin); }
  void TearDown() override { CloseAll(); }

  // Opens `path` naming `admin` as its first administrator (none: empty), acting as `admin` (or
  // "setup" without one).
  void OpenAs(const std::string& path, const std::string& admin) {
    CloseAll();
    kefu::v1::OpenOptions options;
    options.mutable_simulated_clock()->set_now_ms(kMonday);
    options.set_admin(admin);
    const std::string bytes = options.SerializeAsString();
    ASSERT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db_), KEFU_OK)
        << kefu_last_error();
    As(admin.empty() ? "setup" : admin);
  }
  void CloseAll() {
    for (auto& [name, session] : sessions_) kefu_session_close(session);
    sessions_.clear();
    session_ = nullptr;
    Close();
  }

  // The calls that follow act as `actor`.
  void As(const std::string& actor) {
    auto& session = sessions_[actor];
    if (session == nullptr) ASSERT_EQ(kefu_session_open(db_, actor.c_str(), &session), KEFU_OK);
    session_ = session;
  }

  // Registers `actor` holding `role` (empty: none), as the administrator; then acts as `actor`.
  void Staff(const std::string& actor, const std::string& role) {
    As(kAdmin);
    Ok<kefu::v1::Actor>("kefu.v1.AccessService/PutActor",
                        R"({"actor": {"name": ")" + actor + R"("}})");
    if (!role.empty()) Grant(actor, role);
    As(actor);
  }
  void Grant(const std::string& actor, const std::string& role) {
    Ok<kefu::v1::Actor>("kefu.v1.AccessService/GrantRole",
                        R"({"actor": ")" + actor + R"(", "role": ")" + role + "\"}");
  }

  // The audit entries with `action`, read by the administrator.
  std::vector<kefu::v1::AuditEntry> Entries(const std::string& action) {
    const std::string back = Current();
    As(reader_);
    const auto list =
        Ok<kefu::v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", R"({"pageSize": 1000})");
    As(back);
    std::vector<kefu::v1::AuditEntry> entries;
    for (const auto& e : list.entries()) {
      if (e.action() == action) entries.push_back(e);
    }
    return entries;
  }

  std::string Current() const {
    for (const auto& [name, session] : sessions_) {
      if (session == session_) return name;
    }
    return "";
  }

  std::map<std::string, kefu_session*> sessions_;
  std::string reader_ = kAdmin;  // who reads the audit trail for Entries
};

}  // namespace kefu_test

#endif  // KEFU_TESTS_ACCESS_ACCESS_FIXTURE_HPP
