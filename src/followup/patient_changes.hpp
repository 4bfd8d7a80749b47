// Follow-up follows the patient. Whatever path changes a patient's record — UpdatePatient, an
// import, a discharge whose disposition records a death, a merge, a call's outcome — the plans
// follow, inside the same transaction (archive/followers.hpp):
//   - died, opted out, cured, merged away: every open or paused plan closes with the reason and
//     what recorded it (a merge first moves the plans to the survivor: see FollowMerge);
//   - unreachable: open plans pause until a corrected phone or a contact that reaches the patient
//     makes them reachable again (or someone sets the status back), when they resume;
//   - a corrected phone puts tasks that waited for one back on the worklist.
#ifndef KEFU_SRC_FOLLOWUP_PATIENT_CHANGES_HPP
#define KEFU_SRC_FOLLOWUP_PATIENT_CHANGES_HPP

#include <string>

#include "archive/followers.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

// What follows a change of a patient's record (Followers().patient).
Status FollowPatientChange(Session& session, store::Connection& c,
                           const archive::PatientChange& change);

// Closes every open or paused plan of the patient, cancelling their live tasks. *current, when
// given, is refreshed if it is one of them.
Status ClosePatientPlans(Session& session, store::Connection& c, std::int64_t patient_id,
                         v1::CloseReason reason, const std::string& why,
                         v1::Plan* current = nullptr);

// Stores a changed patient record with its audit entry (action "patient.update").
Status StoreChangedPatient(Session& session, store::Connection& c, const v1::Patient& before,
                           v1::Patient* after);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_PATIENT_CHANGES_HPP
