// The timeline's writes: a contact with the patient (a call, a visit, a message either way) and a
// staff note, each stored with its audit entry. A contact that reached a patient recorded as
// unreachable is a change follow-up follows (its followers, named by the caller).
#ifndef KEFU_SRC_ARCHIVE_TIMELINE_HPP
#define KEFU_SRC_ARCHIVE_TIMELINE_HPP

#include "archive/followers.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::archive {

// Records `contact` (checked and normalised by the caller, its id unset) for the live patient it
// names: the time defaults to now and may not be in the future, the staff to the session's actor.
Status RecordContact(Session& session, store::Connection& c, v1::ContactEvent contact,
                     const Followers& followers, v1::ContactEvent* out);

// Adds `note` (its text checked by the caller) for the live patient it names, written by the
// session's actor now.
Status AddNote(Session& session, store::Connection& c, v1::Note note, v1::Note* out);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_TIMELINE_HPP
