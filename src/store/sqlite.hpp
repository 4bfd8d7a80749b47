// A thin RAII layer over SQLite: a connection, prepared statements, and SQLite's result codes
// mapped onto kefu's statuses (busy -> kBusy, corrupt -> kCorrupt, I/O -> kIo). A Connection is
// used by one thread at a time.
#ifndef KEFU_SRC_STORE_SQLITE_HPP
#define KEFU_SRC_STORE_SQLITE_HPP

#include <chrono>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <memory>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "kefu/status.hpp"
#include "store/writer_queue.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kefu::store {

// The Status for a failed SQLite call: `what` says what kefu was doing.
Status FromSqlite(int rc, sqlite3* db, std::string_view what);

class Connection;

// A prepared statement. Statements come from their connection's cache and go back to it when
// destroyed (reset, bindings cleared), so the SQL of a hot path is parsed once per connection,
// not once per call. A Statement must not outlive its Connection.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQLite.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Runs one step: true when a row is ready, false when done.
  Status Step(bool* row);
  // Runs to completion, expecting no rows.
  Status Run();
  // Resets for another run with new bindings.
  void Reset();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  // The column's bytes without a copy, valid until the next Step or Reset.
  std::string_view Bytes(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Connection;
  struct CacheEntry;
  Statement(Connection* home, sqlite3_stmt* stmt, CacheEntry* entry)
      : home_(home), stmt_(stmt), entry_(entry) {}
  void Release();
  Connection* home_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  CacheEntry* entry_ = nullptr;  // where it goes back to, owned by home_
};

// Decodes a column holding a serialized protobuf message (any type with ParseFromArray) in place,
// without copying the blob first: false when the bytes do not decode.
template <class Message>
bool ParseColumn(const Statement& s, int column, Message* out) {
  const std::string_view bytes = s.Bytes(column);
  return out->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

class Connection {
 public:
  // Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory one.
  static Status Open(const std::string& path, std::unique_ptr<Connection>* out);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  Status Prepare(std::string_view sql, Statement* out);
  // A single integer from a query such as "PRAGMA user_version".
  Status QueryInt(std::string_view sql, std::int64_t* out);
  Status QueryText(std::string_view sql, std::string* out);
  // The id for a new row of `table` (whose key is `id INTEGER PRIMARY KEY`): one past the
  // largest, as SQLite itself would choose. Records that hold their own id are then written once,
  // not inserted and rewritten. Only inside a write Transaction, which serializes writers: the
  // largest id is read once per table and transaction and counted on from there, so every row
  // of these tables must be inserted with an id from here.
  Status NextId(std::string_view table, std::int64_t* id);
  int Changes() const;

  sqlite3* raw() const { return db_; }

  // While another connection holds the archive, waits for up to `timeout_ms` in all. Writers of
  // a file archive take turns in the order they came (store/writer_queue.hpp); under the queue,
  // SQLite's lock is retried every 0.2 to 2 ms (at random) instead of with SQLite's default
  // back-off, which sleeps ever longer (up to 100 ms at a time) and so lets a busy writer take
  // the lock again and again while the others sleep.
  void WaitWhenBusy(int timeout_ms);

  // How SQLite's busy handler waits on this connection.
  struct BusyWait {
    int timeout_ms = 0;
    bool no_wait = false;         // fail at once: trying the lock before queueing
    bool fixed_deadline = false;  // `deadline` was set for the whole BEGIN, queue included
    std::chrono::steady_clock::time_point deadline;
    std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  };

 private:
  friend class Statement;
  friend class Transaction;
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // BEGIN IMMEDIATE, in turn with the archive's other writers; EndWrite passes the turn on.
  Status BeginWrite();
  void EndWrite();
  void Recycle(Statement::CacheEntry* entry, sqlite3_stmt* stmt);
  // Found by the SQL text given as a string_view, without making a string of it.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>()(text);
    }
  };
  sqlite3* db_;
  std::string path_;
  BusyWait busy_;
  // Writers queue only on a file archive whose connection waits when busy.
  bool ordered_ = false;
  std::unique_ptr<WriterQueue> queue_;
  // NextId's ids for the write Transaction in progress, by table (none outside one).
  bool in_transaction_ = false;
  std::unordered_map<std::string, std::int64_t, TextHash, std::equal_to<>> next_ids_;
  // Idle prepared statements by SQL text. Nodes never move, so a statement keeps a pointer to its
  // own entry and goes back to it without a lookup.
  std::unordered_map<std::string, Statement::CacheEntry, TextHash, std::equal_to<>> idle_;
};

struct Statement::CacheEntry {
  const std::string* sql = nullptr;  // the key, for error messages
  std::vector<sqlite3_stmt*> idle;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed. IMMEDIATE takes the
// write lock up front, so a busy archive is found before any work is done, not at COMMIT. Begun
// inside a transaction already open on the connection, it is a savepoint of that one.
class Transaction {
 public:
  // Also where the connection's per-transaction state (NextId) starts and ends.
  static Status Begin(Connection& connection, std::unique_ptr<Transaction>* out);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  Connection& connection_;
  bool done_ = false;
  bool nested_ = false;
};

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_SQLITE_HPP
