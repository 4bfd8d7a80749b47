// The hospital's roles, the built-in ones beside them, and the archive-wide enforcement setting.
#include <algorithm>

#include "access/directory.hpp"
#include "access/gate.hpp"
#include "access/schema.hpp"
#include "audit/audit.hpp"
#include "base/utf8.hpp"

namespace kefu::access {
namespace {

constexpr std::size_t kMaxRoleName = 64;
constexpr std::size_t kMaxDescription = 500;

std::vector<store::Value> RoleColumns(const v1::Role& role) {
  return {store::Value::Text(role.name())};
}

Status CheckRoleName(std::string_view name, std::string_view field) {
  bool ok = !name.empty() && name.size() <= kMaxRoleName && name[0] >= 'a' && name[0] <= 'z';
  for (const char ch : name)
    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
  if (ok) return Status::Ok();
  return Status::InvalidArgument(std::string(field) + " is " + Quote(name) +
                                 ": a role's name is 1..64 lowercase letters, digits and '_', "
                                 "starting with a letter");
}

Status FindStoredRole(store::Connection& c, std::string_view name, v1::Role* out, bool* found) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM access_roles WHERE name = ?1", &s));
  KEFU_RETURN_IF_ERROR(s.Bind(1, name).Step(found));
  if (!*found) return Status::Ok();
  return kRoles.Decode(s, out);
}

// The role as given, checked: its permissions named, known, sorted and without repeats.
Status NormalizeRole(const v1::Role& given, v1::Role* out) {
  KEFU_RETURN_IF_ERROR(CheckRoleName(given.name(), "role.name"));
  if (given.builtin() || given.id() != 0) {
    return Status::InvalidArgument("role.builtin and role.id are read-only: leave them unset");
  }
  if (given.description().size() > kMaxDescription || !IsValidUtf8(given.description())) {
    return Status::InvalidArgument("role.description is at most 500 bytes of UTF-8");
  }
  if (FindBuiltinRole(given.name()) != nullptr) {
    return Status(Code::kFailedPrecondition,
                  "role.name is " + Quote(given.name()) +
                      ": a built-in role, which cannot be changed (add a role of another name)");
  }
  PermissionSet set = 0;
  for (int i = 0; i < given.permissions_size(); ++i) {
    Permission p{};
    KEFU_RETURN_IF_ERROR(
        ParsePermission(given.permissions(i), "role.permissions[" + std::to_string(i) + "]", &p));
    set |= Bit(p);
  }
  *out = given;
  out->clear_permissions();
  for (const std::string& name : Names(set)) out->add_permissions(name);
  return Status::Ok();
}

void AddBuiltin(const BuiltinRole& builtin, v1::ListRolesResponse* out) {
  v1::Role* role = out->add_roles();
  role->set_name(builtin.name);
  role->set_description(builtin.description);
  role->set_builtin(true);
  for (const std::string& name : Names(builtin.permissions)) role->add_permissions(name);
}

}  // namespace

Status ListRoles(store::Connection& c, v1::ListRolesResponse* out) {
  for (const BuiltinRole& builtin : BuiltinRoles()) AddBuiltin(builtin, out);
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM access_roles ORDER BY name", &s));
  std::vector<v1::Role> stored;
  KEFU_RETURN_IF_ERROR(kRoles.ReadAll(s, &stored));
  for (v1::Role& role : stored) *out->add_roles() = std::move(role);
  return Status::Ok();
}

Status PutRole(Session& session, store::Connection& c, const v1::Role& given, v1::Role* out) {
  v1::Role role;
  KEFU_RETURN_IF_ERROR(NormalizeRole(given, &role));
  v1::Role before;
  bool found = false;
  KEFU_RETURN_IF_ERROR(FindStoredRole(c, role.name(), &before, &found));
  if (found) {
    role.set_id(before.id());
    KEFU_RETURN_IF_ERROR(kRoles.Update(c, role, RoleColumns(role)));
  } else {
    KEFU_RETURN_IF_ERROR(kRoles.Insert(c, &role, RoleColumns(role)));
  }
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(session, c,
                                          {found ? "role.update" : "role.create", kRoles.noun(),
                                           role.id(), 0, found ? &before : nullptr, &role}));
  KEFU_RETURN_IF_ERROR(MarkChanged(session, c));
  *out = role;
  return Status::Ok();
}

Status RemoveRole(Session& session, store::Connection& c, std::string_view name) {
  KEFU_RETURN_IF_ERROR(CheckRoleName(name, "name"));
  if (FindBuiltinRole(name) != nullptr) {
    return Status(Code::kFailedPrecondition,
                  "name is " + Quote(name) + ": a built-in role, which cannot be removed");
  }
  v1::Role role;
  bool found = false;
  KEFU_RETURN_IF_ERROR(FindStoredRole(c, name, &role, &found));
  if (!found) return Status::NotFound("name is " + Quote(name) + ": no such role");
  v1::ListActorsRequest holders_request;
  holders_request.set_role(std::string(name));
  holders_request.set_include_inactive(true);
  v1::ListActorsResponse holders;
  KEFU_RETURN_IF_ERROR(ListActors(c, holders_request, &holders));
  if (holders.actors_size() > 0) {
    return Status(Code::kFailedPrecondition, "role " + Quote(name) + " is held by " +
                                                 std::to_string(holders.actors_size()) +
                                                 " actor(s), " + Quote(holders.actors(0).name()) +
                                                 " first: revoke it from them before removing it");
  }
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("DELETE FROM access_roles WHERE id = ?1", &s));
  KEFU_RETURN_IF_ERROR(s.Bind(1, role.id()).Run());
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c, {"role.remove", kRoles.noun(), role.id(), 0, &role, nullptr}));
  return MarkChanged(session, c);
}

Status RolePermissions(store::Connection& c, std::string_view name, PermissionSet* out,
                       bool* found) {
  *out = 0;
  if (const BuiltinRole* builtin = FindBuiltinRole(name)) {
    *found = true;
    *out = builtin->permissions;
    return Status::Ok();
  }
  v1::Role role;
  KEFU_RETURN_IF_ERROR(FindStoredRole(c, name, &role, found));
  for (const std::string& permission : role.permissions()) {
    Permission p{};
    // A permission of a newer kefu, stored by it, grants nothing here.
    if (ParsePermission(permission, "", &p).ok()) *out |= Bit(p);
  }
  return Status::Ok();
}

Status Enforced(store::Connection& c, bool* enforced) {
  std::int64_t value = 0;
  KEFU_RETURN_IF_ERROR(
      c.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'access_enforced'", &value));
  *enforced = value != 0;
  return Status::Ok();
}

Status AccessVersion(store::Connection& c, std::int64_t* version) {
  return c.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'access_version'",
                    version);
}

Status SetEnforcement(Session& session, store::Connection& c, bool enforced,
                      std::string_view administrator) {
  bool was = false;
  KEFU_RETURN_IF_ERROR(Enforced(c, &was));
  if (was == enforced) return Status::Ok();
  if (enforced) KEFU_RETURN_IF_ERROR(CheckIsAdministrator(c, administrator));
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("UPDATE meta SET value = ?1 WHERE key = 'access_enforced'", &s));
  KEFU_RETURN_IF_ERROR(s.Bind(1, std::string_view(enforced ? "1" : "0")).Run());
  v1::Access before, after;
  before.set_enforced(was);
  after.set_enforced(enforced);
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c, {enforced ? "access.enforce" : "access.relax", "access", 0, 0, &before, &after}));
  return MarkChanged(session, c);
}

}  // namespace kefu::access
