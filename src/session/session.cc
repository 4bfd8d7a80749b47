#include "session/session.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "base/utf8.hpp"
#include "base/days.hpp"
#include "store/schema.hpp"

namespace kefu {
namespace {

std::int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Durability first: WAL with a full fsync at every commit, so an acknowledged write survives a
// crash or a power cut, unless the archive was opened for Durability::kNormal.
Status Configure(store::Connection& c, bool in_memory, const OpenOptions& options) {
  c.WaitWhenBusy(kBusyTimeoutMs);
  KEFU_RETURN_IF_ERROR(c.Exec("PRAGMA foreign_keys = ON"));
  // A worklist reads a few records of thousands of patients spread over the file: with SQLite's
  // default 2 MB page cache they are read from the OS again on every call. 64 MB (per
  // connection, allocated as used) keeps a large hospital's working set in memory.
  KEFU_RETURN_IF_ERROR(c.Exec("PRAGMA cache_size = -65536"));
  if (!in_memory) {
    std::string mode;
    KEFU_RETURN_IF_ERROR(c.QueryText("PRAGMA journal_mode = WAL", &mode));
    if (mode != "wal") {
      return Status(Code::kIo, "the archive cannot use write-ahead logging (journal_mode is " +
                                   Quote(mode) + "); is it on a network file system?");
    }
    KEFU_RETURN_IF_ERROR(c.Exec(options.durability == Durability::kNormal
                                    ? "PRAGMA synchronous = NORMAL"
                                    : "PRAGMA synchronous = FULL"));
  }
  return Status::Ok();
}

// Whether the file at `path` is an archive kefu may open: empty (a new archive), or one holding
// kefu's tables. Another application's database is refused untouched — before the write-ahead
// log is switched on or a table is added.
Status CheckIsArchive(store::Connection& c, std::string_view path) {
  std::int64_t tables = 0;
  Status s = c.QueryInt("SELECT count(*) FROM sqlite_master", &tables);
  if (!s.ok()) {
    return Status(s.code(),
                  "path is " + Quote(path) + ": not a kefu archive (" + s.message() + ")");
  }
  if (tables == 0) return Status::Ok();
  std::int64_t kefu_tables = 0;
  KEFU_RETURN_IF_ERROR(
      c.QueryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                 "('meta', 'patients', 'encounters', 'audit')",
                 &kefu_tables));
  std::int64_t version = 0;
  KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &version));
  if (kefu_tables == 4 && version > 0) return Status::Ok();
  return Status(Code::kCorrupt, "path is " + Quote(path) +
                                    ": an SQLite database of another "
                                    "application (" +
                                    std::to_string(tables) +
                                    " schema objects, not kefu's): refused, and left untouched");
}

// A simulated clock stays inside kefu's calendar, so that every day it gives is one kefu handles.
Status CheckClock(std::int64_t ms, const char* field) {
  if (ms < kFirstMs || ms > kLastMs) {
    return Status::InvalidArgument(std::string(field) + " is " + std::to_string(ms) +
                                   ": must be within 1900-01-01..2200-12-31 (Unix milliseconds " +
                                   std::to_string(kFirstMs) + ".." + std::to_string(kLastMs) + ")");
  }
  return Status::Ok();
}

}  // namespace

Status Db::Open(std::string_view path, const store::Schema& schema, std::unique_ptr<Db>* out) {
  return Open(path, OpenOptions{}, schema, out);
}

Status Db::Open(std::string_view path, const OpenOptions& options, const store::Schema& schema,
                std::unique_ptr<Db>* out) {
  if (path.empty())
    return Status::InvalidArgument("path is empty: give a file path or \":memory:\"");
  if (path.find('\0') != std::string_view::npos || !IsValidUtf8(path)) {
    return Status::InvalidArgument("path is " + Quote(path) + ": not a UTF-8 file path");
  }
  if (options.simulated_now_ms.has_value()) {
    KEFU_RETURN_IF_ERROR(CheckClock(*options.simulated_now_ms, "simulated_clock.now_ms"));
  }
  if (options.must_exist && path != kMemoryPath) {
    std::error_code error;
    const std::filesystem::path file{std::string(path)};
    if (!std::filesystem::is_regular_file(file, error)) {
      return Status(Code::kNotFound,
                    "path is " + Quote(path) +
                        ": no archive there (opened to read, which never creates one; check the "
                        "path, or create an archive with `kefu init`)");
    }
    if (std::filesystem::file_size(file, error) == 0 && !error) {
      return Status(Code::kNotFound, "path is " + Quote(path) +
                                         ": an empty file, not an archive (a copy that never "
                                         "finished? opened to read, which never creates one)");
    }
  }
  std::unique_ptr<Db> db(new Db());
  db->path_ = std::string(path);
  db->options_ = options;
  db->clock_ = SystemNowMs;
  if (options.simulated_now_ms.has_value()) {
    db->simulated_ = true;
    db->simulated_now_ms_.store(*options.simulated_now_ms);
  }
  auto slot = std::make_shared<Slot>();
  KEFU_RETURN_IF_ERROR(store::Connection::Open(db->path_, &slot->connection));
  if (!db->in_memory()) {
    slot->connection->WaitWhenBusy(kBusyTimeoutMs);
    KEFU_RETURN_IF_ERROR(CheckIsArchive(*slot->connection, path));
  }
  KEFU_RETURN_IF_ERROR(Configure(*slot->connection, db->in_memory(), options));
  KEFU_RETURN_IF_ERROR(store::Migrate(*slot->connection, schema, store::kSchemaVersion));
  std::int64_t offset = 480;
  KEFU_RETURN_IF_ERROR(store::ReadUtcOffset(*slot->connection, &offset));
  db->utc_offset_minutes_ = static_cast<int>(offset);
  if (db->in_memory()) db->shared_ = std::move(slot);
  *out = std::move(db);
  return Status::Ok();
}

Db::~Db() = default;

Status Db::SetSimulatedNow(std::int64_t now_ms, std::int64_t* previous_ms) {
  if (!simulated_) {
    return Status(Code::kFailedPrecondition,
                  "the archive runs on the wall clock: only one opened with "
                  "OpenOptions.simulated_clock can have its clock set");
  }
  KEFU_RETURN_IF_ERROR(CheckClock(now_ms, "now_ms"));
  *previous_ms = simulated_now_ms_.exchange(now_ms);
  return Status::Ok();
}

Day Db::Today() const { return DayOfMs(NowMs(), utc_offset_minutes_); }

Status Db::Connect(std::shared_ptr<Slot>* out) {
  if (shared_) {
    *out = shared_;
    return Status::Ok();
  }
  auto slot = std::make_shared<Slot>();
  KEFU_RETURN_IF_ERROR(store::Connection::Open(path_, &slot->connection));
  KEFU_RETURN_IF_ERROR(Configure(*slot->connection, false, options_));
  *out = std::move(slot);
  return Status::Ok();
}

Status CheckActorName(std::string_view actor, std::string_view field) {
  const std::string name(field);
  if (actor.empty()) return Status::InvalidArgument(name + " is empty: name who acts (a staff id)");
  if (actor.size() > kMaxActorBytes) {
    return Status::InvalidArgument(name + " is " + Quote(actor) + " (" +
                                   std::to_string(actor.size()) + " bytes): at most 128 bytes");
  }
  if (!IsValidUtf8(actor))
    return Status::InvalidArgument(name + " is " + Quote(actor) + ": not UTF-8");
  for (const char c : actor) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return Status::InvalidArgument(name + " is " + Quote(actor) + ": holds a control character");
    }
  }
  return Status::Ok();
}

Status Session::Open(Db& db, std::string_view actor, std::unique_ptr<Session>* out) {
  KEFU_RETURN_IF_ERROR(CheckActorName(actor, "actor"));
  std::shared_ptr<Db::Slot> slot;
  KEFU_RETURN_IF_ERROR(db.Connect(&slot));
  out->reset(new Session(db, std::string(actor), std::move(slot)));
  return Status::Ok();
}

Status Session::Write(const std::function<Status(Txn&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  after_commit_.clear();
  transaction_state_.clear();
  std::unique_ptr<store::Transaction> transaction;
  KEFU_RETURN_IF_ERROR(store::Transaction::Begin(*slot_->connection, &transaction));
  Txn t(*this, *slot_->connection);
  Status s = body(t);
  if (s.ok()) s = transaction->Commit();
  std::vector<std::function<void()>> actions;
  actions.swap(after_commit_);
  transaction_state_.clear();
  if (!s.ok()) return s;
  for (const auto& action : actions) action();
  return Status::Ok();
}

Status Session::Use(const std::function<Status(Txn&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  Txn t(*this, *slot_->connection);
  return body(t);
}

Status Session::Read(const std::function<Status(Txn&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  store::Connection& c = *slot_->connection;
  Txn t(*this, c);
  // Inside a transaction already open on the connection (a harness's), the read is part of it.
  if (sqlite3_get_autocommit(c.raw()) == 0) return body(t);
  // Prepared (and cached) rather than Exec'd: Exec parses its SQL on every call.
  store::Statement begin, commit;
  KEFU_RETURN_IF_ERROR(c.Prepare("BEGIN", &begin));
  KEFU_RETURN_IF_ERROR(begin.Run());
  Status s = body(t);
  if (c.Prepare("COMMIT", &commit).ok()) (void)commit.Run();
  return s;
}

}  // namespace kefu
