#include "archive/patients.hpp"

#include "archive/checks.hpp"
#include "archive/normalize.hpp"
#include "archive/patient_store.hpp"
#include "audit/audit.hpp"

namespace kefu::archive {

Status CreatePatient(Session& session, store::Connection& c, v1::Patient patient,
                     v1::Patient* out) {
  patient.set_created_at_ms(session.db().NowMs());
  patient.set_updated_at_ms(patient.created_at_ms());
  KEFU_RETURN_IF_ERROR(InsertPatient(c, &patient));
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c,
                         audit::AuditRecord{"patient.create", "patient", patient.id(), patient.id(),
                                            nullptr, &patient}));
  *out = patient;
  return Status::Ok();
}

Status UpdatePatient(Session& session, store::Connection& c, const PatientUpdate& update,
                     const Followers& followers, v1::Patient* out) {
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(ResolvePatient(c, update.id, update.mrn, "key", &id));
  v1::Patient before;
  KEFU_RETURN_IF_ERROR(LoadPatient(c, id, &before));
  KEFU_RETURN_IF_ERROR(CheckNotMerged(before));
  v1::Patient after = before;
  v1::Patient incoming = *update.incoming;
  after.GetReflection()->SwapFields(&after, &incoming, update.fields);
  KEFU_RETURN_IF_ERROR(NormalizePatient(&after, session.db().Today(), "patient."));
  if (after.mrn() != before.mrn()) {
    std::int64_t other = 0;
    if (ResolvePatient(c, 0, after.mrn(), "patient.mrn", &other).ok()) {
      return Status(Code::kAlreadyExists, "patient.mrn is " + Quote(after.mrn()) +
                                              ": already the MRN of patient id " +
                                              std::to_string(other));
    }
  }
  after.set_updated_at_ms(session.db().NowMs());
  KEFU_RETURN_IF_ERROR(StorePatient(c, after));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c, audit::AuditRecord{"patient.update", "patient", id, id, &before, &after}));
  PatientChange change;
  change.patient_id = id;
  change.source = "UpdatePatient by " + session.actor();
  change.phones_changed = !SamePhones(before, after);
  KEFU_RETURN_IF_ERROR(followers.Patient(session, c, change));
  *out = after;
  return Status::Ok();
}

}  // namespace kefu::archive
