#include "followup/plan_store.hpp"

#include "archive/move.hpp"
#include "followup/schema.hpp"

namespace kefu::followup {
namespace {}  // namespace

Day NextDayOf(const v1::Task& task) {
  return task.state() == v1::TASK_STATE_PENDING ? DayOf(task.next_attempt()) : kNotDue;
}

Status InsertPlan(store::Connection& c, v1::Plan* plan) {
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("plans", &id));
  plan->set_id(id);
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO plans (id, patient_id, encounter_id, state, record) VALUES (?, ?, ?, ?, ?)",
      &s));
  s.Bind(1, id).Bind(2, plan->patient_id());
  s.BindOptionalId(3, plan->encounter_id());
  return s.Bind(4, std::int64_t{plan->state()}).BindBlob(5, plan->SerializeAsString()).Run();
}

Status StorePlan(store::Connection& c, const v1::Plan& plan) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("UPDATE plans SET state = ?, record = ? WHERE id = ?", &s));
  return s.Bind(1, std::int64_t{plan.state()})
      .BindBlob(2, plan.SerializeAsString())
      .Bind(3, plan.id())
      .Run();
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
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("tasks", &id));
  task->set_id(id);
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO tasks (id, plan_id, patient_id, state, next_day, due_day, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                &s));
  s.Bind(1, id).Bind(2, task->plan_id()).Bind(3, task->patient_id());
  s.Bind(4, std::int64_t{task->state()}).Bind(5, std::int64_t{NextDayOf(*task)});
  return s.Bind(6, std::int64_t{DayOf(task->due())}).BindBlob(7, task->SerializeAsString()).Run();
}

Status StoreTask(store::Connection& c, const v1::Task& task) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "UPDATE tasks SET state = ?, next_day = ?, due_day = ?, record = ? WHERE id = ?", &s));
  return s.Bind(1, std::int64_t{task.state()})
      .Bind(2, std::int64_t{NextDayOf(task)})
      .Bind(3, std::int64_t{DayOf(task.due())})
      .BindBlob(4, task.SerializeAsString())
      .Bind(5, task.id())
      .Run();
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
      archive::MovePatientRecords<v1::Plan>(session, c, "plans", "plan", from, to, plans_moved));
  KEFU_RETURN_IF_ERROR(
      archive::MovePatientRecords<v1::Task>(session, c, "tasks", "task", from, to, tasks_moved));
  KEFU_RETURN_IF_ERROR(archive::MovePatientRecords<v1::Escalation>(
      session, c, "escalations", "escalation", from, to, &escalations));
  return archive::MovePatientRecords<v1::Appointment>(session, c, "appointments", "appointment",
                                                      from, to, &appointments);
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
