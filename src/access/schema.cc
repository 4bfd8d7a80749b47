#include "access/schema.hpp"

namespace kefu::access {
namespace {

// Version 7: who may do what. An archive made before it (and a new one made without naming an
// administrator) does not enforce permissions until an administrator turns that on.
constexpr const char* kVersion7 = R"sql(
CREATE TABLE access_actors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  state INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE TABLE access_roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  record BLOB NOT NULL
);
INSERT INTO meta (key, value) VALUES ('access_enforced', '0'), ('access_version', '1');
)sql";

}  // namespace

const store::Schema& Schema() {
  static const store::Schema schema = {{7, kVersion7}};
  return schema;
}

const std::vector<audit::AuditedTable>& AuditedTables() {
  static const std::vector<audit::AuditedTable> tables = {{kActors.name(), kActors.noun()},
                                                          {kRoles.name(), kRoles.noun()}};
  return tables;
}

}  // namespace kefu::access
