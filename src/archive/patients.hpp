// A patient's record written whole: created, or some fields replaced, each with its audit entry.
// A change follow-up must follow (a death, an opt-out, new numbers) goes to the followers the
// caller names.
#ifndef KEFU_SRC_ARCHIVE_PATIENTS_HPP
#define KEFU_SRC_ARCHIVE_PATIENTS_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "archive/followers.hpp"
#include "messages/v1.hpp"
#include "session/session.hpp"
#include "store/sqlite.hpp"

namespace kefu::archive {

// Stores `patient` (checked and normalised by the caller) as a new record: AlreadyExists for a
// taken MRN.
Status CreatePatient(Session& session, store::Connection& c, v1::Patient patient, v1::Patient* out);

// The patient named by id or MRN, with `fields` (writable fields of kefu.v1.Patient) taken from
// `incoming`, normalised and stored; AlreadyExists when a changed MRN is another patient's.
struct PatientUpdate {
  std::int64_t id = 0;
  std::string mrn;
  const v1::Patient* incoming = nullptr;
  std::vector<const google::protobuf::FieldDescriptor*> fields;
};
Status UpdatePatient(Session& session, store::Connection& c, const PatientUpdate& update,
                     const Followers& followers, v1::Patient* out);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_PATIENTS_HPP
