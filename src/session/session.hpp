// Db is an open archive; Session is one actor's use of it.
//
// A file archive is one SQLite file in WAL mode with synchronous=FULL (NORMAL when opened for
// Durability::kNormal); every session has its own
// connection, so sessions on different threads (or processes) read in parallel and write one at
// a time, each write waiting up to the busy timeout. A ":memory:" archive is one private
// connection that all its sessions share, one call at a time.
//
// Every call that writes runs in Session::Write: one transaction, committed entirely or not at
// all: what a module above the archive writes in answer to a change (a follow-up plan for a
// discharge: archive/followers.hpp) lands with it or not at all.
//
// Db is thread-safe. A Session belongs to one thread at a time.
#ifndef KEFU_SRC_SESSION_SESSION_HPP
#define KEFU_SRC_SESSION_SESSION_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <typeindex>
#include <memory>
#include <mutex>
#include <optional>
#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/date.hpp"
#include "kefu/status.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace kefu {

inline constexpr std::size_t kMaxActorBytes = 128;
inline constexpr std::string_view kMemoryPath = ":memory:";
inline constexpr int kBusyTimeoutMs = 10000;

class Session;

// InvalidArgument naming `field` unless `actor` is 1..128 bytes of UTF-8 without control
// characters: what a session's actor, and every actor a request names, must be.
Status CheckActorName(std::string_view actor, std::string_view field);

// A transaction in progress (or, from Session::Use, the connection without one), as Session::Write
// and Session::Read hand it to their body: whose it is, and the connection the modules' SQL runs
// on. The rpc handlers only pass it on to the modules they call — they never name the connection
// under it (tests/layers/check_layers.py fails the build's tests if one does); the modules, which
// own their tables and statements, take it as the connection they write through.
class Txn {
 public:
  Txn(Session& session, store::Connection& connection)
      : session_(session), connection_(connection) {}
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  Session& session() const { return session_; }
  // The modules' functions take the connection they run their SQL on; a Txn passes as one.
  // NOLINTNEXTLINE(google-explicit-constructor)
  operator store::Connection&() const { return connection_; }
  store::Connection& connection() const { return connection_; }

 private:
  Session& session_;
  store::Connection& connection_;
};

// How much a commit waits for the disk. Both keep the archive consistent (WAL, atomic commits);
// they differ only in what a power cut can take back.
enum class Durability {
  kFull,    // synchronous=FULL: every acknowledged write survives a crash or a power cut
  kNormal,  // synchronous=NORMAL: survives a crash of the process; a power cut (or an OS crash)
            // may undo the writes acknowledged just before it. For bulk loads that can be rerun.
};

struct OpenOptions {
  Durability durability = Durability::kFull;
  bool must_exist = false;  // NotFound instead of creating a new archive
  // Set: the archive runs on a simulated clock standing at this time (Unix ms) until
  // Db::SetSimulatedNow moves it. Audit entries written under it say so.
  std::optional<std::int64_t> simulated_now_ms;
  // The first administrator of an archive without actors (rpc::OpenArchive registers it and
  // turns the checking of permissions on); empty: none named.
  std::string admin;
};

class Db {
 public:
  // Opens (creating and migrating as needed) the archive at `path`, or ":memory:", whose tables
  // are those of `schema` (every module's: rpc::OpenArchive passes them).
  static Status Open(std::string_view path, const store::Schema& schema, std::unique_ptr<Db>* out);
  static Status Open(std::string_view path, const OpenOptions& options, const store::Schema& schema,
                     std::unique_ptr<Db>* out);
  ~Db();

  const std::string& path() const { return path_; }
  bool in_memory() const { return path_ == kMemoryPath; }
  const OpenOptions& options() const { return options_; }

  // The clock: Unix milliseconds — the wall clock, or the simulated one the archive was opened
  // with. Tests may replace the wall clock (before sessions write).
  std::int64_t NowMs() const {
    return simulated_ ? simulated_now_ms_.load(std::memory_order_relaxed) : clock_();
  }
  // The real time, whatever the archive's clock says (recorded beside a simulated time).
  std::int64_t WallMs() const { return clock_(); }
  bool simulated_clock() const { return simulated_; }
  // Moves the simulated clock; FailedPrecondition on an archive that runs on the wall clock.
  Status SetSimulatedNow(std::int64_t now_ms, std::int64_t* previous_ms);
  void SetClockForTesting(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }
  // The hospital's zone, minutes east of UTC (China: +480), kept in the archive.
  int utc_offset_minutes() const { return utc_offset_minutes_; }
  // Today in the hospital's zone.
  Day Today() const;

  // Per-archive state of a module (the follow-up due index), made on first use by `make` and
  // kept as long as the Db. Thread-safe. Keyed by the module's own type, because this layer
  // sits below the modules and cannot name them; only the file that defines T calls this (its
  // module's one accessor, such as DueIndex::Of: tests/layers/check_layers.py checks).
  template <class T, class Make>
  T& Extension(Make make) {
    std::lock_guard<std::mutex> lock(extensions_mutex_);
    auto& slot = extensions_[std::type_index(typeid(T))];
    if (!slot) slot = std::shared_ptr<void>(make());
    return *static_cast<T*>(slot.get());
  }

  // A connection for a new session: a new one on a file archive, the shared one in memory.
  struct Slot {
    std::mutex mutex;
    std::unique_ptr<store::Connection> connection;
  };
  Status Connect(std::shared_ptr<Slot>* out);

 private:
  Db() = default;
  std::string path_;
  OpenOptions options_;
  std::shared_ptr<Slot> shared_;  // the one connection of a ":memory:" archive
  std::function<std::int64_t()> clock_;
  bool simulated_ = false;
  std::atomic<std::int64_t> simulated_now_ms_{0};
  int utc_offset_minutes_ = 480;
  std::mutex extensions_mutex_;
  std::map<std::type_index, std::shared_ptr<void>> extensions_;
};

class Session {
 public:
  // InvalidArgument unless actor is 1..128 bytes of UTF-8 without control characters.
  static Status Open(Db& db, std::string_view actor, std::unique_ptr<Session>* out);

  Db& db() const { return db_; }
  const std::string& actor() const { return actor_; }

  // Runs `body` in one write transaction: committed if it returns OK, rolled back otherwise.
  // KEFU_ERR_BUSY when another writer holds the archive past the busy timeout.
  Status Write(const std::function<Status(Txn&)>& body);
  // Runs `body` in one read transaction (a consistent snapshot).
  Status Read(const std::function<Status(Txn&)>& body);
  // Runs `body` with the connection and no transaction (the backup API takes its own).
  Status Use(const std::function<Status(Txn&)>& body);

  // Runs `action` once the write transaction in progress has committed (never if it rolls back):
  // how in-memory state such as the due index follows the store.
  void AfterCommit(std::function<void()> action) { after_commit_.push_back(std::move(action)); }

  // A module's state for the write transaction in progress, made on first use and dropped when
  // the transaction ends: how a module loads what it reads once per transaction (follow-up's
  // Configuration, the audit chain's head) and batches what it publishes after the commit (the
  // due index's moves). Keyed and reached as Db::Extension is: only from the file defining T.
  template <class T>
  std::shared_ptr<T> TransactionState() {
    auto& slot = transaction_state_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return std::static_pointer_cast<T>(slot);
  }

  // A module's state for this session, made on first use and kept as long as the session: what
  // access resolves once per actor and reuses until access changes. Reached as Db::Extension is.
  template <class T>
  T& SessionState() {
    auto& slot = session_state_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }

 private:
  Session(Db& db, std::string actor, std::shared_ptr<Db::Slot> slot)
      : db_(db), actor_(std::move(actor)), slot_(std::move(slot)) {}
  Db& db_;
  std::string actor_;
  std::shared_ptr<Db::Slot> slot_;
  std::vector<std::function<void()>> after_commit_;
  std::map<std::type_index, std::shared_ptr<void>> transaction_state_;
  std::map<std::type_index, std::shared_ptr<void>> session_state_;
};

}  // namespace kefu

#endif  // KEFU_SRC_SESSION_SESSION_HPP
