// Recording encounters: the steps Admit, Discharge, RecordVisit and Import share — resolve the
// patient, set the state, store, audit, and tell the followers; and cancelling.
#ifndef KEFU_SRC_ARCHIVE_ENCOUNTERS_HPP
#define KEFU_SRC_ARCHIVE_ENCOUNTERS_HPP

#include <string>

#include "archive/followers.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::archive {

// Points the encounter at its patient (patient_id or patient_mrn; both filled on success).
// FailedPrecondition when the patient was merged away.
Status AttachPatient(store::Connection& c, v1::Encounter* e, const std::string& prefix);

// Stores a new, already normalized encounter, its state following from kind and discharge_date
// (inpatient with a discharge date: DISCHARGED; inpatient without: ADMITTED; outpatient:
// VISITED), audits it and tells the followers of a discharge or visit.
Status AddEncounter(Session& session, store::Connection& c, v1::Encounter* e,
                    const Followers& followers);

// Marks a stored, admitted stay discharged (the fields given are already set on `e`), audits it
// against `before` and tells the followers.
Status CompleteDischarge(Session& session, store::Connection& c, const v1::Encounter& before,
                         v1::Encounter* e, const Followers& followers);

// Cancels a stored encounter (a stay or visit entered in error, or called off by the HIS) with
// its reason (checked by the caller), audits it and tells the followers; a cancelled one is
// returned as it is (a HIS may deliver a cancellation twice).
Status CancelEncounter(Session& session, store::Connection& c, v1::Encounter e,
                       const std::string& reason, const Followers& followers, v1::Encounter* out);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_ENCOUNTERS_HPP
