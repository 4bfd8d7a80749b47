// kefu.v1.TimelineService: every interaction with a patient, and staff notes, in one timeline.

#include "archive/checks.hpp"
#include "archive/timeline.hpp"
#include "followup/planner.hpp"
#include "archive/lists.hpp"
#include "archive/schema.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status RecordContact(Session& session, const v1::RecordContactRequest& request,
                     v1::ContactEvent* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_contact(), "contact"));
  v1::ContactEvent contact = request.contact();
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(contact.id(), "contact.id"));
  KEFU_RETURN_IF_ERROR(archive::NormalizeContact(&contact, "contact."));
  return session.Write([&](Txn& t) {
    return archive::RecordContact(session, t, contact, followup::Followers(), response);
  });
}

Status AddNote(Session& session, const v1::AddNoteRequest& request, v1::Note* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_note(), "note"));
  const v1::Note& note = request.note();
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(note.id(), "note.id"));
  KEFU_RETURN_IF_ERROR(archive::CheckUnset(note.at_ms(), "note.at_ms"));
  if (!note.author().empty()) {
    return Status::InvalidArgument("note.author is " + Quote(note.author()) +
                                   ": set by kefu to the session's actor");
  }
  KEFU_RETURN_IF_ERROR(
      archive::CheckText(note.text(), "note.text", 10000, true, archive::TextKind::kFreeText));
  return session.Write([&](Txn& t) { return archive::AddNote(session, t, note, response); });
}

Status ListTimeline(Session& session, const v1::ListTimelineRequest& request,
                    v1::ListTimelineResponse* response) {
  if (request.limit() < 0) {
    return Status::InvalidArgument("limit is " + std::to_string(request.limit()) +
                                   ": must be 0 (all) or more");
  }
  return session.Read([&](Txn& t) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(
        archive::ResolvePatient(t, request.patient_id(), request.patient_mrn(), "patient_id", &id));
    std::vector<v1::TimelineEntry> entries;
    KEFU_RETURN_IF_ERROR(archive::Timeline(t, id, session.db().utc_offset_minutes(), &entries));
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
  dispatcher.Add("kefu.v1.TimelineService/RecordContact", access::Permission::kPatientWrite,
                 &RecordContact);
  dispatcher.Add("kefu.v1.TimelineService/AddNote", access::Permission::kPatientWrite, &AddNote);
  dispatcher.Add("kefu.v1.TimelineService/ListTimeline", access::Permission::kPatientRead,
                 &ListTimeline);
}

}  // namespace kefu::rpc
