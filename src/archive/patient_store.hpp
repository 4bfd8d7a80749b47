// Reading and writing the archive's records (patients and their phone index, stays, contacts,
// notes), each stored as its kefu.v1 message beside its searched columns (see schema.cc).
// Callers hold the transaction.
#ifndef KEFU_SRC_ARCHIVE_PATIENT_STORE_HPP
#define KEFU_SRC_ARCHIVE_PATIENT_STORE_HPP

#include <cstdint>
#include <string>

#include "messages/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::archive {

// The patient named by id (if non-zero) or MRN; NotFound naming the key, InvalidArgument naming
// `field` when neither is given.
Status ResolvePatient(store::Connection& c, std::int64_t id, const std::string& mrn,
                      const std::string& field, std::int64_t* out);
Status LoadPatient(store::Connection& c, std::int64_t id, v1::Patient* out);
// Indexes the patient's numbers (its own and its family's) in patient_phones; `replace`: in place
// of those indexed before.
Status IndexPhones(store::Connection& c, const v1::Patient& patient, bool replace);
// Inserts a new patient (AlreadyExists for a taken MRN) and sets its id.
Status InsertPatient(store::Connection& c, v1::Patient* patient);
// Rewrites a stored patient (its columns, record and phone index).
Status StorePatient(store::Connection& c, const v1::Patient& patient);

Status LoadEncounter(store::Connection& c, std::int64_t id, v1::Encounter* out);
// The encounter with this HIS visit id; *found is false when there is none.
Status FindEncounterByVisit(store::Connection& c, const std::string& his_visit_id,
                            v1::Encounter* out, bool* found);
Status InsertEncounter(store::Connection& c, v1::Encounter* encounter);
Status StoreEncounter(store::Connection& c, const v1::Encounter& encounter);

Status InsertContact(store::Connection& c, v1::ContactEvent* contact);
Status InsertNote(store::Connection& c, v1::Note* note);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_PATIENT_STORE_HPP
