// kefu.v1.TimelineService: every interaction with a patient, and staff notes, in one timeline.

#include "archive/checks.hpp"
#include "followup/patient_changes.hpp"
#include "archive/lists.hpp"
#include "archive/schema.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

using audit::AppendAudit;
using audit::AuditRecord;

// Whether a contact reached the patient: they (or their family) got in touch with the hospital,
// or the hospital's call or visit got through (outcome "reached", as RecordAttempt writes it).
bool Reached(const v1::ContactEvent& contact) {
  if (contact.direction() == v1::DIRECTION_INBOUND) return true;
  std::string outcome = contact.outcome();
  for (char& ch : outcome) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return outcome == "reached" || outcome == "接通" || outcome == "已联系";
}

Status RecordContact(Session& session, const v1::RecordContactRequest& request,
                     v1::ContactEvent* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_contact(), "contact"));
  v1::ContactEvent contact = request.contact();
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(contact.id(), "contact.id"));
  KEFU_RETURN_IF_ERROR(archive::NormalizeContact(&contact, "contact."));
  return session.Write([&](store::Connection& c) {
    v1::Patient patient;
    KEFU_RETURN_IF_ERROR(archive::LoadLivePatient(c, contact.patient_id(), contact.patient_mrn(),
                                                  "contact.patient_id", &patient));
    const std::int64_t id = patient.id();
    if (contact.encounter_id() != 0) {
      KEFU_RETURN_IF_ERROR(archive::CheckBelongs(c, archive::kEncounters, contact.encounter_id(),
                                                 id, "contact.encounter_id"));
    }
    contact.set_patient_id(id);
    contact.set_patient_mrn(patient.mrn());
    if (contact.at_ms() == 0) contact.set_at_ms(session.db().NowMs());
    // Contacts are recorded when they have happened (a desk's clock may run a little ahead).
    if (contact.at_ms() > session.db().NowMs() + 5 * 60000) {
      return Status::InvalidArgument("contact.at_ms is " + std::to_string(contact.at_ms()) +
                                     ": in the future (the archive's clock says " +
                                     std::to_string(session.db().NowMs()) +
                                     "); record contacts that happened");
    }
    if (contact.staff().empty()) contact.set_staff(session.actor());
    KEFU_RETURN_IF_ERROR(archive::InsertContact(c, &contact));
    KEFU_RETURN_IF_ERROR(AppendAudit(
        session, c, AuditRecord{"contact.create", "contact", contact.id(), id, nullptr, &contact}));
    if (patient.status() == v1::PATIENT_STATUS_UNREACHABLE && Reached(contact)) {
      archive::PatientChange change;
      change.patient_id = id;
      change.reached = true;
      change.source =
          "RecordContact by " + session.actor() + ", contact " + std::to_string(contact.id());
      KEFU_RETURN_IF_ERROR(followup::FollowPatientChange(session, c, change));
    }
    *response = contact;
    return Status::Ok();
  });
}

Status AddNote(Session& session, const v1::AddNoteRequest& request, v1::Note* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_note(), "note"));
  v1::Note note = request.note();
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(note.id(), "note.id"));
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(note.at_ms(), "note.at_ms"));
  if (!note.author().empty()) {
    return Status::InvalidArgument("note.author is " + Quote(note.author()) +
                                   ": set by kefu to the session's actor");
  }
  KEFU_RETURN_IF_ERROR(
      archive::CheckText(note.text(), "note.text", 10000, true, archive::TextKind::kFreeText));
  return session.Write([&](store::Connection& c) {
    v1::Patient patient;
    KEFU_RETURN_IF_ERROR(archive::LoadLivePatient(c, note.patient_id(), note.patient_mrn(),
                                                  "note.patient_id", &patient));
    const std::int64_t id = patient.id();
    if (note.contact_id() != 0) {
      KEFU_RETURN_IF_ERROR(
          archive::CheckBelongs(c, archive::kContacts, note.contact_id(), id, "note.contact_id"));
    }
    note.set_patient_id(id);
    note.set_patient_mrn(patient.mrn());
    note.set_author(session.actor());
    note.set_at_ms(session.db().NowMs());
    KEFU_RETURN_IF_ERROR(archive::InsertNote(c, &note));
    KEFU_RETURN_IF_ERROR(
        AppendAudit(session, c, AuditRecord{"note.create", "note", note.id(), id, nullptr, &note}));
    *response = note;
    return Status::Ok();
  });
}

Status ListTimeline(Session& session, const v1::ListTimelineRequest& request,
                    v1::ListTimelineResponse* response) {
  if (request.limit() < 0) {
    return Status::InvalidArgument("limit is " + std::to_string(request.limit()) +
                                   ": must be 0 (all) or more");
  }
  return session.Read([&](store::Connection& c) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(
        archive::ResolvePatient(c, request.patient_id(), request.patient_mrn(), "patient_id", &id));
    std::vector<v1::TimelineEntry> entries;
    KEFU_RETURN_IF_ERROR(archive::Timeline(c, id, session.db().utc_offset_minutes(), &entries));
    const std::size_t limit =
        request.limit() == 0 ? entries.size() : static_cast<std::size_t>(request.limit());
    for (std::size_t i = 0; i < entries.size() && i < limit; ++i) {
      *response->add_entries() = std::move(entries[i]);
    }
    return Status::Ok();
  });
}

}  // namespace

void RegisterTimelineService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.TimelineService/RecordContact", &RecordContact);
  dispatcher.Add("kefu.v1.TimelineService/AddNote", &AddNote);
  dispatcher.Add("kefu.v1.TimelineService/ListTimeline", &ListTimeline);
}

}  // namespace kefu::rpc
