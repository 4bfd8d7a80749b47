// What the modules above the archive do, inside the same transaction, when the archive records a
// stay's discharge, visit or cancellation, or a change to a patient's record: follow-up opens,
// withdraws, closes, pauses, resumes or moves plans. The archive's operations that make such a
// change take the followers from their caller, which names them (the handlers in rpc/ pass
// followup::Followers()), so the flow from a discharge to its plan shows at every call. Whatever
// a follower writes lands with the change or not at all; its failure fails the change.
#ifndef KEFU_SRC_ARCHIVE_FOLLOWERS_HPP
#define KEFU_SRC_ARCHIVE_FOLLOWERS_HPP

#include <cstdint>
#include <string>

#include "messages/v1.hpp"
#include "session/session.hpp"

namespace kefu::archive {

// A change to a patient's record that follow-up must follow: a death, an opt-out, a cure, a
// corrected phone, a merge, a contact that reached the patient.
struct PatientChange {
  std::int64_t patient_id = 0;
  std::int64_t merged_id = 0;   // a merge: the record merged into patient_id
  std::string source;           // what made the change, for the reasons recorded: "UpdatePatient"
  bool phones_changed = false;  // the numbers to call changed
  bool reached = false;         // a contact reached the patient (they called in, or answered)
};

// What happened to a stay.
enum class EncounterEvent { kDischarged, kVisited, kCancelled };

// Each follower runs on the connection of the change's transaction, passed to it by name.
struct Followers {
  Status (*encounter)(Session&, store::Connection&, EncounterEvent, const v1::Encounter&) = nullptr;
  Status (*patient)(Session&, store::Connection&, const PatientChange&) = nullptr;

  Status Encounter(Session& session, store::Connection& c, EncounterEvent event,
                   const v1::Encounter& e) const {
    return encounter != nullptr ? encounter(session, c, event, e) : Status::Ok();
  }
  Status Patient(Session& session, store::Connection& c, const PatientChange& change) const {
    return patient != nullptr ? patient(session, c, change) : Status::Ok();
  }
};

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_FOLLOWERS_HPP
