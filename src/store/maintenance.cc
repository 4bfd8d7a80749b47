#include "store/maintenance.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace kefu::store {
namespace {

// Copies the archive page by page into a new file. One step copies everything from one read
// snapshot; writers on other connections carry on meanwhile (WAL).
Status CopyTo(Connection& source, const std::string& path) {
  std::unique_ptr<Connection> destination;
  KEFU_RETURN_IF_ERROR(Connection::Open(path, &destination));
  sqlite3_backup* backup = sqlite3_backup_init(destination->raw(), "main", source.raw(), "main");
  if (backup == nullptr) {
    return FromSqlite(sqlite3_errcode(destination->raw()), destination->raw(),
                      "starting the backup to " + Quote(path));
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return FromSqlite(rc, destination->raw(), "backing up to " + Quote(path));
  }
  // The copy opens like the archive (write-ahead log), and holds everything in its main file.
  KEFU_RETURN_IF_ERROR(destination->Exec("PRAGMA journal_mode = WAL"));
  return destination->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// Flushes a file (or a directory's entries) to the disk.
Status Fsync(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0)
    return Status(Code::kIo, "opening " + Quote(path) + " to flush it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) return Status(Code::kIo, "flushing " + Quote(path) + ": " + std::strerror(saved));
  return Status::Ok();
}

// Gives the finished copy its name, never over a file that appeared meanwhile (a hard link fails
// when the name is taken; where the file system has none, the name is checked first).
Status Publish(const std::string& partial, const std::string& path) {
  if (::link(partial.c_str(), path.c_str()) == 0) {
    ::unlink(partial.c_str());
  } else if (errno == EEXIST) {
    return Status(Code::kAlreadyExists, "destination_path is " + Quote(path) +
                                            ": a file appeared there during the backup");
  } else {
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      return Status(Code::kAlreadyExists, "destination_path is " + Quote(path) +
                                              ": a file appeared there during the backup");
    }
    std::filesystem::rename(partial, path, error);
    if (error) {
      return Status(Code::kIo, "naming the backup " + Quote(path) + ": " + error.message());
    }
  }
  const std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
  return Fsync(parent.string(), true);
}

void RemovePartial(const std::string& partial) {
  std::error_code error;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(partial + suffix, error);
  }
}

}  // namespace

Status BackUp(Connection& source, const std::string& path) {
  const std::string partial = path + ".partial";
  RemovePartial(partial);
  Status copied = CopyTo(source, partial);
  if (copied.ok()) copied = Fsync(partial, false);
  if (copied.ok()) copied = Publish(partial, path);
  if (!copied.ok()) RemovePartial(partial);  // no half-written copy is left behind
  return copied;
}

Status CheckStorage(Connection& c, std::vector<std::string>* problems) {
  Statement integrity;
  KEFU_RETURN_IF_ERROR(c.Prepare("PRAGMA integrity_check", &integrity));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(integrity.Step(&row));
    if (!row) break;
    if (integrity.Text(0) != "ok") problems->push_back(integrity.Text(0));
  }
  Statement keys;
  KEFU_RETURN_IF_ERROR(c.Prepare("PRAGMA foreign_key_check", &keys));
  while (true) {
    KEFU_RETURN_IF_ERROR(keys.Step(&row));
    if (!row) return Status::Ok();
    problems->push_back("table " + keys.Text(0) + " row " + std::to_string(keys.Int(1)) +
                        " refers to a missing row of " + keys.Text(2));
  }
}

Status ReadStorageFacts(Connection& c, StorageFacts* out) {
  KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &out->schema_version));
  KEFU_RETURN_IF_ERROR(c.QueryText("PRAGMA journal_mode", &out->journal_mode));
  std::int64_t n = 0;
  KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA synchronous", &n));
  static const char* const kSync[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
  out->synchronous = n >= 0 && n <= 3 ? kSync[n] : std::to_string(n);
  return Status::Ok();
}

Status CountRows(Connection& c, const char* table, std::int64_t* out) {
  return c.QueryInt(std::string("SELECT count(*) FROM ") + table, out);
}

}  // namespace kefu::store
