#include "followup/escalations.hpp"

#include <algorithm>
#include <array>

#include "audit/audit.hpp"
#include "followup/plan_store.hpp"
#include "followup/schema.hpp"

namespace kefu::followup {

namespace {

using store::Value;

std::array<Value, 2> EscalationColumns(const v1::Escalation& e) {
  return {Value::Int(e.patient_id()), Value::Int(e.state())};
}

std::array<Value, 2> AppointmentColumns(const v1::Appointment& a) {
  return {Value::Int(a.patient_id()), Value::Int(DayOf(a.date()))};
}

// What is stored of an escalation: all but `overdue`, which is computed when it is read.
v1::Escalation Stored(const v1::Escalation& e) {
  v1::Escalation stored = e;
  stored.clear_overdue();
  return stored;
}

}  // namespace

Status InsertEscalation(store::Connection& c, v1::Escalation* e) {
  v1::Escalation stored = Stored(*e);
  KEFU_RETURN_IF_ERROR(kEscalations.Insert(c, &stored, EscalationColumns(stored)));
  e->set_id(stored.id());
  return Status::Ok();
}

Status StoreEscalation(store::Connection& c, const v1::Escalation& e) {
  return kEscalations.Update(c, Stored(e), EscalationColumns(e));
}

Status LoadEscalation(store::Connection& c, std::int64_t id, v1::Escalation* out) {
  return kEscalations.Load(c, id, out);
}

Status ListEscalations(store::Connection& c, std::int64_t patient_id, bool answered,
                       std::int64_t now_ms, std::vector<v1::Escalation>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT id, record FROM escalations WHERE (?1 = 0 OR patient_id = ?1) AND (?2 OR state = ?3)",
      &s));
  s.Bind(1, patient_id)
      .Bind(2, std::int64_t{answered ? 1 : 0})
      .Bind(3, std::int64_t{v1::ESCALATION_STATE_OPEN});
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    v1::Escalation e;
    KEFU_RETURN_IF_ERROR(kEscalations.Decode(s, &e));
    e.set_overdue(e.state() == v1::ESCALATION_STATE_OPEN && e.promised_by_ms() < now_ms);
    out->push_back(std::move(e));
  }
  std::stable_sort(out->begin(), out->end(), [](const v1::Escalation& a, const v1::Escalation& b) {
    const bool open_a = a.state() == v1::ESCALATION_STATE_OPEN,
               open_b = b.state() == v1::ESCALATION_STATE_OPEN;
    if (open_a != open_b) return open_a;
    if (a.overdue() != b.overdue()) return a.overdue();
    return a.promised_by_ms() < b.promised_by_ms();
  });
  return Status::Ok();
}

Status InsertAppointment(store::Connection& c, v1::Appointment* a) {
  return kAppointments.Insert(c, a, AppointmentColumns(*a));
}

Status AnswerEscalation(Session& session, store::Connection& c, std::int64_t id,
                        const std::string& answer, v1::Escalation* out) {
  v1::Escalation e;
  KEFU_RETURN_IF_ERROR(LoadEscalation(c, id, &e));
  if (e.state() != v1::ESCALATION_STATE_OPEN) {
    return Status(Code::kFailedPrecondition, "escalation id " + std::to_string(e.id()) +
                                                 " was answered already by " + e.answered_by());
  }
  const v1::Escalation before = e;
  e.set_state(v1::ESCALATION_STATE_ANSWERED);
  e.set_answer(answer);
  e.set_answered_at_ms(session.db().NowMs());
  e.set_answered_by(session.actor());
  KEFU_RETURN_IF_ERROR(StoreEscalation(c, e));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"escalation.answer", "escalation", e.id(), e.patient_id(), &before, &e}));
  *out = e;
  return Status::Ok();
}

Status AppointmentsOf(store::Connection& c, std::int64_t patient_id,
                      std::vector<v1::Appointment>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM appointments WHERE patient_id = ? ORDER BY day, id", &s));
  s.Bind(1, patient_id);
  return kAppointments.ReadAll(s, out);
}

}  // namespace kefu::followup
