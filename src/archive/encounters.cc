#include "archive/encounters.hpp"

#include "archive/checks.hpp"

namespace kefu::archive {

Status AttachPatient(store::Connection& c, v1::Encounter* e, const std::string& prefix) {
  v1::Patient patient;
  KEFU_RETURN_IF_ERROR(
      LoadLivePatient(c, e->patient_id(), e->patient_mrn(), prefix + "patient_id", &patient));
  if (!e->patient_mrn().empty() && e->patient_mrn() != patient.mrn()) {
    return Status::InvalidArgument(prefix + "patient_mrn is " + Quote(e->patient_mrn()) +
                                   " but patient_id " + std::to_string(patient.id()) + " has MRN " +
                                   Quote(patient.mrn()));
  }
  e->set_patient_id(patient.id());
  e->set_patient_mrn(patient.mrn());
  return Status::Ok();
}

Status AddEncounter(Session& session, store::Connection& c, v1::Encounter* e,
                    const Followers& followers) {
  if (e->kind() == v1::ENCOUNTER_KIND_OUTPATIENT) {
    e->set_state(v1::ENCOUNTER_STATE_VISITED);
  } else {
    e->set_kind(v1::ENCOUNTER_KIND_INPATIENT);
    e->set_state(IsUnset(e->discharge_date()) ? v1::ENCOUNTER_STATE_ADMITTED
                                              : v1::ENCOUNTER_STATE_DISCHARGED);
  }
  if (!e->his_visit_id().empty()) {
    v1::Encounter existing;
    bool found = false;
    KEFU_RETURN_IF_ERROR(FindEncounterByVisit(c, e->his_visit_id(), &existing, &found));
    if (found) {
      return Status(Code::kAlreadyExists, "his_visit_id is " + Quote(e->his_visit_id()) +
                                              ": already encounter id " +
                                              std::to_string(existing.id()));
    }
  }
  KEFU_RETURN_IF_ERROR(InsertEncounter(c, e));
  const char* action = e->state() == v1::ENCOUNTER_STATE_DISCHARGED ? "encounter.discharge"
                       : e->state() == v1::ENCOUNTER_STATE_ADMITTED ? "encounter.admit"
                                                                    : "encounter.visit";
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c, audit::AuditRecord{action, "encounter", e->id(), e->patient_id(), nullptr, e}));
  if (e->state() == v1::ENCOUNTER_STATE_DISCHARGED) {
    return followers.Encounter(session, c, EncounterEvent::kDischarged, *e);
  }
  if (e->state() == v1::ENCOUNTER_STATE_VISITED) {
    return followers.Encounter(session, c, EncounterEvent::kVisited, *e);
  }
  return Status::Ok();
}

Status CompleteDischarge(Session& session, store::Connection& c, const v1::Encounter& before,
                         v1::Encounter* e, const Followers& followers) {
  e->set_state(v1::ENCOUNTER_STATE_DISCHARGED);
  KEFU_RETURN_IF_ERROR(StoreEncounter(c, *e));
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c,
                         audit::AuditRecord{"encounter.discharge", "encounter", e->id(),
                                            e->patient_id(), &before, e}));
  return followers.Encounter(session, c, EncounterEvent::kDischarged, *e);
}

Status CancelEncounter(Session& session, store::Connection& c, v1::Encounter e,
                       const std::string& reason, const Followers& followers, v1::Encounter* out) {
  if (e.state() == v1::ENCOUNTER_STATE_CANCELLED) {
    *out = e;
    return Status::Ok();
  }
  const v1::Encounter before = e;
  e.set_state(v1::ENCOUNTER_STATE_CANCELLED);
  e.set_cancel_reason(reason);
  KEFU_RETURN_IF_ERROR(StoreEncounter(c, e));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"encounter.cancel", "encounter", e.id(), e.patient_id(), &before, &e}));
  KEFU_RETURN_IF_ERROR(followers.Encounter(session, c, EncounterEvent::kCancelled, e));
  *out = e;
  return Status::Ok();
}

}  // namespace kefu::archive
