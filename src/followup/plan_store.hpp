// Plans and tasks in the store, and the generation counter that tells an in-memory due index
// whether it still reflects the store (another process may have written).
#ifndef KEFU_SRC_FOLLOWUP_PLAN_STORE_HPP
#define KEFU_SRC_FOLLOWUP_PLAN_STORE_HPP

#include <cstdint>
#include <vector>

#include "kefu/date.hpp"
#include "messages/convert.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

Status InsertPlan(store::Connection& c, v1::Plan* plan);
Status StorePlan(store::Connection& c, const v1::Plan& plan);
Status LoadPlan(store::Connection& c, std::int64_t id, v1::Plan* out);
// Plans of a patient in a state (0: any), newest first.
Status PlansOf(store::Connection& c, std::int64_t patient_id, int state,
               std::vector<v1::Plan>* out);
Status PlansOfEncounter(store::Connection& c, std::int64_t encounter_id,
                        std::vector<v1::Plan>* out);

Status InsertTask(store::Connection& c, v1::Task* task);
Status StoreTask(store::Connection& c, const v1::Task& task);
Status LoadTask(store::Connection& c, std::int64_t id, v1::Task* out);
// The live task (pending or waiting for a correction) of a plan; *found false when none.
Status LiveTaskOf(store::Connection& c, std::int64_t plan_id, v1::Task* out, bool* found);
Status TasksOfPatient(store::Connection& c, std::int64_t patient_id, std::vector<v1::Task>* out);
// Every open or paused plan, by id.
Status LivePlans(store::Connection& c, std::vector<v1::Plan>* out);

// Paused plans with an id above `after_id`, by id, at most `limit`.
Status PausedPlans(store::Connection& c, std::int64_t after_id, int limit,
                   std::vector<v1::Plan>* out);

// The contacts missed in a row at the head of a plan's tasks (newest first): a contact is its
// cadence step, so a missed call and its missed fallback letter are one.
int MissedInARow(const std::vector<v1::Task>& tasks);

// A plan's tasks, newest first.
Status TasksOfPlan(store::Connection& c, std::int64_t plan_id, std::vector<v1::Task>* out);

// Moves every plan, task, escalation and appointment of patient `from` to patient `to` (a merge),
// each with its audit entry.
Status MoveToPatient(Session& session, store::Connection& c, std::int64_t from,
                     const v1::Patient& to, int* plans_moved, int* tasks_moved);

// The day a pending task is next to be called (its next attempt), or kNotDue for any other.
inline constexpr Day kNotDue = INT32_MIN;
Day NextDayOf(const v1::Task& task);

// Bumps the store's follow-up generation (inside the write) and returns the new value.
Status BumpGeneration(store::Connection& c, std::int64_t* generation);
Status ReadGeneration(store::Connection& c, std::int64_t* generation);

using messages::DateOf;
using messages::DayOf;

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_PLAN_STORE_HPP
