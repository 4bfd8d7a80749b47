// The archive's schema, versioned with PRAGMA user_version, and its forward migrations. Each
// module owns its tables: it lists the steps that made them, each tagged with the archive-wide
// schema version that brought it (archive/schema.cc, audit/schema.cc, followup/schema.cc), and
// whoever opens an archive passes every module's steps (rpc/open.cc). The store owns only the
// `meta` table of settings every module may keep a key in. Each version runs in its own
// transaction (and under SQLite's write lock, so two processes opening the same old archive
// migrate it once).
#ifndef KEFU_SRC_STORE_SCHEMA_HPP
#define KEFU_SRC_STORE_SCHEMA_HPP

#include <cstdint>

#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace kefu::store {

// The archive-wide schema version this library writes: the highest of any module's steps.
inline constexpr int kSchemaVersion = 7;

// What one module adds at one schema version: its SQL, then, where the new tables need data from
// the records already stored, `fill`.
struct SchemaStep {
  int version;
  const char* sql;
  Status (*fill)(Connection& connection) = nullptr;
};
using Schema = std::vector<SchemaStep>;

// Brings the archive to `target` (<= kSchemaVersion), applying at each version the steps of
// `schema` tagged with it, in the order given. FailedPrecondition when the archive was made by a
// newer kefu; Corrupt when the file is not an archive.
Status Migrate(Connection& connection, const Schema& schema, int target);

Status ReadUtcOffset(Connection& connection, std::int64_t* minutes);

// Compares the archive's tables, indexes and triggers with those `schema` makes (a new archive
// migrated to the same version): one line per object missing, added or changed behind kefu's
// back (a dropped append-only trigger, say).
Status CompareSchema(Connection& connection, const Schema& schema,
                     std::vector<std::string>* problems);

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_SCHEMA_HPP
