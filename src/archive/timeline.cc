#include "archive/timeline.hpp"

#include <cctype>
#include <string>

#include "archive/checks.hpp"
#include "archive/lists.hpp"
#include "archive/patient_store.hpp"
#include "archive/schema.hpp"
#include "audit/audit.hpp"

namespace kefu::archive {
namespace {

// A desk's clock may run a little ahead of the archive's.
constexpr std::int64_t kClockSlackMs = 5 * 60000;

// Whether a contact reached the patient: they (or their family) got in touch with the hospital,
// or the hospital's call or visit got through (outcome "reached", as RecordAttempt writes it).
bool Reached(const v1::ContactEvent& contact) {
  if (contact.direction() == v1::DIRECTION_INBOUND) return true;
  std::string outcome = contact.outcome();
  for (char& ch : outcome) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return outcome == "reached" || outcome == "接通" || outcome == "已联系";
}

}  // namespace

Status RecordContact(Session& session, store::Connection& c, v1::ContactEvent contact,
                     const Followers& followers, v1::ContactEvent* out) {
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(LoadLivePatient(c, contact.patient_id(), contact.patient_mrn(),
                                       "contact.patient_id", &patient));
  const std::int64_t id = patient.id();
  if (contact.encounter_id() != 0) {
    KEFU_RETURN_IF_ERROR(
        CheckBelongs(c, kEncounters, contact.encounter_id(), id, "contact.encounter_id"));
  }
  contact.set_patient_id(id);
  contact.set_patient_mrn(patient.mrn());
  const std::int64_t now = session.db().NowMs();
  if (contact.at_ms() == 0) contact.set_at_ms(now);
  // Contacts are recorded when they have happened.
  if (contact.at_ms() > now + kClockSlackMs) {
    return Status::InvalidArgument("contact.at_ms is " + std::to_string(contact.at_ms()) +
                                   ": in the future (the archive's clock says " +
                                   std::to_string(now) + "); record contacts that happened");
  }
  if (contact.staff().empty()) contact.set_staff(session.actor());
  KEFU_RETURN_IF_ERROR(InsertContact(c, &contact));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"contact.create", "contact", contact.id(), id, nullptr, &contact}));
  if (patient.status() == v1::PATIENT_STATUS_UNREACHABLE && Reached(contact)) {
    PatientChange change;
    change.patient_id = id;
    change.reached = true;
    change.source =
        "RecordContact by " + session.actor() + ", contact " + std::to_string(contact.id());
    KEFU_RETURN_IF_ERROR(followers.Patient(session, c, change));
  }
  *out = contact;
  return Status::Ok();
}

Status AddNote(Session& session, store::Connection& c, v1::Note note, v1::Note* out) {
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(
      LoadLivePatient(c, note.patient_id(), note.patient_mrn(), "note.patient_id", &patient));
  const std::int64_t id = patient.id();
  if (note.contact_id() != 0) {
    KEFU_RETURN_IF_ERROR(CheckBelongs(c, kContacts, note.contact_id(), id, "note.contact_id"));
  }
  note.set_patient_id(id);
  note.set_patient_mrn(patient.mrn());
  note.set_author(session.actor());
  note.set_at_ms(session.db().NowMs());
  KEFU_RETURN_IF_ERROR(InsertNote(c, &note));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c, audit::AuditRecord{"note.create", "note", note.id(), id, nullptr, &note}));
  *out = note;
  return Status::Ok();
}

}  // namespace kefu::archive
