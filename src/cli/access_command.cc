// `kefu role`, `kefu actor`, `kefu access-log` and `kefu patient export`: who may do what, who
// read whom, and a patient's data as one document.
#include <cstdio>

#include "cli/command.hpp"

namespace kefu::cli {
namespace {

// Prints `message` as JSON with --json, else the table `table` renders.
int Print(const ArchiveOptions& o, const google::protobuf::Message& message,
          const std::function<void()>& table) {
  if (!PrintedAsJson(o, message)) table();
  return 0;
}

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : ", ") + w;
  return text;
}

int Call(const ArchiveOptions& o, Access access, const std::string& method,
         const google::protobuf::Message& request, google::protobuf::Message* response) {
  Connection connection;
  if (Status s = OpenAndCall(o, access, "kefu.v1." + method, request, response, &connection);
      !s.ok()) {
    return Fail(s);
  }
  return 0;
}

int ListRoles(const ArchiveOptions& o) {
  v1::ListRolesResponse roles;
  if (int code = Call(o, Access::kRead, "AccessService/ListRoles", v1::ListRolesRequest(), &roles))
    return code;
  return Print(o, roles, [&] {
    Table table({"role", "kind", "permissions"});
    for (const auto& r : roles.roles()) {
      table.Add({r.name(), r.builtin() ? "built-in" : "hospital's", Joined(r.permissions())});
    }
    std::fputs(table.Render().c_str(), stdout);
  });
}

struct RoleOptions {
  ArchiveOptions archive;
  std::string name, description;
  std::vector<std::string> permissions;
};

int AddRole(const RoleOptions& o) {
  v1::PutRoleRequest request;
  request.mutable_role()->set_name(o.name);
  request.mutable_role()->set_description(o.description);
  for (const std::string& p : o.permissions) request.mutable_role()->add_permissions(p);
  v1::Role role;
  if (int code = Call(o.archive, Access::kWrite, "AccessService/PutRole", request, &role))
    return code;
  return Print(o.archive, role, [&] {
    std::printf("role %s: %s\n", role.name().c_str(), Joined(role.permissions()).c_str());
  });
}

struct GrantOptions {
  ArchiveOptions archive;
  std::string actor, role;
};

int ChangeGrant(const GrantOptions& o, bool grant) {
  v1::Actor actor;
  int code = 0;
  if (grant) {
    v1::GrantRoleRequest request;
    request.set_actor(o.actor);
    request.set_role(o.role);
    code = Call(o.archive, Access::kWrite, "AccessService/GrantRole", request, &actor);
  } else {
    v1::RevokeRoleRequest request;
    request.set_actor(o.actor);
    request.set_role(o.role);
    code = Call(o.archive, Access::kWrite, "AccessService/RevokeRole", request, &actor);
  }
  if (code != 0) return code;
  return Print(o.archive, actor, [&] {
    std::printf("%s holds: %s\n", actor.name().c_str(),
                actor.roles().empty() ? "no role" : Joined(actor.roles()).c_str());
  });
}

int Enforce(const ArchiveOptions& o, const std::string& state) {
  if (state != "on" && state != "off") {
    return Fail(Status::InvalidArgument("STATE is " + Quote(state) + ": on or off"));
  }
  v1::SetEnforcementRequest request;
  request.set_enforced(state == "on");
  v1::Access access;
  if (int code = Call(o, Access::kWrite, "AccessService/SetEnforcement", request, &access))
    return code;
  return Print(o, access, [&] {
    std::printf("permissions are %s\n", access.enforced() ? "checked" : "not checked");
  });
}

struct ActorOptions {
  ArchiveOptions archive;
  std::string name, display_name;
  bool system = false, disable = false;
};

int PutActor(const ActorOptions& o) {
  v1::PutActorRequest request;
  v1::Actor* actor = request.mutable_actor();
  actor->set_name(o.name);
  actor->set_display_name(o.display_name);
  actor->set_kind(o.system ? v1::ACTOR_KIND_SYSTEM : v1::ACTOR_KIND_STAFF);
  actor->set_state(o.disable ? v1::ACTOR_STATE_DISABLED : v1::ACTOR_STATE_ACTIVE);
  v1::Actor stored;
  if (int code = Call(o.archive, Access::kWrite, "AccessService/PutActor", request, &stored))
    return code;
  return Print(o.archive, stored, [&] {
    std::printf("actor %s (%s)\n", stored.name().c_str(),
                EnumWords(v1::ActorState_Name(stored.state()), "ACTOR_STATE_").c_str());
  });
}

int ListActors(const ArchiveOptions& o, const std::string& role, bool all) {
  v1::ListActorsRequest request;
  request.set_role(role);
  request.set_include_inactive(all);
  v1::ListActorsResponse actors;
  if (int code = Call(o, Access::kRead, "AccessService/ListActors", request, &actors)) return code;
  return Print(o, actors, [&] {
    Table table({"actor", "name", "kind", "state", "roles"});
    for (const auto& a : actors.actors()) {
      table.Add({a.name(), Printable(a.display_name()),
                 EnumWords(v1::ActorKind_Name(a.kind()), "ACTOR_KIND_"),
                 EnumWords(v1::ActorState_Name(a.state()), "ACTOR_STATE_"), Joined(a.roles())});
    }
    std::fputs(table.Render().c_str(), stdout);
  });
}

struct LogOptions {
  ArchiveOptions archive;
  std::int64_t patient = 0;
  std::string by;
  int limit = 100;
};

int AccessLog(const LogOptions& o) {
  v1::ListAccessLogRequest request;
  request.set_patient_id(o.patient);
  request.set_actor(o.by);
  request.set_page_size(o.limit);
  v1::ListAccessLogResponse log;
  if (int code = Call(o.archive, Access::kRead, "AuditService/ListAccessLog", request, &log))
    return code;
  return Print(o.archive, log, [&] {
    Table table({"seq", "at (ms)", "actor", "method", "patient"});
    for (const auto& e : log.entries()) {
      table.Add({std::to_string(e.seq()), std::to_string(e.at_ms()), e.actor(), e.method(),
                 std::to_string(e.patient_id())});
    }
    std::fputs(table.Render().c_str(), stdout);
    if (!log.next_page_token().empty()) std::printf("(more: raise --limit)\n");
  });
}

int Export(const ArchiveOptions& o, const std::string& mrn) {
  v1::ExportPatientDataRequest request;
  request.set_mrn(mrn);
  v1::PatientDataExport exported;
  if (int code = Call(o, Access::kRead, "AccessService/ExportPatientData", request, &exported))
    return code;
  std::fputs(ToJson(exported).c_str(), stdout);  // a document for the patient: always JSON
  return 0;
}

void AddRoleCommands(CLI::App& app) {
  CLI::App* role =
      app.add_subcommand("role", "roles, who holds them, and whether they are checked");
  role->require_subcommand(1);
  auto list = std::make_shared<ArchiveOptions>();
  CLI::App* sub = role->add_subcommand("list", "the built-in roles and the hospital's own");
  AddArchiveOptions(sub, list.get(), Access::kRead);
  OnRun(sub, [list] { return ListRoles(*list); });

  auto add = std::make_shared<RoleOptions>();
  sub = role->add_subcommand("add", "add or replace a role of the hospital's own");
  AddArchiveOptions(sub, &add->archive, Access::kWrite);
  sub->add_option("NAME", add->name, "lowercase letters, digits and '_'")->required();
  sub->add_option("--permission", add->permissions, "a permission it grants (repeat)")
      ->type_name("PERMISSION");
  sub->add_option("--description", add->description, "what the role is for");
  OnRun(sub, [add] { return AddRole(*add); });

  for (const bool grant : {true, false}) {
    auto o = std::make_shared<GrantOptions>();
    sub = role->add_subcommand(grant ? "grant" : "revoke",
                               grant ? "give an actor a role" : "take a role from an actor");
    AddArchiveOptions(sub, &o->archive, Access::kWrite);
    sub->add_option("ACTOR", o->actor, "the actor")->required();
    sub->add_option("ROLE", o->role, "the role")->required();
    OnRun(sub, [o, grant] { return ChangeGrant(*o, grant); });
  }

  auto enforce = std::make_shared<ArchiveOptions>();
  auto state = std::make_shared<std::string>();
  sub = role->add_subcommand("enforce", "turn the checking of permissions on or off");
  AddArchiveOptions(sub, enforce.get(), Access::kWrite);
  sub->add_option("STATE", *state, "on or off")->required();
  OnRun(sub, [enforce, state] { return Enforce(*enforce, *state); });
}

void AddActorCommands(CLI::App& app) {
  CLI::App* actor = app.add_subcommand("actor", "the staff and systems sessions act as");
  actor->require_subcommand(1);
  auto put = std::make_shared<ActorOptions>();
  CLI::App* sub = actor->add_subcommand("add", "register an actor, or change one");
  AddArchiveOptions(sub, &put->archive, Access::kWrite);
  sub->add_option("NAME", put->name, "the name a session acts as")->required();
  sub->add_option("--name", put->display_name, "the person's name, e.g. 张伟");
  sub->add_flag("--system", put->system, "a system (the HIS interface, a script), not a person");
  sub->add_flag("--disable", put->disable, "denied everything from now on");
  OnRun(sub, [put] { return PutActor(*put); });

  auto list = std::make_shared<ArchiveOptions>();
  auto role = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  sub = actor->add_subcommand("list", "the actors and their roles");
  AddArchiveOptions(sub, list.get(), Access::kRead);
  sub->add_option("--role", *role, "only those holding this role");
  sub->add_flag("--all", *all, "also disabled and merged actors");
  OnRun(sub, [list, role, all] { return ListActors(*list, *role, *all); });
}

}  // namespace

void AddAccessCommands(CLI::App& app) {
  AddRoleCommands(app);
  AddActorCommands(app);
  auto log = std::make_shared<LogOptions>();
  CLI::App* sub = app.add_subcommand("access-log", "who read which patient's data in full");
  AddArchiveOptions(sub, &log->archive, Access::kRead);
  sub->add_option("--patient", log->patient, "only reads of this patient id")->type_name("ID");
  sub->add_option("--by", log->by, "only reads by this actor")->type_name("ACTOR");
  sub->add_option("--limit", log->limit, "at most this many (1..1000, default 100)");
  OnRun(sub, [log] { return AccessLog(*log); });
}

void AddPatientExportCommand(CLI::App* patient) {
  auto o = std::make_shared<ArchiveOptions>();
  auto mrn = std::make_shared<std::string>();
  CLI::App* sub = patient->add_subcommand(
      "export", "everything the archive holds about one patient, as one JSON document");
  AddArchiveOptions(sub, o.get(), Access::kRead);
  sub->add_option("--mrn", *mrn, "the patient's number")->required();
  OnRun(sub, [o, mrn] { return Export(*o, *mrn); });
}

}  // namespace kefu::cli
