// The archive's schema, versioned with PRAGMA user_version, and its forward migrations. Each
// migration runs in its own transaction (and under SQLite's write lock, so two processes opening
// the same old archive migrate it once).
#ifndef KEFU_SRC_STORE_SCHEMA_HPP
#define KEFU_SRC_STORE_SCHEMA_HPP

#include <cstdint>

#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace kefu::store {

inline constexpr int kSchemaVersion = 6;

// Brings the archive to `target` (<= kSchemaVersion). FailedPrecondition when the archive was
// made by a newer kefu; Corrupt when the file is not an archive.
Status Migrate(Connection& connection, int target);

Status ReadUtcOffset(Connection& connection, std::int64_t* minutes);

// Compares the archive's tables, indexes and triggers with those kefu makes (a new archive
// migrated to the same version): one line per object missing, added or changed behind kefu's
// back (a dropped append-only trigger, say).
Status CompareSchema(Connection& connection, std::vector<std::string>* problems);

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_SCHEMA_HPP
