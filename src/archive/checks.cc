#include "archive/checks.hpp"

namespace kefu::archive {

Status CheckNotMerged(const v1::Patient& patient) {
  if (patient.status() != v1::PATIENT_STATUS_MERGED) return Status::Ok();
  return Status(Code::kFailedPrecondition,
                "patient " + Quote(patient.mrn()) + " was merged into patient id " +
                    std::to_string(patient.merged_into_id()) + ": use the surviving record");
}

Status LoadLivePatient(store::Connection& c, std::int64_t id, const std::string& mrn,
                       const std::string& field, v1::Patient* out) {
  std::int64_t resolved = 0;
  KEFU_RETURN_IF_ERROR(ResolvePatient(c, id, mrn, field, &resolved));
  KEFU_RETURN_IF_ERROR(LoadPatient(c, resolved, out));
  return CheckNotMerged(*out);
}

Status CheckUnset(std::int64_t value, const std::string& field) {
  if (value == 0) return Status::Ok();
  return Status::InvalidArgument(field + " is " + std::to_string(value) +
                                 ": assigned by kefu, leave it unset");
}

Status CheckNewPatient(const v1::Patient& p, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckUnset(p.id(), prefix + "id"));
  KEFU_RETURN_IF_ERROR(CheckUnset(p.merged_into_id(), prefix + "merged_into_id"));
  KEFU_RETURN_IF_ERROR(CheckUnset(p.created_at_ms(), prefix + "created_at_ms"));
  return CheckUnset(p.updated_at_ms(), prefix + "updated_at_ms");
}

Status CheckNewEncounter(const v1::Encounter& e, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckUnset(e.id(), prefix + "id"));
  if (e.state() != v1::ENCOUNTER_STATE_UNSPECIFIED) {
    return Status::InvalidArgument(
        prefix + "state is " + std::to_string(e.state()) +
        ": set by kefu (Admit, Discharge, RecordVisit, CancelEncounter), "
        "leave it unset");
  }
  if (!e.cancel_reason().empty()) {
    return Status::InvalidArgument(prefix + "cancel_reason is " + Quote(e.cancel_reason()) +
                                   ": set by CancelEncounter, leave it unset");
  }
  if (!v1::EncounterKind_IsValid(e.kind())) {
    return Status::InvalidArgument(prefix + "kind is " + std::to_string(e.kind()) +
                                   ": unknown value");
  }
  return Status::Ok();
}

bool SamePhones(const v1::Patient& a, const v1::Patient& b) {
  if (a.phones_size() != b.phones_size() || a.family_size() != b.family_size()) return false;
  for (int i = 0; i < a.phones_size(); ++i) {
    if (a.phones(i).number() != b.phones(i).number() ||
        a.phones(i).wrong_number() != b.phones(i).wrong_number()) {
      return false;
    }
  }
  for (int i = 0; i < a.family_size(); ++i) {
    if (a.family(i).phone() != b.family(i).phone()) return false;
  }
  return true;
}

Status Require(bool present, const std::string& field) {
  if (present) return Status::Ok();
  return Status::InvalidArgument(field + " is unset");
}

}  // namespace kefu::archive
