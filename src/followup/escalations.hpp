// Questions for experts raised in calls, and return visits booked in them.
#ifndef KEFU_SRC_FOLLOWUP_ESCALATIONS_HPP
#define KEFU_SRC_FOLLOWUP_ESCALATIONS_HPP

#include <vector>

#include <string>

#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

Status InsertEscalation(store::Connection& c, v1::Escalation* escalation);
Status StoreEscalation(store::Connection& c, const v1::Escalation& escalation);
Status LoadEscalation(store::Connection& c, std::int64_t id, v1::Escalation* out);
// The expert's answer (checked by the caller) to an open escalation, by the session's actor now,
// audited; FailedPrecondition when it was answered already.
Status AnswerEscalation(Session& session, store::Connection& c, std::int64_t id,
                        const std::string& answer, v1::Escalation* out);
// Open escalations (and answered ones too with `answered`), of one patient or (0) of all, with
// `overdue` set as of `now_ms`; open and overdue first, then by promised time.
Status ListEscalations(store::Connection& c, std::int64_t patient_id, bool answered,
                       std::int64_t now_ms, std::vector<v1::Escalation>* out);

Status InsertAppointment(store::Connection& c, v1::Appointment* appointment);
// A patient's appointments, by day.
Status AppointmentsOf(store::Connection& c, std::int64_t patient_id,
                      std::vector<v1::Appointment>* out);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_ESCALATIONS_HPP
