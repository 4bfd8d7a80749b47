// The actors sessions name and the hospital's own roles: registered, changed, granted, revoked,
// merged, each change with its audit entry and a raise of the archive's access version (so that
// every session's cached grants are reloaded: access/gate.hpp). Requests are checked here, field
// by field; who may make them is the dispatcher's check, before any of this runs.
#ifndef KEFU_SRC_ACCESS_DIRECTORY_HPP
#define KEFU_SRC_ACCESS_DIRECTORY_HPP

#include <string_view>

#include "access/permissions.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::access {

// Actors.
Status PutActor(Session& session, store::Connection& c, const v1::Actor& actor, v1::Actor* out);
// NotFound naming `field` when no actor has that name.
Status GetActor(store::Connection& c, std::string_view name, std::string_view field,
                v1::Actor* out);
Status FindActor(store::Connection& c, std::string_view name, v1::Actor* out, bool* found);
Status ListActors(store::Connection& c, const v1::ListActorsRequest& request,
                  v1::ListActorsResponse* out);
Status GrantRole(Session& session, store::Connection& c, std::string_view actor,
                 std::string_view role, v1::Actor* out);
Status RevokeRole(Session& session, store::Connection& c, std::string_view actor,
                  std::string_view role, v1::Actor* out);
Status MergeActors(Session& session, store::Connection& c, std::string_view merged,
                   std::string_view survivor, v1::Actor* out);
// The first administrator of a new archive (OpenOptions.admin): registered with the
// administrator role, and enforcement turned on. On an archive with actors already, `name`
// must be an active administrator (FailedPrecondition otherwise) and nothing changes.
Status FoundArchive(Session& session, store::Connection& c, std::string_view name);

// FailedPrecondition unless `name` is an active actor holding the administrator role.
Status CheckIsAdministrator(store::Connection& c, std::string_view name);

// Roles: the built-in ones (code) and the hospital's (rows).
Status ListRoles(store::Connection& c, v1::ListRolesResponse* out);
Status PutRole(Session& session, store::Connection& c, const v1::Role& role, v1::Role* out);
Status RemoveRole(Session& session, store::Connection& c, std::string_view name);
// The permissions of role `name`; *found false when there is no such role.
Status RolePermissions(store::Connection& c, std::string_view name, PermissionSet* out,
                       bool* found);

// Enforcement.
Status Enforced(store::Connection& c, bool* enforced);
// Turning it on needs `administrator` (the caller, or the first administrator of a new archive)
// to be an active actor holding the administrator role: nobody is locked out.
Status SetEnforcement(Session& session, store::Connection& c, bool enforced,
                      std::string_view administrator);
// The archive's access version: raised by every change above.
Status AccessVersion(store::Connection& c, std::int64_t* version);

}  // namespace kefu::access

#endif  // KEFU_SRC_ACCESS_DIRECTORY_HPP
