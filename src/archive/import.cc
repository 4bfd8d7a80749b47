#include "archive/import.hpp"

#include <set>

#include "archive/encounters.hpp"
#include "archive/move.hpp"
#include "archive/checks.hpp"
#include "archive/reimport.hpp"
#include "archive/schema.hpp"

namespace kefu::archive {
namespace {

// The survivor gains the merged record's phones, family and tags (each once).
Status JoinContactDetails(const v1::Patient& merged, const std::string& merged_mrn,
                          const std::string& survivor_mrn, v1::Patient* survivor) {
  std::set<std::string> numbers;
  for (const auto& phone : survivor->phones()) numbers.insert(phone.number());
  for (const auto& phone : merged.phones()) {
    if (numbers.insert(phone.number()).second) *survivor->add_phones() = phone;
  }
  for (const auto& member : merged.family()) *survivor->add_family() = member;
  std::set<std::string> tags(survivor->tags().begin(), survivor->tags().end());
  for (const auto& tag : merged.tags()) {
    if (tags.insert(tag).second) survivor->add_tags(tag);
  }
  if (survivor->phones_size() > 20 || survivor->family_size() > 20 || survivor->tags_size() > 50) {
    return Status(Code::kFailedPrecondition,
                  "merging " + Quote(merged_mrn) + " into " + Quote(survivor_mrn) + " gives " +
                      std::to_string(survivor->phones_size()) + " phones, " +
                      std::to_string(survivor->family_size()) + " family members and " +
                      std::to_string(survivor->tags_size()) +
                      " tags (at most 20, 20 and 50): remove some first");
  }
  return Status::Ok();
}

// Whatever the person's records say about their death and their consent holds for the survivor.
void CarryOverDeathAndConsent(const v1::Patient& merged, v1::Patient* survivor) {
  if (merged.status() == v1::PATIENT_STATUS_DECEASED &&
      survivor->status() != v1::PATIENT_STATUS_DECEASED) {
    survivor->set_status(v1::PATIENT_STATUS_DECEASED);
    *survivor->mutable_death_date() = merged.death_date();
  }
  if (merged.follow_up_opt_out()) survivor->set_follow_up_opt_out(true);
  if (merged.status() == v1::PATIENT_STATUS_OPTED_OUT &&
      survivor->status() != v1::PATIENT_STATUS_DECEASED) {
    survivor->set_status(v1::PATIENT_STATUS_OPTED_OUT);
  }
}

// One patient of an import: new, or compared with the stored one (reimport.hpp).
Status ImportPatient(Session& session, store::Connection& c, std::int64_t now, v1::Patient* p,
                     bool status_given, const std::string& prefix, v1::ImportResponse* response,
                     const Followers& followers) {
  std::int64_t known = 0;
  if (ResolvePatient(c, 0, p->mrn(), prefix + "mrn", &known).ok()) {
    v1::Patient stored;
    KEFU_RETURN_IF_ERROR(LoadPatient(c, known, &stored));
    Reimported what = Reimported::kUnchanged;
    KEFU_RETURN_IF_ERROR(
        ReimportPatient(session, c, stored, *p, status_given, prefix, &what, followers));
    if (what == Reimported::kUnchanged) {
      response->set_patients_unchanged(response->patients_unchanged() + 1);
    } else {
      response->set_patients_updated(response->patients_updated() + 1);
    }
    return Status::Ok();
  }
  p->set_created_at_ms(now);
  p->set_updated_at_ms(now);
  Status s = InsertPatient(c, p);
  if (!s.ok()) return Status(s.code(), prefix + s.message());
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c, audit::AuditRecord{"patient.import", "patient", p->id(), p->id(), nullptr, p}));
  response->set_patients_created(response->patients_created() + 1);
  return Status::Ok();
}

// One encounter of an import: new, or compared with the stored one of its HIS visit.
Status ImportEncounter(Session& session, store::Connection& c, v1::Encounter* e,
                       const std::string& prefix, v1::ImportResponse* response,
                       const Followers& followers) {
  KEFU_RETURN_IF_ERROR(AttachPatient(c, e, prefix));
  v1::Encounter stored;
  bool found = false;
  if (!e->his_visit_id().empty()) {
    KEFU_RETURN_IF_ERROR(FindEncounterByVisit(c, e->his_visit_id(), &stored, &found));
  }
  if (found) {
    Reimported what = Reimported::kUnchanged;
    KEFU_RETURN_IF_ERROR(ReimportEncounter(session, c, stored, e, prefix, &what, followers));
    if (what == Reimported::kUnchanged) {
      response->set_encounters_unchanged(response->encounters_unchanged() + 1);
      return Status::Ok();
    }
    response->set_encounters_updated(response->encounters_updated() + 1);
    if (what == Reimported::kDischarged) response->set_discharges(response->discharges() + 1);
    return Status::Ok();
  }
  Status s = AddEncounter(session, c, e, followers);
  if (!s.ok()) return Status(s.code(), prefix + s.message());
  if (e->state() == v1::ENCOUNTER_STATE_DISCHARGED) {
    response->set_discharges(response->discharges() + 1);
  }
  response->set_encounters_created(response->encounters_created() + 1);
  return Status::Ok();
}

}  // namespace

Status Merge(Session& session, store::Connection& c, const std::string& survivor_mrn,
             const std::string& merged_mrn, v1::MergePatientsResponse* response,
             const Followers& followers) {
  std::int64_t survivor_id = 0, merged_id = 0;
  KEFU_RETURN_IF_ERROR(ResolvePatient(c, 0, survivor_mrn, "survivor_mrn", &survivor_id));
  KEFU_RETURN_IF_ERROR(ResolvePatient(c, 0, merged_mrn, "merged_mrn", &merged_id));
  v1::Patient survivor, merged;
  KEFU_RETURN_IF_ERROR(LoadPatient(c, survivor_id, &survivor));
  KEFU_RETURN_IF_ERROR(LoadPatient(c, merged_id, &merged));
  KEFU_RETURN_IF_ERROR(CheckNotMerged(survivor));
  KEFU_RETURN_IF_ERROR(CheckNotMerged(merged));
  const v1::Patient survivor_before = survivor, merged_before = merged;

  KEFU_RETURN_IF_ERROR(JoinContactDetails(merged, merged_mrn, survivor_mrn, &survivor));
  int encounters = 0, contacts = 0, notes = 0;
  KEFU_RETURN_IF_ERROR(
      MovePatientRecords<v1::Encounter>(session, c, kEncounters, merged_id, survivor, &encounters));
  KEFU_RETURN_IF_ERROR(
      MovePatientRecords<v1::ContactEvent>(session, c, kContacts, merged_id, survivor, &contacts));
  KEFU_RETURN_IF_ERROR(
      MovePatientRecords<v1::Note>(session, c, kNotes, merged_id, survivor, &notes));

  CarryOverDeathAndConsent(merged, &survivor);
  const std::int64_t now = session.db().NowMs();
  survivor.set_updated_at_ms(now);
  merged.set_status(v1::PATIENT_STATUS_MERGED);
  merged.set_merged_into_id(survivor_id);
  merged.clear_phones();  // the numbers now lead to the survivor
  merged.clear_family();
  merged.set_updated_at_ms(now);
  KEFU_RETURN_IF_ERROR(StorePatient(c, survivor));
  KEFU_RETURN_IF_ERROR(StorePatient(c, merged));
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c,
                         audit::AuditRecord{"patient.merge", "patient", survivor_id, survivor_id,
                                            &survivor_before, &survivor}));
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c,
                         audit::AuditRecord{"patient.merged_away", "patient", merged_id, merged_id,
                                            &merged_before, &merged}));
  PatientChange change;
  change.patient_id = survivor_id;
  change.merged_id = merged_id;
  change.source = "MergePatients by " + session.actor() + ": " + Quote(merged_mrn) + " into " +
                  Quote(survivor_mrn);
  KEFU_RETURN_IF_ERROR(followers.Patient(session, c, change));
  KEFU_RETURN_IF_ERROR(LoadPatient(c, survivor_id, &survivor));  // follow-up may have changed it
  *response->mutable_survivor() = survivor;
  response->set_encounters_moved(encounters);
  response->set_contacts_moved(contacts);
  response->set_notes_moved(notes);
  return Status::Ok();
}

Status Import(Session& session, const v1::ImportRequest& request, v1::ImportResponse* response,
              const Followers& followers) {
  const Day today = session.db().Today();
  std::vector<v1::Patient> patients(request.patients().begin(), request.patients().end());
  std::vector<v1::Encounter> encounters(request.encounters().begin(), request.encounters().end());
  std::set<std::string> mrns, visits;
  std::vector<bool> status_given(patients.size());
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const std::string prefix = "patients[" + std::to_string(i) + "].";
    status_given[i] = patients[i].status() != v1::PATIENT_STATUS_UNSPECIFIED;
    KEFU_RETURN_IF_ERROR(CheckNewPatient(patients[i], prefix));
    KEFU_RETURN_IF_ERROR(NormalizePatient(&patients[i], today, prefix));
    if (!mrns.insert(patients[i].mrn()).second) {
      return Status(Code::kAlreadyExists,
                    prefix + "mrn is " + Quote(patients[i].mrn()) + ": listed twice in the import");
    }
  }
  for (std::size_t i = 0; i < encounters.size(); ++i) {
    const std::string prefix = "encounters[" + std::to_string(i) + "].";
    KEFU_RETURN_IF_ERROR(CheckNewEncounter(encounters[i], prefix));
    KEFU_RETURN_IF_ERROR(NormalizeEncounter(&encounters[i], today, prefix));
    const std::string& visit = encounters[i].his_visit_id();
    if (!visit.empty() && !visits.insert(visit).second) {
      return Status(Code::kAlreadyExists,
                    prefix + "his_visit_id is " + Quote(visit) + ": listed twice in the import");
    }
  }
  return session.Write([&](Txn& c) {
    const std::int64_t now = session.db().NowMs();
    for (std::size_t i = 0; i < patients.size(); ++i) {
      KEFU_RETURN_IF_ERROR(ImportPatient(session, c, now, &patients[i], status_given[i],
                                         "patients[" + std::to_string(i) + "].", response,
                                         followers));
    }
    for (std::size_t i = 0; i < encounters.size(); ++i) {
      KEFU_RETURN_IF_ERROR(ImportEncounter(session, c, &encounters[i],
                                           "encounters[" + std::to_string(i) + "].", response,
                                           followers));
    }
    return Status::Ok();
  });
}

}  // namespace kefu::archive
