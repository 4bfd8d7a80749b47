// The due index: for each pending task, the day it is next to be called, held in memory so that
// a worklist finds the tasks due on a day without scanning every plan. Built from the store on
// open, kept current by every write in this process (after it commits), and rebuilt when
// the store's follow-up generation shows that another process wrote. One per archive; thread-safe.
#ifndef KEFU_SRC_FOLLOWUP_DUE_INDEX_HPP
#define KEFU_SRC_FOLLOWUP_DUE_INDEX_HPP

#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "session/session.hpp"
#include "kefu/date.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

class DueIndex {
 public:
  static DueIndex& Of(Db& db);

  // Builds the index from the store now (kefu_open does, so that the first worklist is fast).
  Status Load(store::Connection& c);

  // Every pending task whose next day is on or before `day` (overdue ones included), by id.
  Status Due(store::Connection& c, Day day, std::vector<std::int64_t>* out);

  // A committed transaction's changes: each task's next day, or kNotDue when it is no longer
  // pending. `generation` is the one the transaction stored.
  struct Move {
    std::int64_t task_id;
    Day next_day;
  };
  void Apply(const std::vector<Move>& moves, std::int64_t generation);

  std::size_t size() const;

 private:
  Status Rebuild(store::Connection& c, std::int64_t generation);
  void Place(std::int64_t task_id, Day day);
  void Remove(std::int64_t task_id);

  // Where a task sits: its bucket (day) and its position in it, so that moving or removing it is
  // O(1) and a lookup reads whole buckets without checking each id.
  struct Where {
    Day day;
    std::uint32_t position;
  };

  mutable std::mutex mutex_;
  std::int64_t generation_ = -1;  // -1: not built, or known stale
  std::unordered_map<std::int64_t, Where> where_;
  std::map<Day, std::vector<std::int64_t>> buckets_;  // exact: every id in the bucket of its day
};

// Stores a task (inserting it when it has no id yet) and keeps the due index in step.
Status SaveTask(Session& session, store::Connection& c, v1::Task* task);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_DUE_INDEX_HPP
