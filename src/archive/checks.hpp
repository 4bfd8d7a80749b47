// Checks the archive's operations share: merged records are read-only, fields kefu sets are unset,
// a record attaches to a live patient, two records have the same numbers to call.
#ifndef KEFU_SRC_ARCHIVE_CHECKS_HPP
#define KEFU_SRC_ARCHIVE_CHECKS_HPP

#include <string>

#include "audit/audit.hpp"
#include "archive/patient_store.hpp"
#include "archive/normalize.hpp"
#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::archive {

// FailedPrecondition when the patient was merged away: its record is read-only.
Status CheckNotMerged(const v1::Patient& patient);

// The patient named by id or MRN, which must not have been merged away: what every record that
// attaches to a patient (an encounter, a contact, a note) resolves first.
Status LoadLivePatient(store::Connection& c, std::int64_t id, const std::string& mrn,
                       const std::string& field, v1::Patient* out);

// InvalidArgument when a field kefu assigns was given by the caller.
Status CheckUnset(std::int64_t value, const std::string& field);

// The fields of a new patient that kefu sets (id, merged_into_id, created_at_ms, updated_at_ms)
// are unset: the one check of CreatePatient and Import.
Status CheckNewPatient(const v1::Patient& p, const std::string& prefix);

// The fields of a new encounter that kefu sets (id, state, cancel_reason) are unset, and its kind,
// if given, is a known value: the one check of Admit, Discharge, RecordVisit and Import.
// `prefix` names the encounter ("encounter.", "encounters[3].").
Status CheckNewEncounter(const v1::Encounter& e, const std::string& prefix);

// Whether two records of a patient have the same numbers to call: the patient's (with their
// wrong-number flags) and the family's. What tells follow-up that the phones were corrected.
bool SamePhones(const v1::Patient& a, const v1::Patient& b);

// A required message field: InvalidArgument "<field> is unset" when absent.
Status Require(bool present, const std::string& field);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_CHECKS_HPP
