// Who may do what, through the C ABI: an archive created with an administrator checks every
// call; a denial names the actor, the method and the permission, and is audited; roles are data
// with built-in ones to start from; operating figures are the general manager's; an archive made
// without an administrator keeps working for everyone until one turns checking on.
#include <filesystem>

#include <google/protobuf/descriptor.h>

#include "access/access_fixture.hpp"

namespace kefu_test {
namespace {

using kefu::v1::Access;
using kefu::v1::Actor;

// A week of follow-up figures.
const std::string kReport = R"({"from": {"year": 2026, "month": 11, "day": 16},
                                 "to": {"year": 2026, "month": 11, "day": 22}})";

TEST_F(AccessArchive, ANewArchiveWithAnAdministratorChecksFromTheStart) {
  EXPECT_TRUE(
      Ok<kefu::v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").access_enforced());
  const auto access = Ok<Access>("kefu.v1.AccessService/GetAccess", "{}");
  EXPECT_TRUE(access.enforced());
  EXPECT_EQ(std::vector<std::string>(access.roles().begin(), access.roles().end()),
            std::vector<std::string>{"administrator"});
  As("nurse-0042");
  EXPECT_EQ(
      Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.PatientService/GetPatient", R"({"mrn": "P1"})"),
      "actor \"nurse-0042\" may not call kefu.v1.PatientService/GetPatient: it is not known "
      "to this archive (an administrator registers it with AccessService/PutActor and "
      "grants it a role)");
}

TEST_F(AccessArchive, ADenialNamesThePermissionAndIsAudited) {
  Staff("wang.agent", "followup_agent");
  const std::string message =
      Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.FollowUpService/Report", kReport);
  EXPECT_EQ(message,
            "actor \"wang.agent\" may not call kefu.v1.FollowUpService/Report: it needs "
            "permission \"report.read\", which none of its roles (followup_agent) grants");
  const auto denials = Entries("access.denied");
  ASSERT_EQ(denials.size(), 1u);
  EXPECT_EQ(denials[0].actor(), "wang.agent");
  EXPECT_NE(denials[0].after_json().find("\"method\":\"kefu.v1.FollowUpService/Report\""),
            std::string::npos)
      << denials[0].after_json();
  EXPECT_NE(denials[0].after_json().find("\"permission\":\"report.read\""), std::string::npos);
}

// Every method of every kefu.v1 service, called by an actor whose role holds every permission
// but the method's own, is denied — so a method added without a permission fails here — and,
// called by one holding all, is not.
TEST_F(AccessArchive, EveryMethodRequiresItsPermission) {
  const auto catalogue =
      Ok<kefu::v1::ListPermissionsResponse>("kefu.v1.AccessService/ListPermissions", "{}");
  std::vector<std::string> declared;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* file :
       {"kefu/v1/cadence.proto", "kefu/v1/system.proto", "kefu/v1/patient.proto",
        "kefu/v1/encounter.proto", "kefu/v1/timeline.proto", "kefu/v1/audit.proto",
        "kefu/v1/maintenance.proto", "kefu/v1/followup.proto", "kefu/v1/access.proto"}) {
    const auto* fd = pool->FindFileByName(file);
    ASSERT_NE(fd, nullptr) << file;
    for (int s = 0; s < fd->service_count(); ++s) {
      for (int m = 0; m < fd->service(s)->method_count(); ++m) {
        declared.push_back("kefu.v1." + fd->service(s)->name() + "/" +
                           fd->service(s)->method(m)->name());
      }
    }
  }
  std::sort(declared.begin(), declared.end());
  std::vector<std::string> listed;
  for (const auto& m : catalogue.methods()) listed.push_back(m.method());
  ASSERT_EQ(listed, declared) << "every declared method is served with a permission";

  std::string all;
  for (const auto& p : catalogue.permissions())
    all += (all.empty() ? "\"" : ", \"") + p.name() + "\"";
  Ok<kefu::v1::Role>("kefu.v1.AccessService/PutRole",
                     R"({"role": {"name": "everything", "permissions": [)" + all + "]}}");
  Staff("root.like", "everything");
  for (const auto& permission : catalogue.permissions()) {
    std::string others;
    for (const auto& p : catalogue.permissions()) {
      if (p.name() != permission.name())
        others += (others.empty() ? "\"" : ", \"") + p.name() + "\"";
    }
    std::string role = "all_but_" + permission.name();
    std::replace(role.begin(), role.end(), '.', '_');
    As(kAdmin);
    Ok<kefu::v1::Role>("kefu.v1.AccessService/PutRole",
                       R"({"role": {"name": ")" + role + R"(", "permissions": [)" + others + "]}}");
    Staff("lacks-" + role, role);
  }
  for (const auto& m : catalogue.methods()) {
    std::string role = "all_but_" + m.permission();
    std::replace(role.begin(), role.end(), '.', '_');
    As("lacks-" + role);
    const std::string message = Fails(KEFU_ERR_PERMISSION_DENIED, m.method(), "{}");
    EXPECT_NE(message.find(m.method() + ": it needs permission \"" + m.permission() + "\""),
              std::string::npos)
        << message;
    As("root.like");
    // Asked to stay on: "{}" would turn the checking this test relies on off.
    const bool enforcement = m.method() == "kefu.v1.AccessService/SetEnforcement";
    std::string out;
    EXPECT_NE(Call(m.method(), enforcement ? R"({"enforced": true})" : "{}", &out),
              KEFU_ERR_PERMISSION_DENIED)
        << m.method() << out;
  }
}

TEST_F(AccessArchive, OperatingFiguresAreTheGeneralManagers) {
  for (const char* role : {"supervisor", "team_lead", "followup_agent", "consultant", "auditor",
                           "administrator", "doctor"}) {
    Staff(std::string("staff-") + role, role);
    Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.FollowUpService/Report", kReport);
  }
  Staff("zhao.gm", "general_manager");
  Ok<kefu::v1::ReportResponse>("kefu.v1.FollowUpService/Report", kReport);
  // Granted explicitly, through a role of the hospital's own.
  As(kAdmin);
  Ok<kefu::v1::Role>("kefu.v1.AccessService/PutRole",
                     R"({"role": {"name": "figures", "permissions": ["report.read"]}})");
  Grant("staff-supervisor", "figures");
  As("staff-supervisor");
  Ok<kefu::v1::ReportResponse>("kefu.v1.FollowUpService/Report", kReport);
  const auto roles =
      Ok<kefu::v1::ListPermissionsResponse>("kefu.v1.AccessService/ListPermissions", "{}");
  bool confidential = false;
  for (const auto& p : roles.permissions())
    confidential |= p.name() == "report.read" && p.confidential();
  EXPECT_TRUE(confidential);
}

TEST_F(AccessArchive, BuiltInRolesAreListedAndCannotBeChanged) {
  const auto roles = Ok<kefu::v1::ListRolesResponse>("kefu.v1.AccessService/ListRoles", "{}");
  std::vector<std::string> names;
  for (const auto& r : roles.roles()) {
    EXPECT_TRUE(r.builtin()) << r.name();
    names.push_back(r.name());
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"administrator", "archive_clerk", "auditor", "consultant",
                                      "doctor", "followup_agent", "general_manager", "guide",
                                      "his_interface", "nurse", "supervisor", "team_lead"}));
  EXPECT_EQ(Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.AccessService/PutRole",
                  R"({"role": {"name": "nurse", "permissions": ["report.read"]}})"),
            "role.name is \"nurse\": a built-in role, which cannot be changed (add a role of "
            "another name)");
}

TEST_F(AccessArchive, BadGrantsChangeNothing) {
  Staff("chen.nurse", "nurse");
  As(kAdmin);
  Ok<Actor>("kefu.v1.AccessService/PutActor", R"({"actor": {"name": "chen.dup"}})");
  Ok<Actor>("kefu.v1.AccessService/MergeActors",
            R"({"merged": "chen.dup", "survivor": "chen.nurse"})");
  const std::size_t audited = Entries("actor.grant").size() + Entries("role.create").size();
  struct Case {
    const char* method;
    const char* json;
    kefu_status status;
    const char* message;
  };
  const Case cases[] = {
      {"GrantRole", R"({"actor": "nobody", "role": "nurse"})", KEFU_ERR_NOT_FOUND,
       "actor is \"nobody\": no such actor (AccessService/PutActor registers one)"},
      {"GrantRole", R"({"actor": "chen.nurse", "role": "wizard"})", KEFU_ERR_NOT_FOUND,
       "role is \"wizard\": no such role (AccessService/ListRoles)"},
      {"GrantRole", R"({"actor": "chen.dup", "role": "doctor"})", KEFU_ERR_FAILED_PRECONDITION,
       "actor is \"chen.dup\": merged into \"chen.nurse\" (change that one instead)"},
      {"PutRole", R"({"role": {"name": "x", "permissions": ["patient.read", "patient.fly"]}})",
       KEFU_ERR_INVALID_ARGUMENT,
       "role.permissions[1] is \"patient.fly\": not a permission (AccessService/ListPermissions "
       "lists them)"},
      {"PutRole", R"({"role": {"name": "Bad Name"}})", KEFU_ERR_INVALID_ARGUMENT,
       "role.name is \"Bad Name\": a role's name is 1..64 lowercase letters, digits and '_', "
       "starting with a letter"},
      {"PutActor", R"({"actor": {"name": "bad\u0007name"}})", KEFU_ERR_INVALID_ARGUMENT,
       "actor.name is \"bad\\x07name\": holds a control character"},
      {"PutActor", R"({"actor": {"name": "x", "roles": ["administrator"]}})",
       KEFU_ERR_INVALID_ARGUMENT,
       "actor.roles, merged_into, id, created_at_ms and updated_at_ms are read-only here: roles "
       "change by GrantRole and RevokeRole"},
      {"GrantRole", R"({"actor": "admin.li", "role": "general_manager"})",
       KEFU_ERR_PERMISSION_DENIED,
       "actor \"admin.li\" may not grant a role to itself: another administrator does that"},
      {"RevokeRole", R"({"actor": "admin.li", "role": "administrator"})",
       KEFU_ERR_PERMISSION_DENIED,
       "actor \"admin.li\" may not revoke a role from itself: another administrator does that"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Fails(c.status, std::string("kefu.v1.AccessService/") + c.method, c.json), c.message)
        << c.json;
  }
  EXPECT_EQ(Entries("actor.grant").size() + Entries("role.create").size(), audited);
  const auto actor = Ok<Actor>("kefu.v1.AccessService/GetActor", R"({"name": "chen.nurse"})");
  EXPECT_EQ(std::vector<std::string>(actor.roles().begin(), actor.roles().end()),
            std::vector<std::string>{"nurse"});
}

TEST_F(AccessArchive, AMergedOrDisabledActorIsDenied) {
  Staff("liu.a", "nurse");
  Staff("liu.b", "");
  As(kAdmin);
  const auto survivor =
      Ok<Actor>("kefu.v1.AccessService/MergeActors", R"({"merged": "liu.a", "survivor": "liu.b"})");
  EXPECT_EQ(std::vector<std::string>(survivor.roles().begin(), survivor.roles().end()),
            std::vector<std::string>{"nurse"});
  As("liu.a");
  EXPECT_EQ(Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.PatientService/GetPatient", R"({"id": 1})"),
            "actor \"liu.a\" may not call kefu.v1.PatientService/GetPatient: it was merged into "
            "\"liu.b\" (act as that one)");
  As("liu.b");
  Fails(KEFU_ERR_NOT_FOUND, "kefu.v1.PatientService/GetPatient", R"({"id": 1})");
  As(kAdmin);
  Ok<Actor>("kefu.v1.AccessService/PutActor",
            R"({"actor": {"name": "liu.b", "state": "ACTOR_STATE_DISABLED"}})");
  As("liu.b");
  EXPECT_EQ(Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.PatientService/GetPatient", R"({"id": 1})"),
            "actor \"liu.b\" may not call kefu.v1.PatientService/GetPatient: it is disabled");
}

TEST_F(AccessArchive, TheLastAdministratorStays) {
  Staff("sun.admin", "administrator");
  As("sun.admin");
  Ok<Actor>("kefu.v1.AccessService/RevokeRole",
            R"({"actor": "admin.li", "role": "administrator"})");
  As(kAdmin);
  Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.AccessService/ListActors", "{}");
  // sun.admin is the last administrator: an actor that may change access cannot take that away.
  As("sun.admin");
  Ok<kefu::v1::Role>("kefu.v1.AccessService/PutRole",
                     R"({"role": {"name": "keeper", "permissions": ["access.admin"]}})");
  Ok<Actor>("kefu.v1.AccessService/PutActor", R"({"actor": {"name": "ops"}})");
  Ok<Actor>("kefu.v1.AccessService/GrantRole", R"({"actor": "ops", "role": "keeper"})");
  As("ops");
  const std::string last =
      "actor \"sun.admin\" is the archive's last active administrator: grant the role to another "
      "first, so that the archive can still be administered";
  EXPECT_EQ(Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.AccessService/RevokeRole",
                  R"({"actor": "sun.admin", "role": "administrator"})"),
            last);
  EXPECT_EQ(Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.AccessService/PutActor",
                  R"({"actor": {"name": "sun.admin", "state": "ACTOR_STATE_DISABLED"}})"),
            last);
  As("sun.admin");
  EXPECT_EQ(Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.AccessService/PutActor",
                  R"({"actor": {"name": "sun.admin", "state": "ACTOR_STATE_DISABLED"}})"),
            "actor \"sun.admin\" may not disable itself: another administrator does that");
}

// An archive made without naming an administrator (kefu 0.5 and before, or a host that names
// none) checks nothing: every actor works as before, until an administrator turns checking on.
class OpenArchive : public AccessArchive {
 protected:
  void SetUp() override { OpenAs(":memory:", ""); }
};

TEST_F(OpenArchive, EveryoneWorksUntilAnAdministratorTurnsCheckingOn) {
  EXPECT_FALSE(
      Ok<kefu::v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").access_enforced());
  As("nurse-0042");
  Create("P1");
  Ok<kefu::v1::ReportResponse>("kefu.v1.FollowUpService/Report", kReport);
  EXPECT_EQ(Patient("P1").phones(0).number(), Phone("P1")) << "nothing masked";
  EXPECT_EQ(Fails(KEFU_ERR_FAILED_PRECONDITION, "kefu.v1.AccessService/SetEnforcement",
                  R"({"enforced": true})")
                .find("actor \"nurse-0042\" is not an active administrator"),
            0u);
  As("setup");
  Ok<Actor>("kefu.v1.AccessService/PutActor", R"({"actor": {"name": "alice"}})");
  Ok<Actor>("kefu.v1.AccessService/GrantRole", R"({"actor": "alice", "role": "administrator"})");
  As("alice");
  EXPECT_TRUE(
      Ok<Access>("kefu.v1.AccessService/SetEnforcement", R"({"enforced": true})").enforced());
  As("nurse-0042");
  Fails(KEFU_ERR_PERMISSION_DENIED, "kefu.v1.PatientService/GetPatient", R"({"mrn": "P1"})");
  reader_ = "alice";
  EXPECT_EQ(Entries("access.enforce").size(), 1u);
}

// Two handles on one file, as two processes would hold it: a grant through one is seen by the
// other's next call, a revocation too.
TEST(AccessFile, AChangeByAnotherConnectionIsSeenAtTheNextCall) {
  const std::string path = testing::TempDir() + "kefu-access-two-handles.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  kefu::v1::OpenOptions options;
  options.set_admin(kAdmin);
  const std::string bytes = options.SerializeAsString();
  kefu_db *first = nullptr, *second = nullptr;
  ASSERT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &first), KEFU_OK);
  ASSERT_EQ(kefu_open(path.c_str(), &second), KEFU_OK);
  kefu_session *admin = nullptr, *nurse = nullptr;
  ASSERT_EQ(kefu_session_open(first, kAdmin, &admin), KEFU_OK);
  ASSERT_EQ(kefu_session_open(second, "ma.nurse", &nurse), KEFU_OK);
  const auto call = [](kefu_session* s, const char* method, const char* json) {
    kefu_buffer out{nullptr, 0};
    const kefu_status status = kefu_call_json(s, method, json, &out);
    kefu_buffer_free(&out);
    return status;
  };
  const char* list = "kefu.v1.PatientService/ListPatients";
  EXPECT_EQ(call(nurse, list, "{}"), KEFU_ERR_PERMISSION_DENIED);
  ASSERT_EQ(call(admin, "kefu.v1.AccessService/PutActor", R"({"actor": {"name": "ma.nurse"}})"),
            KEFU_OK);
  ASSERT_EQ(
      call(admin, "kefu.v1.AccessService/GrantRole", R"({"actor": "ma.nurse", "role": "nurse"})"),
      KEFU_OK);
  EXPECT_EQ(call(nurse, list, "{}"), KEFU_OK) << kefu_last_error();
  ASSERT_EQ(
      call(admin, "kefu.v1.AccessService/RevokeRole", R"({"actor": "ma.nurse", "role": "nurse"})"),
      KEFU_OK);
  EXPECT_EQ(call(nurse, list, "{}"), KEFU_ERR_PERMISSION_DENIED);
  kefu_session_close(admin);
  kefu_session_close(nurse);
  kefu_close(first);
  kefu_close(second);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace kefu_test
