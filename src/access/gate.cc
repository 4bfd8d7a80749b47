#include "access/gate.hpp"

#include <atomic>

#include "access/directory.hpp"
#include "audit/audit.hpp"

namespace kefu::access {
namespace {

// Raised after every commit in this process that changed access.
struct Generation {
  std::atomic<std::uint64_t> value{0};
};

Generation& GenerationOf(Db& db) {
  return db.Extension<Generation>([] { return new Generation(); });
}

// A session's resolved grants and the marks that say they are current.
struct SessionGrants {
  std::uint64_t generation = 0;
  std::int64_t data_version = -1;
  std::int64_t access_version = -1;
  std::shared_ptr<const Grants> grants;
};

bool IsActive(v1::ActorState state) {
  return state == v1::ACTOR_STATE_ACTIVE || state == v1::ACTOR_STATE_UNSPECIFIED;
}

Status Load(store::Connection& c, const std::string& name, Grants* out,
            std::int64_t* access_version) {
  KEFU_RETURN_IF_ERROR(AccessVersion(c, access_version));
  KEFU_RETURN_IF_ERROR(Enforced(c, &out->enforced));
  v1::Actor actor;
  KEFU_RETURN_IF_ERROR(FindActor(c, name, &actor, &out->known));
  if (!out->known) return Status::Ok();
  out->state = actor.state();
  out->merged_into = actor.merged_into();
  out->roles.assign(actor.roles().begin(), actor.roles().end());
  if (!IsActive(actor.state())) return Status::Ok();
  for (const std::string& role : actor.roles()) {
    PermissionSet set = 0;
    bool found = false;
    KEFU_RETURN_IF_ERROR(RolePermissions(c, role, &set, &found));
    out->permissions |= set;
  }
  return Status::Ok();
}

// Why an actor without `required` is denied, in words.
std::string DenialReason(const std::string& actor, std::string_view method, Permission required,
                         const Grants& grants) {
  const std::string call = "actor " + Quote(actor) + " may not call " + std::string(method);
  if (!grants.known) {
    return call +
           ": it is not known to this archive (an administrator registers it with "
           "AccessService/PutActor and grants it a role)";
  }
  if (grants.state == v1::ACTOR_STATE_MERGED) {
    return call + ": it was merged into " + Quote(grants.merged_into) + " (act as that one)";
  }
  if (grants.state == v1::ACTOR_STATE_DISABLED) return call + ": it is disabled";
  std::string roles;
  for (const std::string& role : grants.roles) roles += (roles.empty() ? "" : ", ") + role;
  return call + ": it needs permission " + Quote(NameOf(required)) + ", which " +
         (roles.empty() ? std::string("it holds no role to grant")
                        : "none of its roles (" + roles + ") grants");
}

}  // namespace

Status Resolve(Session& session, std::shared_ptr<const Grants>* out) {
  SessionGrants& cache = session.SessionState<SessionGrants>();
  const std::uint64_t generation = GenerationOf(session.db()).value.load(std::memory_order_acquire);
  std::int64_t data_version = 0;
  std::int64_t access_version = 0;
  bool current = false;
  const Status checked = session.Use([&](Txn& t) {
    store::Connection& c = t;
    KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA data_version", &data_version));
    current = cache.grants && generation == cache.generation && data_version == cache.data_version;
    return current ? Status::Ok() : AccessVersion(c, &access_version);
  });
  if (!checked.ok()) return checked;
  if (!current && (!cache.grants || access_version != cache.access_version)) {
    auto grants = std::make_shared<Grants>();
    KEFU_RETURN_IF_ERROR(session.Read(
        [&](Txn& t) { return Load(t, session.actor(), grants.get(), &access_version); }));
    cache.grants = std::move(grants);
    cache.access_version = access_version;
  }
  cache.generation = generation;
  cache.data_version = data_version;
  *out = cache.grants;
  return Status::Ok();
}

Status Authorize(Session& session, std::string_view method, Permission required,
                 std::shared_ptr<const Grants>* grants) {
  KEFU_RETURN_IF_ERROR(Resolve(session, grants));
  if ((*grants)->Allows(required)) return Status::Ok();
  v1::AccessDenial denial;
  denial.set_actor(session.actor());
  denial.set_method(std::string(method));
  denial.set_permission(NameOf(required));
  denial.set_reason(DenialReason(session.actor(), method, required, **grants));
  // Denied whether or not the record could be written (a busy archive must not let a call by).
  (void)session.Write([&](Txn& t) {
    return audit::AppendAudit(session, t, {"access.denied", "access", 0, 0, nullptr, &denial});
  });
  return Status(Code::kPermissionDenied, denial.reason());
}

Status MarkChanged(Session& session, store::Connection& c) {
  KEFU_RETURN_IF_ERROR(
      c.Exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'access_version'"));
  Generation& generation = GenerationOf(session.db());
  session.AfterCommit([&generation] { generation.value.fetch_add(1, std::memory_order_release); });
  return Status::Ok();
}

void Describe(const Session& session, const Grants& grants, v1::Access* out) {
  out->set_actor(session.actor());
  out->set_enforced(grants.enforced);
  out->set_known(grants.known);
  out->set_state(grants.state);
  for (const std::string& role : grants.roles) out->add_roles(role);
  for (const std::string& name : Names(grants.permissions)) out->add_permissions(name);
}

}  // namespace kefu::access
