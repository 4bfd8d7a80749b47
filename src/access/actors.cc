// The actors sessions name: registered, changed, granted and revoked roles, merged.
#include <algorithm>

#include "access/directory.hpp"
#include "access/gate.hpp"
#include "access/schema.hpp"
#include "audit/audit.hpp"
#include "base/utf8.hpp"

namespace kefu::access {
namespace {

constexpr std::size_t kMaxDisplayName = 200;

std::vector<store::Value> ActorColumns(const v1::Actor& actor) {
  return {store::Value::Text(actor.name()), store::Value::Int(actor.state())};
}

bool Active(const v1::Actor& actor) {
  return actor.state() == v1::ACTOR_STATE_ACTIVE || actor.state() == v1::ACTOR_STATE_UNSPECIFIED;
}

bool HoldsRole(const v1::Actor& actor, std::string_view role) {
  return std::find(actor.roles().begin(), actor.roles().end(), role) != actor.roles().end();
}

Status CheckNewFields(const v1::Actor& actor) {
  KEFU_RETURN_IF_ERROR(CheckActorName(actor.name(), "actor.name"));
  if (actor.display_name().size() > kMaxDisplayName || !IsValidUtf8(actor.display_name())) {
    return Status::InvalidArgument("actor.display_name is at most 200 bytes of UTF-8");
  }
  if (!v1::ActorKind_IsValid(actor.kind())) {
    return Status::InvalidArgument("actor.kind is " + std::to_string(actor.kind()) +
                                   ": not a kefu.v1.ActorKind");
  }
  if (actor.state() == v1::ACTOR_STATE_MERGED || !v1::ActorState_IsValid(actor.state())) {
    return Status::InvalidArgument("actor.state is " + std::to_string(actor.state()) +
                                   ": ACTIVE or DISABLED (a merge is MergeActors)");
  }
  if (actor.roles_size() > 0 || !actor.merged_into().empty() || actor.id() != 0 ||
      actor.created_at_ms() != 0 || actor.updated_at_ms() != 0) {
    return Status::InvalidArgument(
        "actor.roles, merged_into, id, created_at_ms and updated_at_ms are read-only here: roles "
        "change by GrantRole and RevokeRole");
  }
  return Status::Ok();
}

// An actor's roles change only by another actor: nobody grants itself a role.
Status CheckNotSelf(const Session& session, std::string_view actor, const char* what) {
  if (actor != session.actor()) return Status::Ok();
  return Status(Code::kPermissionDenied, "actor " + Quote(actor) + " may not " + what +
                                             " itself: another administrator does that");
}

Status Store(Session& session, store::Connection& c, const char* action, const v1::Actor* before,
             v1::Actor* actor) {
  actor->set_updated_at_ms(session.db().NowMs());
  if (before == nullptr) {
    actor->set_created_at_ms(actor->updated_at_ms());
    KEFU_RETURN_IF_ERROR(kActors.Insert(c, actor, ActorColumns(*actor)));
  } else {
    KEFU_RETURN_IF_ERROR(kActors.Update(c, *actor, ActorColumns(*actor)));
  }
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c, {action, kActors.noun(), actor->id(), 0, before, actor}));
  return MarkChanged(session, c);
}

// The actor a grant, revoke or merge changes: it exists and is not merged.
Status LoadChangeable(store::Connection& c, std::string_view name, std::string_view field,
                      v1::Actor* out) {
  KEFU_RETURN_IF_ERROR(CheckActorName(name, field));
  KEFU_RETURN_IF_ERROR(GetActor(c, name, field, out));
  if (out->state() == v1::ACTOR_STATE_MERGED) {
    return Status(Code::kFailedPrecondition, std::string(field) + " is " + Quote(name) +
                                                 ": merged into " + Quote(out->merged_into()) +
                                                 " (change that one instead)");
  }
  return Status::Ok();
}

// FailedPrecondition when taking `role` away from `actor` would leave no active administrator
// on an archive that enforces permissions.
Status KeepAnAdministrator(store::Connection& c, const v1::Actor& actor, std::string_view role) {
  bool enforced = false;
  KEFU_RETURN_IF_ERROR(Enforced(c, &enforced));
  if (!enforced || role != kAdministrator || !HoldsRole(actor, role) || !Active(actor)) {
    return Status::Ok();
  }
  v1::ListActorsRequest request;
  request.set_role(std::string(kAdministrator));
  v1::ListActorsResponse admins;
  KEFU_RETURN_IF_ERROR(ListActors(c, request, &admins));
  if (admins.actors_size() > 1) return Status::Ok();
  return Status(Code::kFailedPrecondition,
                "actor " + Quote(actor.name()) +
                    " is the archive's last active administrator: grant the role to another "
                    "first, so that the archive can still be administered");
}

}  // namespace

Status FindActor(store::Connection& c, std::string_view name, v1::Actor* out, bool* found) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM access_actors WHERE name = ?1", &s));
  KEFU_RETURN_IF_ERROR(s.Bind(1, name).Step(found));
  if (!*found) return Status::Ok();
  return kActors.Decode(s, out);
}

Status GetActor(store::Connection& c, std::string_view name, std::string_view field,
                v1::Actor* out) {
  bool found = false;
  KEFU_RETURN_IF_ERROR(FindActor(c, name, out, &found));
  if (found) return Status::Ok();
  return Status::NotFound(std::string(field) + " is " + Quote(name) +
                          ": no such actor (AccessService/PutActor registers one)");
}

Status ListActors(store::Connection& c, const v1::ListActorsRequest& request,
                  v1::ListActorsResponse* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM access_actors ORDER BY name", &s));
  std::vector<v1::Actor> all;
  KEFU_RETURN_IF_ERROR(kActors.ReadAll(s, &all));
  for (v1::Actor& actor : all) {
    if (!request.include_inactive() && !Active(actor)) continue;
    if (!request.role().empty() && !HoldsRole(actor, request.role())) continue;
    *out->add_actors() = std::move(actor);
  }
  return Status::Ok();
}

Status PutActor(Session& session, store::Connection& c, const v1::Actor& given, v1::Actor* out) {
  KEFU_RETURN_IF_ERROR(CheckNewFields(given));
  v1::Actor before;
  bool found = false;
  KEFU_RETURN_IF_ERROR(FindActor(c, given.name(), &before, &found));
  if (found && before.state() == v1::ACTOR_STATE_MERGED) {
    return Status(Code::kFailedPrecondition, "actor.name is " + Quote(given.name()) +
                                                 ": merged into " + Quote(before.merged_into()) +
                                                 ", read-only");
  }
  v1::Actor actor = found ? before : v1::Actor();
  actor.set_name(given.name());
  actor.set_display_name(given.display_name());
  actor.set_kind(given.kind() == v1::ACTOR_KIND_UNSPECIFIED ? v1::ACTOR_KIND_STAFF : given.kind());
  actor.set_state(given.state() == v1::ACTOR_STATE_UNSPECIFIED ? v1::ACTOR_STATE_ACTIVE
                                                               : given.state());
  if (found && !Active(actor)) {
    KEFU_RETURN_IF_ERROR(CheckNotSelf(session, actor.name(), "disable"));
    KEFU_RETURN_IF_ERROR(KeepAnAdministrator(c, before, kAdministrator));
  }
  if (found && actor.SerializeAsString() == before.SerializeAsString()) {
    *out = before;
    return Status::Ok();
  }
  KEFU_RETURN_IF_ERROR(Store(session, c, found ? "actor.update" : "actor.create",
                             found ? &before : nullptr, &actor));
  *out = actor;
  return Status::Ok();
}

Status GrantRole(Session& session, store::Connection& c, std::string_view name,
                 std::string_view role, v1::Actor* out) {
  v1::Actor actor;
  KEFU_RETURN_IF_ERROR(LoadChangeable(c, name, "actor", &actor));
  PermissionSet permissions = 0;
  bool found = false;
  KEFU_RETURN_IF_ERROR(RolePermissions(c, role, &permissions, &found));
  if (!found) {
    return Status::NotFound("role is " + Quote(role) + ": no such role (AccessService/ListRoles)");
  }
  KEFU_RETURN_IF_ERROR(CheckNotSelf(session, name, "grant a role to"));
  if (!Active(actor)) {
    return Status(Code::kFailedPrecondition,
                  "actor is " + Quote(name) + ": disabled (PutActor makes it active again)");
  }
  *out = actor;
  if (HoldsRole(actor, role)) return Status::Ok();
  const v1::Actor before = actor;
  actor.add_roles(std::string(role));
  std::sort(actor.mutable_roles()->begin(), actor.mutable_roles()->end());
  KEFU_RETURN_IF_ERROR(Store(session, c, "actor.grant", &before, &actor));
  *out = actor;
  return Status::Ok();
}

Status RevokeRole(Session& session, store::Connection& c, std::string_view name,
                  std::string_view role, v1::Actor* out) {
  v1::Actor actor;
  KEFU_RETURN_IF_ERROR(LoadChangeable(c, name, "actor", &actor));
  KEFU_RETURN_IF_ERROR(CheckNotSelf(session, name, "revoke a role from"));
  *out = actor;
  if (!HoldsRole(actor, role)) return Status::Ok();
  KEFU_RETURN_IF_ERROR(KeepAnAdministrator(c, actor, role));
  const v1::Actor before = actor;
  auto* roles = actor.mutable_roles();
  roles->erase(std::remove(roles->begin(), roles->end(), role), roles->end());
  KEFU_RETURN_IF_ERROR(Store(session, c, "actor.revoke", &before, &actor));
  *out = actor;
  return Status::Ok();
}

Status MergeActors(Session& session, store::Connection& c, std::string_view merged_name,
                   std::string_view survivor_name, v1::Actor* out) {
  v1::Actor merged, survivor;
  KEFU_RETURN_IF_ERROR(LoadChangeable(c, merged_name, "merged", &merged));
  KEFU_RETURN_IF_ERROR(LoadChangeable(c, survivor_name, "survivor", &survivor));
  if (merged.id() == survivor.id()) {
    return Status::InvalidArgument("merged and survivor are both " + Quote(merged_name));
  }
  KEFU_RETURN_IF_ERROR(CheckNotSelf(session, merged_name, "merge"));
  KEFU_RETURN_IF_ERROR(CheckNotSelf(session, survivor_name, "merge into"));
  const v1::Actor merged_before = merged, survivor_before = survivor;
  for (const std::string& role : merged.roles()) {
    if (!HoldsRole(survivor, role)) survivor.add_roles(role);
  }
  std::sort(survivor.mutable_roles()->begin(), survivor.mutable_roles()->end());
  merged.clear_roles();
  merged.set_state(v1::ACTOR_STATE_MERGED);
  merged.set_merged_into(survivor.name());
  KEFU_RETURN_IF_ERROR(Store(session, c, "actor.merge", &merged_before, &merged));
  if (survivor.SerializeAsString() != survivor_before.SerializeAsString()) {
    KEFU_RETURN_IF_ERROR(Store(session, c, "actor.grant", &survivor_before, &survivor));
  }
  *out = survivor;
  return Status::Ok();
}

Status CheckIsAdministrator(store::Connection& c, std::string_view name) {
  v1::Actor actor;
  bool found = false;
  KEFU_RETURN_IF_ERROR(FindActor(c, name, &actor, &found));
  if (found && Active(actor) && HoldsRole(actor, kAdministrator)) return Status::Ok();
  return Status(Code::kFailedPrecondition,
                "actor " + Quote(name) +
                    " is not an active administrator: register it (PutActor) and have another "
                    "actor grant it the administrator role first, so that someone can still "
                    "administer the archive once permissions are checked");
}

Status FoundArchive(Session& session, store::Connection& c, std::string_view name) {
  KEFU_RETURN_IF_ERROR(CheckActorName(name, "admin"));
  std::int64_t actors = 0;
  KEFU_RETURN_IF_ERROR(c.QueryInt("SELECT count(*) FROM access_actors", &actors));
  if (actors > 0) return CheckIsAdministrator(c, name);
  v1::Actor admin;
  admin.set_name(std::string(name));
  admin.set_kind(v1::ACTOR_KIND_STAFF);
  admin.set_state(v1::ACTOR_STATE_ACTIVE);
  admin.add_roles(std::string(kAdministrator));
  KEFU_RETURN_IF_ERROR(Store(session, c, "actor.create", nullptr, &admin));
  return SetEnforcement(session, c, true, name);
}

}  // namespace kefu::access
