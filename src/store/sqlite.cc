#include "store/sqlite.hpp"

#include <chrono>
#include <thread>

#include <sqlite3.h>

namespace kefu::store {

Status FromSqlite(int rc, sqlite3* db, std::string_view what) {
  const std::string detail =
      std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(Code::kBusy, detail + " (another writer held the archive too long; retry)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status(Code::kCorrupt, detail);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return Status(Code::kIo, detail);
    case SQLITE_CONSTRAINT:
      return Status(Code::kFailedPrecondition, detail);
    case SQLITE_NOMEM:
      return Status::Internal(detail + " (out of memory)");
    default:
      return Status::Internal(detail);
  }
}

Statement::Statement(Statement&& other) noexcept
    : home_(other.home_), stmt_(other.stmt_), entry_(other.entry_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    home_ = other.home_;
    stmt_ = other.stmt_;
    entry_ = other.entry_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { Release(); }

void Statement::Release() {
  if (stmt_ == nullptr) return;
  home_->Recycle(entry_, stmt_);
  stmt_ = nullptr;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Status Statement::Step(bool* row) {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    *row = true;
    return Status::Ok();
  }
  *row = false;
  if (rc == SQLITE_DONE) return Status::Ok();
  return FromSqlite(rc, home_->raw(), "running " + entry_->sql->substr(0, 60));
}

Status Statement::Run() {
  bool row = false;
  do {
    KEFU_RETURN_IF_ERROR(Step(&row));
  } while (row);
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return text == nullptr
             ? std::string()
             : std::string(static_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::string_view Statement::Bytes(int column) const {
  const auto* bytes = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return bytes == nullptr
             ? std::string_view()
             : std::string_view(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Status Connection::Open(const std::string& path, std::unique_ptr<Connection>* out) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromSqlite(rc, db, "opening the archive " + Quote(path));
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  out->reset(new Connection(db, path));
  return Status::Ok();
}

namespace {

// SQLite's busy handler: `count` is how many times this attempt has already waited.
int WaitOnce(void* arg, int count) {
  auto* wait = static_cast<Connection::BusyWait*>(arg);
  if (wait->no_wait) return 0;
  const auto now = std::chrono::steady_clock::now();
  if (count == 0 && !wait->fixed_deadline) {
    wait->deadline = now + std::chrono::milliseconds(wait->timeout_ms);
  }
  if (now >= wait->deadline) return 0;  // give up: BUSY
  std::uint64_t& seed = wait->seed;
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  std::this_thread::sleep_for(std::chrono::microseconds(200 + seed % 1800));
  return 1;
}

}  // namespace

void Connection::WaitWhenBusy(int timeout_ms) {
  busy_.timeout_ms = timeout_ms;
  busy_.seed ^= reinterpret_cast<std::uintptr_t>(this);
  ordered_ = path_ != ":memory:" && !path_.empty();
  sqlite3_busy_handler(db_, &WaitOnce, &busy_);
}

Status Connection::BeginWrite() {
  if (!ordered_) return Exec("BEGIN IMMEDIATE");
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_.timeout_ms);
  if (queue_ == nullptr) queue_ = WriterQueue::Open(path_, /*create=*/false);
  if (queue_ == nullptr || !queue_->Busy()) {
    // Nobody waits: take the lock if it is free, or else queue for it.
    busy_.no_wait = true;
    Status s = Exec("BEGIN IMMEDIATE");
    busy_.no_wait = false;
    if (s.code() != Code::kBusy) return s;
    if (queue_ == nullptr) queue_ = WriterQueue::Open(path_, /*create=*/true);
  }
  if (queue_ != nullptr && !queue_->WaitForTurn(deadline)) {
    return Status(Code::kBusy, "waiting for the archive " + Quote(path_) +
                                   ": other writers held it for " +
                                   std::to_string(busy_.timeout_ms / 1000) + " s (retry)");
  }
  busy_.fixed_deadline = true;
  busy_.deadline = deadline;
  Status s = Exec("BEGIN IMMEDIATE");
  busy_.fixed_deadline = false;
  if (!s.ok()) EndWrite();
  return s;
}

void Connection::EndWrite() {
  if (queue_ != nullptr) queue_->EndTurn();
}

Connection::~Connection() {
  for (auto& [sql, entry] : idle_) {
    for (sqlite3_stmt* stmt : entry.idle) sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db_);
}

void Connection::Recycle(Statement::CacheEntry* entry, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  // A few idle copies per text are plenty: nesting the same query deeper is rare.
  auto& statements = entry->idle;
  if (statements.size() < 4) {
    statements.push_back(stmt);
  } else {
    sqlite3_finalize(stmt);
  }
}

Status Connection::Exec(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return FromSqlite(rc, db_, "running " + std::string(sql.substr(0, 60)));
  return Status::Ok();
}

Status Connection::Prepare(std::string_view sql, Statement* out) {
  auto it = idle_.find(sql);
  if (it == idle_.end()) {
    it = idle_.emplace(std::string(sql), Statement::CacheEntry()).first;
    it->second.sql = &it->first;
  }
  Statement::CacheEntry* entry = &it->second;
  if (!entry->idle.empty()) {
    *out = Statement(this, entry->idle.back(), entry);
    entry->idle.pop_back();
    return Status::Ok();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return FromSqlite(rc, db_, "preparing " + std::string(sql.substr(0, 60)));
  *out = Statement(this, stmt, entry);
  return Status::Ok();
}

Status Connection::QueryInt(std::string_view sql, std::int64_t* out) {
  Statement stmt;
  KEFU_RETURN_IF_ERROR(Prepare(sql, &stmt));
  bool row = false;
  KEFU_RETURN_IF_ERROR(stmt.Step(&row));
  *out = row ? stmt.Int(0) : 0;
  return Status::Ok();
}

Status Connection::QueryText(std::string_view sql, std::string* out) {
  Statement stmt;
  KEFU_RETURN_IF_ERROR(Prepare(sql, &stmt));
  bool row = false;
  KEFU_RETURN_IF_ERROR(stmt.Step(&row));
  *out = row ? stmt.Text(0) : std::string();
  return Status::Ok();
}

int Connection::Changes() const { return sqlite3_changes(db_); }

Status Connection::NextId(std::string_view table, std::int64_t* id) {
  auto next = next_ids_.find(table);
  if (next == next_ids_.end()) {
    Statement s;
    KEFU_RETURN_IF_ERROR(Prepare("SELECT coalesce(max(id), 0) + 1 FROM " + std::string(table), &s));
    bool row = false;
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!in_transaction_) {
      *id = s.Int(0);
      return Status::Ok();
    }
    next = next_ids_.emplace(std::string(table), s.Int(0)).first;
  }
  *id = next->second++;
  return Status::Ok();
}

Status Transaction::Begin(Connection& connection, std::unique_ptr<Transaction>* out) {
  // Inside a transaction already (one kefu's own harness holds, such as the fuzzers' that rolls
  // every input back), the write is a savepoint of it.
  const bool nested = sqlite3_get_autocommit(connection.db_) == 0;
  KEFU_RETURN_IF_ERROR(nested ? connection.Exec("SAVEPOINT kefu_write") : connection.BeginWrite());
  connection.next_ids_.clear();
  connection.in_transaction_ = true;
  out->reset(new Transaction(connection));
  (*out)->nested_ = nested;
  return Status::Ok();
}

Transaction::~Transaction() {
  if (!done_) {
    (void)connection_.Exec(nested_ ? "ROLLBACK TO kefu_write; RELEASE kefu_write" : "ROLLBACK");
    if (!nested_) connection_.EndWrite();
  }
  connection_.in_transaction_ = false;
  connection_.next_ids_.clear();
}

Status Transaction::Commit() {
  Status s = connection_.Exec(nested_ ? "RELEASE kefu_write" : "COMMIT");
  if (s.ok()) {
    done_ = true;
    if (!nested_) connection_.EndWrite();
  }
  return s;
}

}  // namespace kefu::store
