// kefu.v1.EncounterService: admissions, discharges, outpatient visits and their cancellation,
// as the HIS reports them. Events are idempotent per HIS visit id: HIS systems retry.
#include "archive/encounters.hpp"
#include "archive/lists.hpp"
#include "archive/checks.hpp"
#include "followup/planner.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status Admit(Session& session, const v1::AdmitRequest& request, v1::Encounter* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_encounter(), "encounter"));
  v1::Encounter e = request.encounter();
  KEFU_RETURN_IF_ERROR(archive::CheckNewEncounter(e, "encounter."));
  if (e.kind() == v1::ENCOUNTER_KIND_OUTPATIENT) {
    return Status::InvalidArgument(
        "encounter.kind is ENCOUNTER_KIND_OUTPATIENT: outpatient visits go to RecordVisit");
  }
  if (!archive::IsUnset(e.discharge_date())) {
    return Status::InvalidArgument(
        "encounter.discharge_date is set: an admission has no discharge yet (use Discharge with "
        "the whole stay)");
  }
  KEFU_RETURN_IF_ERROR(archive::NormalizeEncounter(&e, session.db().Today(), "encounter."));
  return session.Write([&](Txn& t) {
    KEFU_RETURN_IF_ERROR(archive::AttachPatient(t, &e, "encounter."));
    if (!e.his_visit_id().empty()) {  // an admission delivered again answers with the stay
      bool found = false;
      KEFU_RETURN_IF_ERROR(archive::FindEncounterByVisit(t, e.his_visit_id(), response, &found));
      if (found && response->patient_id() == e.patient_id()) return Status::Ok();
    }
    KEFU_RETURN_IF_ERROR(archive::AddEncounter(session, t, &e, followup::Followers()));
    *response = e;
    return Status::Ok();
  });
}

// Finds the encounter a request names by id or by HIS visit id.
Status FindEncounter(Txn& t, std::int64_t id, const std::string& his_visit_id, v1::Encounter* out) {
  if (id != 0) return archive::LoadEncounter(t, id, out);
  if (his_visit_id.empty()) {
    return Status::InvalidArgument(
        "encounter_id and his_visit_id are unset: name the encounter by one of them");
  }
  bool found = false;
  KEFU_RETURN_IF_ERROR(archive::FindEncounterByVisit(t, his_visit_id, out, &found));
  if (!found) return Status::NotFound("his_visit_id " + Quote(his_visit_id) + " does not exist");
  return Status::Ok();
}

// A discharge delivered again: harmless if it says the same, refused if it contradicts.
Status Redelivered(const v1::Encounter& stored, const v1::Date& date,
                   v1::DischargeResponse* response) {
  if (stored.state() == v1::ENCOUNTER_STATE_CANCELLED) {
    return Status(Code::kFailedPrecondition,
                  "encounter id " + std::to_string(stored.id()) +
                      " was cancelled: " + Quote(stored.cancel_reason()));
  }
  const auto& d = stored.discharge_date();
  if (!archive::IsUnset(date) &&
      (d.year() != date.year() || d.month() != date.month() || d.day() != date.day())) {
    return Status(Code::kFailedPrecondition,
                  "encounter id " + std::to_string(stored.id()) + " was already discharged on " +
                      FormatDay(DaysFromCivil(d.year(), d.month(), d.day())) +
                      "; cancel that discharge first to record another day");
  }
  *response->mutable_encounter() = stored;
  response->set_already_recorded(true);
  return Status::Ok();
}

// A whole stay in one event, for HIS systems that send only discharges: the discharge of a stay
// admitted earlier under the same HIS visit id, or a new stay.
Status DischargeWholeStay(Session& session, const v1::DischargeRequest& request,
                          v1::DischargeResponse* response) {
  v1::Encounter e = request.encounter();
  KEFU_RETURN_IF_ERROR(archive::CheckNewEncounter(e, "encounter."));
  if (e.kind() == v1::ENCOUNTER_KIND_OUTPATIENT) {
    return Status::InvalidArgument(
        "encounter.kind is ENCOUNTER_KIND_OUTPATIENT: only inpatient stays are discharged");
  }
  if (archive::IsUnset(e.discharge_date())) *e.mutable_discharge_date() = request.discharge_date();
  if (archive::IsUnset(e.discharge_date())) {
    return Status::InvalidArgument("encounter.discharge_date is unset: give the discharge day");
  }
  e.set_kind(v1::ENCOUNTER_KIND_INPATIENT);
  KEFU_RETURN_IF_ERROR(archive::NormalizeEncounter(&e, session.db().Today(), "encounter."));
  return session.Write([&](Txn& t) {
    v1::Encounter stored;
    bool found = false;
    if (!e.his_visit_id().empty()) {
      KEFU_RETURN_IF_ERROR(archive::FindEncounterByVisit(t, e.his_visit_id(), &stored, &found));
    }
    if (found && stored.state() != v1::ENCOUNTER_STATE_ADMITTED) {
      return Redelivered(stored, e.discharge_date(), response);
    }
    KEFU_RETURN_IF_ERROR(archive::AttachPatient(t, &e, "encounter."));
    if (!found) {
      KEFU_RETURN_IF_ERROR(archive::AddEncounter(session, t, &e, followup::Followers()));
    } else {  // admitted earlier: this is its discharge
      if (e.patient_id() != stored.patient_id()) {
        return Status::InvalidArgument("encounter.patient_mrn is " + Quote(e.patient_mrn()) +
                                       " but the admitted stay " + Quote(e.his_visit_id()) +
                                       " belongs to " + Quote(stored.patient_mrn()));
      }
      e.set_id(stored.id());
      KEFU_RETURN_IF_ERROR(
          archive::CompleteDischarge(session, t, stored, &e, followup::Followers()));
    }
    *response->mutable_encounter() = e;
    return Status::Ok();
  });
}

// The discharge of a stay admitted earlier, named by id or HIS visit id.
Status DischargeAdmitted(Session& session, const v1::DischargeRequest& request,
                         v1::DischargeResponse* response) {
  return session.Write([&](Txn& t) {
    v1::Encounter e;
    KEFU_RETURN_IF_ERROR(FindEncounter(t, request.encounter_id(), request.his_visit_id(), &e));
    if (e.state() != v1::ENCOUNTER_STATE_ADMITTED) {
      if (e.kind() == v1::ENCOUNTER_KIND_OUTPATIENT) {
        return Status(Code::kFailedPrecondition,
                      "encounter id " + std::to_string(e.id()) +
                          " is an outpatient visit: nothing to discharge");
      }
      return Redelivered(e, request.discharge_date(), response);
    }
    const v1::Encounter before = e;
    *e.mutable_discharge_date() = request.discharge_date();
    if (!request.disposition().empty()) e.set_disposition(request.disposition());
    if (!request.diagnoses().empty()) *e.mutable_diagnoses() = request.diagnoses();
    if (!request.medications().empty()) *e.mutable_medications() = request.medications();
    if (request.spend_cents() != 0) e.set_spend_cents(request.spend_cents());
    if (archive::IsUnset(e.discharge_date())) {
      return Status::InvalidArgument("discharge_date is unset: give the discharge day");
    }
    KEFU_RETURN_IF_ERROR(archive::NormalizeEncounter(&e, session.db().Today(), ""));
    KEFU_RETURN_IF_ERROR(archive::CompleteDischarge(session, t, before, &e, followup::Followers()));
    *response->mutable_encounter() = e;
    return Status::Ok();
  });
}

Status Discharge(Session& session, const v1::DischargeRequest& request,
                 v1::DischargeResponse* response) {
  return request.has_encounter() ? DischargeWholeStay(session, request, response)
                                 : DischargeAdmitted(session, request, response);
}

Status RecordVisit(Session& session, const v1::RecordVisitRequest& request,
                   v1::RecordVisitResponse* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_encounter(), "encounter"));
  v1::Encounter e = request.encounter();
  KEFU_RETURN_IF_ERROR(archive::CheckNewEncounter(e, "encounter."));
  if (e.kind() == v1::ENCOUNTER_KIND_INPATIENT) {
    return Status::InvalidArgument(
        "encounter.kind is ENCOUNTER_KIND_INPATIENT: inpatient stays go to Admit and Discharge");
  }
  e.set_kind(v1::ENCOUNTER_KIND_OUTPATIENT);
  KEFU_RETURN_IF_ERROR(archive::NormalizeEncounter(&e, session.db().Today(), "encounter."));
  return session.Write([&](Txn& t) {
    if (!e.his_visit_id().empty()) {
      v1::Encounter stored;
      bool found = false;
      KEFU_RETURN_IF_ERROR(archive::FindEncounterByVisit(t, e.his_visit_id(), &stored, &found));
      if (found) {
        if (stored.state() == v1::ENCOUNTER_STATE_CANCELLED) {
          return Status(Code::kFailedPrecondition,
                        "his_visit_id " + Quote(e.his_visit_id()) + " was cancelled");
        }
        *response->mutable_encounter() = stored;
        response->set_already_recorded(true);
        return Status::Ok();
      }
    }
    KEFU_RETURN_IF_ERROR(archive::AttachPatient(t, &e, "encounter."));
    KEFU_RETURN_IF_ERROR(archive::AddEncounter(session, t, &e, followup::Followers()));
    *response->mutable_encounter() = e;
    return Status::Ok();
  });
}

Status CancelEncounter(Session& session, const v1::CancelEncounterRequest& request,
                       v1::Encounter* response) {
  KEFU_RETURN_IF_ERROR(archive::CheckText(request.reason(), "reason", 500, false));
  return session.Write([&](Txn& t) {
    v1::Encounter e;
    KEFU_RETURN_IF_ERROR(FindEncounter(t, request.encounter_id(), request.his_visit_id(), &e));
    return archive::CancelEncounter(session, t, e, request.reason(), followup::Followers(),
                                    response);
  });
}

Status GetEncounter(Session& session, const v1::GetEncounterRequest& request,
                    v1::Encounter* response) {
  return session.Read([&](Txn& t) {
    return FindEncounter(t, request.encounter_id(), request.his_visit_id(), response);
  });
}

Status ListEncounters(Session& session, const v1::ListEncountersRequest& request,
                      v1::ListEncountersResponse* response) {
  return session.Read([&](Txn& t) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(
        archive::ResolvePatient(t, request.patient_id(), request.patient_mrn(), "patient_id", &id));
    std::vector<v1::Encounter> encounters;
    KEFU_RETURN_IF_ERROR(archive::EncountersOf(t, id, &encounters));
    for (v1::Encounter& e : encounters) *response->add_encounters() = std::move(e);
    return Status::Ok();
  });
}

}  // namespace

void RegisterEncounterService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.EncounterService/Admit", access::Permission::kEncounterWrite, &Admit);
  dispatcher.Add("kefu.v1.EncounterService/Discharge", access::Permission::kEncounterWrite,
                 &Discharge);
  dispatcher.Add("kefu.v1.EncounterService/RecordVisit", access::Permission::kEncounterWrite,
                 &RecordVisit);
  dispatcher.Add("kefu.v1.EncounterService/CancelEncounter", access::Permission::kEncounterWrite,
                 &CancelEncounter);
  dispatcher.Add("kefu.v1.EncounterService/GetEncounter", access::Permission::kPatientRead,
                 &GetEncounter);
  dispatcher.Add("kefu.v1.EncounterService/ListEncounters", access::Permission::kPatientRead,
                 &ListEncounters);
}

}  // namespace kefu::rpc
