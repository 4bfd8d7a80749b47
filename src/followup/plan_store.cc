#include "followup/plan_store.hpp"

#include <array>

#include "archive/move.hpp"
#include "followup/schema.hpp"

namespace kefu::followup {
namespace {

using store::Value;

// The values of the searched columns of plans and tasks (followup/schema.hpp names them).
std::array<Value, 3> PlanColumns(const v1::Plan& plan) {
  return {Value::Int(plan.patient_id()), Value::OptionalId(plan.encounter_id()),
          Value::Int(plan.state())};
}

std::array<Value, 5> TaskColumns(const v1::Task& task) {
  return {Value::Int(task.plan_id()), Value::Int(task.patient_id()), Value::Int(task.state()),
          Value::Int(NextDayOf(task)), Value::Int(DayOf(task.due()))};
}

}  // namespace

Day NextDayOf(const v1::Task& task) {
  return task.state() == v1::TASK_STATE_PENDING ? DayOf(task.next_attempt()) : kNotDue;
}

Status InsertPlan(store::Connection& c, v1::Plan* plan) {
  return kPlans.Insert(c, plan, PlanColumns(*plan));
}

Status StorePlan(store::Connection& c, const v1::Plan& plan) {
  return kPlans.Update(c, plan, PlanColumns(plan));
}

Status LoadPlan(store::Connection& c, std::int64_t id, v1::Plan* out) {
  return kPlans.Load(c, id, out);
}

Status PlansOf(store::Connection& c, std::int64_t patient_id, int state,
               std::vector<v1::Plan>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM plans WHERE patient_id = ?1 AND (?2 = 0 OR state = ?2) "
                "ORDER BY id DESC",
                &s));
  s.Bind(1, patient_id).Bind(2, std::int64_t{state});
  return kPlans.ReadAll(s, out);
}

Status PlansOfEncounter(store::Connection& c, std::int64_t encounter_id,
                        std::vector<v1::Plan>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM plans WHERE encounter_id = ? ORDER BY id", &s));
  s.Bind(1, encounter_id);
  return kPlans.ReadAll(s, out);
}

Status InsertTask(store::Connection& c, v1::Task* task) {
  return kTasks.Insert(c, task, TaskColumns(*task));
}

Status StoreTask(store::Connection& c, const v1::Task& task) {
  return kTasks.Update(c, task, TaskColumns(task));
}

Status LoadTask(store::Connection& c, std::int64_t id, v1::Task* out) {
  return kTasks.Load(c, id, out);
}

Status LiveTaskOf(store::Connection& c, std::int64_t plan_id, v1::Task* out, bool* found) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT id, record FROM tasks WHERE plan_id = ? AND state IN (?, ?) ORDER BY id DESC LIMIT 1",
      &s));
  s.Bind(1, plan_id)
      .Bind(2, std::int64_t{v1::TASK_STATE_PENDING})
      .Bind(3, std::int64_t{v1::TASK_STATE_WAITING_CORRECTION});
  KEFU_RETURN_IF_ERROR(s.Step(found));
  return *found ? kTasks.Decode(s, out) : Status::Ok();
}

Status TasksOfPatient(store::Connection& c, std::int64_t patient_id, std::vector<v1::Task>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM tasks WHERE patient_id = ? ORDER BY id DESC", &s));
  s.Bind(1, patient_id);
  return kTasks.ReadAll(s, out);
}

Status LivePlans(store::Connection& c, std::vector<v1::Plan>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM plans WHERE state IN (?, ?) ORDER BY id", &s));
  s.Bind(1, std::int64_t{v1::PLAN_STATE_OPEN}).Bind(2, std::int64_t{v1::PLAN_STATE_PAUSED});
  return kPlans.ReadAll(s, out);
}

Status PausedPlans(store::Connection& c, std::int64_t after_id, int limit,
                   std::vector<v1::Plan>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT id, record FROM plans WHERE state = ?1 AND id > ?2 ORDER BY id LIMIT ?3", &s));
  s.Bind(1, std::int64_t{v1::PLAN_STATE_PAUSED}).Bind(2, after_id).Bind(3, std::int64_t{limit});
  return kPlans.ReadAll(s, out);
}

int MissedInARow(const std::vector<v1::Task>& tasks) {
  int run = 0, seq = -1;
  for (const v1::Task& task : tasks) {
    if (task.state() == v1::TASK_STATE_CANCELLED) continue;  // the pause cancelled nothing missed
    if (task.state() != v1::TASK_STATE_MISSED) break;
    if (task.seq() != seq) {
      ++run;
      seq = task.seq();
    }
  }
  return run;
}

Status TasksOfPlan(store::Connection& c, std::int64_t plan_id, std::vector<v1::Task>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM tasks WHERE plan_id = ? ORDER BY id DESC", &s));
  s.Bind(1, plan_id);
  return kTasks.ReadAll(s, out);
}

Status MoveToPatient(Session& session, store::Connection& c, std::int64_t from,
                     const v1::Patient& to, int* plans_moved, int* tasks_moved) {
  int escalations = 0, appointments = 0;
  KEFU_RETURN_IF_ERROR(
      archive::MovePatientRecords<v1::Plan>(session, c, kPlans, from, to, plans_moved));
  KEFU_RETURN_IF_ERROR(
      archive::MovePatientRecords<v1::Task>(session, c, kTasks, from, to, tasks_moved));
  KEFU_RETURN_IF_ERROR(archive::MovePatientRecords<v1::Escalation>(session, c, kEscalations, from,
                                                                   to, &escalations));
  return archive::MovePatientRecords<v1::Appointment>(session, c, kAppointments, from, to,
                                                      &appointments);
}

Status BumpGeneration(store::Connection& c, std::int64_t* generation) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO meta (key, value) VALUES ('followup_generation', '1') "
      "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value",
      &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Step(&row));
  *generation = s.Int(0);
  return s.Run();
}

Status ReadGeneration(store::Connection& c, std::int64_t* generation) {
  return c.QueryInt(
      "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
      "WHERE key = 'followup_generation'), 0)",
      generation);
}

}  // namespace kefu::followup
