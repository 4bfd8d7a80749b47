#include "followup/due_index.hpp"

#include "followup/plan_store.hpp"

namespace kefu::followup {

DueIndex& DueIndex::Of(Db& db) {
  return db.Extension<DueIndex>([] { return new DueIndex(); });
}

void DueIndex::Remove(std::int64_t task_id) {
  const auto it = where_.find(task_id);
  if (it == where_.end()) return;
  const auto bucket = buckets_.find(it->second.day);
  std::vector<std::int64_t>& ids = bucket->second;
  // Swap the last id into the hole and tell it where it now is.
  const std::int64_t last = ids.back();
  ids[it->second.position] = last;
  where_[last].position = it->second.position;
  ids.pop_back();
  if (ids.empty()) buckets_.erase(bucket);
  where_.erase(task_id);
}

void DueIndex::Place(std::int64_t task_id, Day day) {
  Remove(task_id);
  if (day == kNotDue) return;
  std::vector<std::int64_t>& ids = buckets_[day];
  ids.push_back(task_id);
  where_[task_id] = Where{day, static_cast<std::uint32_t>(ids.size() - 1)};
}

Status DueIndex::Rebuild(store::Connection& c, std::int64_t generation) {
  where_.clear();
  buckets_.clear();
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, next_day FROM tasks WHERE state = ?", &s));
  s.Bind(1, std::int64_t{v1::TASK_STATE_PENDING});
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    Place(s.Int(0), static_cast<Day>(s.Int(1)));
  }
  generation_ = generation;
  return Status::Ok();
}

Status DueIndex::Load(store::Connection& c) {
  std::int64_t stored = 0;
  KEFU_RETURN_IF_ERROR(ReadGeneration(c, &stored));
  std::lock_guard<std::mutex> lock(mutex_);
  return Rebuild(c, stored);
}

Status DueIndex::Due(store::Connection& c, Day day, std::vector<std::int64_t>* out) {
  std::int64_t stored = 0;
  KEFU_RETURN_IF_ERROR(ReadGeneration(c, &stored));
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation_ != stored) KEFU_RETURN_IF_ERROR(Rebuild(c, stored));
  for (auto bucket = buckets_.begin(); bucket != buckets_.end() && bucket->first <= day; ++bucket) {
    out->insert(out->end(), bucket->second.begin(), bucket->second.end());
  }
  return Status::Ok();
}

void DueIndex::Apply(const std::vector<Move>& moves, std::int64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation_ < 0 || generation != generation_ + 1) {
    generation_ = -1;  // something happened in between: rebuild on the next read
    return;
  }
  for (const Move& move : moves) Place(move.task_id, move.next_day);
  generation_ = generation;
}

std::size_t DueIndex::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return where_.size();
}

namespace {

// The due-index changes of one write transaction: the store's follow-up generation is bumped
// once per transaction (not per task), and the index takes every move at once after the commit.
struct PendingMoves {
  std::int64_t generation = 0;
  std::vector<DueIndex::Move> moves;
};

}  // namespace

Status SaveTask(Session& session, store::Connection& c, v1::Task* task) {
  KEFU_RETURN_IF_ERROR(task->id() == 0 ? InsertTask(c, task) : StoreTask(c, *task));
  const std::shared_ptr<PendingMoves> pending = session.TransactionState<PendingMoves>();
  if (pending->generation == 0) {
    KEFU_RETURN_IF_ERROR(BumpGeneration(c, &pending->generation));
    DueIndex& index = DueIndex::Of(session.db());
    session.AfterCommit([&index, pending] { index.Apply(pending->moves, pending->generation); });
  }
  pending->moves.push_back(DueIndex::Move{task->id(), NextDayOf(*task)});
  return Status::Ok();
}

}  // namespace kefu::followup
