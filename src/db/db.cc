#include "db/db.hpp"

#include <chrono>

#include "common/utf8.hpp"
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
  KEFU_RETURN_IF_ERROR(c.Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs)));
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

}  // namespace

Status Db::Open(std::string_view path, std::unique_ptr<Db>* out) {
  return Open(path, OpenOptions{}, out);
}

Status Db::Open(std::string_view path, const OpenOptions& options, std::unique_ptr<Db>* out) {
  if (path.empty()) return Status::InvalidArgument("path is empty: give a file path or \":memory:\"");
  if (path.find('\0') != std::string_view::npos || !IsValidUtf8(path)) {
    return Status::InvalidArgument("path is " + Quote(path) + ": not a UTF-8 file path");
  }
  std::unique_ptr<Db> db(new Db());
  db->path_ = std::string(path);
  db->options_ = options;
  db->clock_ = SystemNowMs;
  auto slot = std::make_shared<Slot>();
  KEFU_RETURN_IF_ERROR(store::Connection::Open(db->path_, &slot->connection));
  KEFU_RETURN_IF_ERROR(Configure(*slot->connection, db->in_memory(), options));
  KEFU_RETURN_IF_ERROR(store::Migrate(*slot->connection, store::kSchemaVersion));
  std::int64_t offset = 480;
  KEFU_RETURN_IF_ERROR(store::ReadUtcOffset(*slot->connection, &offset));
  db->utc_offset_minutes_ = static_cast<int>(offset);
  if (db->in_memory()) db->shared_ = std::move(slot);
  *out = std::move(db);
  return Status::Ok();
}

Db::~Db() = default;

Day Db::Today() const {
  const std::int64_t local_ms = NowMs() + std::int64_t{utc_offset_minutes_} * 60000;
  const std::int64_t day = local_ms >= 0 ? local_ms / 86400000 : (local_ms - 86399999) / 86400000;
  return static_cast<Day>(day);
}

void Db::OnEncounterEvent(EncounterHandler handler) {
  std::lock_guard<std::mutex> lock(handlers_mutex_);
  encounter_handlers_.push_back(std::move(handler));
}

Status Db::Notify(Session& session, EncounterEvent event,
                const ::kefu_internal::v1::Encounter& encounter) const {
  std::vector<EncounterHandler> handlers;
  {
    std::lock_guard<std::mutex> lock(handlers_mutex_);
    handlers = encounter_handlers_;
  }
  for (const EncounterHandler& handler : handlers) {
    KEFU_RETURN_IF_ERROR(handler(session, event, encounter));
  }
  return Status::Ok();
}

void Db::OnPatientUpdated(PatientHandler handler) {
  std::lock_guard<std::mutex> lock(handlers_mutex_);
  patient_handlers_.push_back(std::move(handler));
}

Status Db::NotifyPatientUpdated(Session& session, std::int64_t patient_id) const {
  std::vector<PatientHandler> handlers;
  {
    std::lock_guard<std::mutex> lock(handlers_mutex_);
    handlers = patient_handlers_;
  }
  for (const PatientHandler& handler : handlers) {
    KEFU_RETURN_IF_ERROR(handler(session, patient_id));
  }
  return Status::Ok();
}

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

Status Session::Open(Db& db, std::string_view actor, std::unique_ptr<Session>* out) {
  if (actor.empty()) return Status::InvalidArgument("actor is empty: name who acts (a staff id)");
  if (actor.size() > kMaxActorBytes) {
    return Status::InvalidArgument("actor is " + Quote(actor) + " (" +
                                   std::to_string(actor.size()) + " bytes): at most 128 bytes");
  }
  if (!IsValidUtf8(actor)) return Status::InvalidArgument("actor is " + Quote(actor) + ": not UTF-8");
  for (const char c : actor) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return Status::InvalidArgument("actor is " + Quote(actor) + ": holds a control character");
    }
  }
  std::shared_ptr<Db::Slot> slot;
  KEFU_RETURN_IF_ERROR(db.Connect(&slot));
  out->reset(new Session(db, std::string(actor), std::move(slot)));
  return Status::Ok();
}

Status Session::Write(const std::function<Status(store::Connection&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  after_commit_.clear();
  transaction_state_.clear();
  std::unique_ptr<store::Transaction> txn;
  KEFU_RETURN_IF_ERROR(store::Transaction::Begin(*slot_->connection, &txn));
  Status s = body(*slot_->connection);
  if (s.ok()) s = txn->Commit();
  std::vector<std::function<void()>> actions;
  actions.swap(after_commit_);
  transaction_state_.clear();
  if (!s.ok()) return s;
  for (const auto& action : actions) action();
  return Status::Ok();
}

Status Session::Use(const std::function<Status(store::Connection&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  return body(*slot_->connection);
}

Status Session::Read(const std::function<Status(store::Connection&)>& body) {
  std::lock_guard<std::mutex> lock(slot_->mutex);
  store::Connection& c = *slot_->connection;
  // Prepared (and cached) rather than Exec'd: Exec parses its SQL on every call.
  store::Statement begin, commit;
  KEFU_RETURN_IF_ERROR(c.Prepare("BEGIN", &begin));
  KEFU_RETURN_IF_ERROR(begin.Run());
  Status s = body(c);
  if (c.Prepare("COMMIT", &commit).ok()) (void)commit.Run();
  return s;
}

}  // namespace kefu
