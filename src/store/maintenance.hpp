// The archive file as SQLite keeps it: copies, SQLite's own checks, how it is configured.
#ifndef KEFU_SRC_STORE_MAINTENANCE_HPP
#define KEFU_SRC_STORE_MAINTENANCE_HPP

#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace kefu::store {

// Copies the archive open on `source` to the new file `path` with SQLite's online backup API,
// while writers on other connections carry on (WAL). The copy is written as `<path>.partial`,
// flushed to the disk and only then given its name (a hard link, so never over a file that
// appeared meanwhile; AlreadyExists then): a copy killed half-way never looks like a backup. A
// partial copy left by an earlier run is cleared first, and one that fails is removed.
Status BackUp(Connection& source, const std::string& path);

// SQLite's integrity and foreign-key checks: one line per problem, none when the file is sound.
Status CheckStorage(Connection& c, std::vector<std::string>* problems);

// How the file is kept: its schema version, journal mode and synchronous setting.
struct StorageFacts {
  std::int64_t schema_version = 0;
  std::string journal_mode;
  std::string synchronous;  // OFF, NORMAL, FULL or EXTRA
};
Status ReadStorageFacts(Connection& c, StorageFacts* out);

// The rows of `table`.
Status CountRows(Connection& c, const char* table, std::int64_t* out);

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_MAINTENANCE_HPP
