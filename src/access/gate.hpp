// The gate every call passes: who the session's actor is to this archive and what it may do,
// resolved once and reused until access changes, and the check of one permission with its
// audited denial. The dispatcher calls Authorize before any handler runs.
//
// A session keeps its actor's resolved grants with the two marks that say they are current: the
// archive's in-process access generation (raised after every commit that changed access in
// this process) and SQLite's `PRAGMA data_version` of the session's connection (which changes
// when another connection, in this process or another, commits). Only when one moved is the
// archive's access version read, and only when that moved are the grants loaded again: a call
// on an unchanged archive costs an atomic load and one pragma.
#ifndef KEFU_SRC_ACCESS_GATE_HPP
#define KEFU_SRC_ACCESS_GATE_HPP

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "access/permissions.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"

namespace kefu::access {

// What the session's actor may do, as of one access version of the archive.
struct Grants {
  bool enforced = false;  // false: the archive checks nothing (every permission holds)
  bool known = false;     // the actor is registered
  v1::ActorState state = v1::ACTOR_STATE_UNSPECIFIED;
  std::string merged_into;
  std::vector<std::string> roles;
  PermissionSet permissions = 0;

  // Whether a call needing `p` may run.
  bool Allows(Permission p) const { return !enforced || Holds(permissions, p); }
};

// The session's actor's grants, reloaded only when access changed.
Status Resolve(Session& session, std::shared_ptr<const Grants>* out);

// OK when the session's actor may call `method`, which needs `required`, with *grants set;
// PermissionDenied naming the actor, the method and the permission otherwise, the denial
// recorded in the audit trail (action "access.denied") before it is returned.
Status Authorize(Session& session, std::string_view method, Permission required,
                 std::shared_ptr<const Grants>* grants);

// Called in the write transaction of every change of access: raises the archive's access
// version, and this process's generation once the transaction commits.
Status MarkChanged(Session& session, store::Connection& c);

// What the session's actor may do, as AccessService/GetAccess answers.
void Describe(const Session& session, const Grants& grants, v1::Access* out);

}  // namespace kefu::access

#endif  // KEFU_SRC_ACCESS_GATE_HPP
