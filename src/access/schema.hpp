// The access module's tables: the actors sessions name and the hospital's own roles (the
// built-in roles are code: access/permissions.hpp), with the schema version that made them, and
// the two settings kept in `meta`: whether permissions are enforced, and a version that every
// change of access raises (how a cached resolution knows it is stale, access/gate.hpp).
#ifndef KEFU_SRC_ACCESS_SCHEMA_HPP
#define KEFU_SRC_ACCESS_SCHEMA_HPP

#include <vector>

#include "audit/audit.hpp"
#include "store/record_table.hpp"
#include "store/schema.hpp"

namespace kefu::access {

inline const store::RecordTable kActors{"access_actors", "actor", {"name", "state"}};
inline const store::RecordTable kRoles{"access_roles", "role", {"name"}};

const store::Schema& Schema();
const std::vector<audit::AuditedTable>& AuditedTables();

}  // namespace kefu::access

#endif  // KEFU_SRC_ACCESS_SCHEMA_HPP
