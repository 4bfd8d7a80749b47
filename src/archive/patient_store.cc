#include "archive/patient_store.hpp"

#include "archive/schema.hpp"
#include "archive/normalize.hpp"
#include "kefu/date.hpp"

namespace kefu::archive {
namespace {

// Binds patient_id, his_visit_id, kind, state, start_day, discharge_day, record and id as
// parameters 1-8.
void BindEncounter(store::Statement& s, const v1::Encounter& e) {
  s.Bind(1, e.patient_id()).BindOptional(2, e.his_visit_id()).Bind(3, std::int64_t{e.kind()});
  s.Bind(4, std::int64_t{e.state()})
      .Bind(5, std::int64_t{messages::OptionalDayOf(e.admission_date())});
  if (IsUnset(e.discharge_date())) {
    s.BindNull(6);
  } else {
    s.Bind(6, std::int64_t{messages::OptionalDayOf(e.discharge_date())});
  }
  s.BindBlob(7, e.SerializeAsString()).Bind(8, e.id());
}

}  // namespace

Status IndexPhones(store::Connection& c, const v1::Patient& p, bool replace) {
  if (replace) {
    store::Statement clear;
    KEFU_RETURN_IF_ERROR(c.Prepare("DELETE FROM patient_phones WHERE patient_id = ?", &clear));
    KEFU_RETURN_IF_ERROR(clear.Bind(1, p.id()).Run());
  }
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("INSERT INTO patient_phones (patient_id, number) VALUES (?, ?)", &insert));
  auto add = [&](const std::string& number) {
    insert.Reset();
    return insert.Bind(1, p.id()).Bind(2, number).Run();
  };
  for (const auto& phone : p.phones()) KEFU_RETURN_IF_ERROR(add(phone.number()));
  for (const auto& member : p.family()) {
    if (!member.phone().empty()) KEFU_RETURN_IF_ERROR(add(member.phone()));
  }
  return Status::Ok();
}

Status ResolvePatient(store::Connection& c, std::int64_t id, const std::string& mrn,
                      const std::string& field, std::int64_t* out) {
  store::Statement s;
  if (id != 0) {
    KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id FROM patients WHERE id = ?", &s));
    s.Bind(1, id);
  } else if (!mrn.empty()) {
    KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id FROM patients WHERE mrn = ?", &s));
    s.Bind(1, mrn);
  } else {
    return Status::InvalidArgument(field + " is unset: name the patient by id or MRN");
  }
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Step(&row));
  if (!row) {
    return Status::NotFound(id != 0 ? "patient id " + std::to_string(id) + " does not exist"
                                    : "patient MRN " + Quote(mrn) + " does not exist");
  }
  *out = s.Int(0);
  return Status::Ok();
}

Status LoadPatient(store::Connection& c, std::int64_t id, v1::Patient* out) {
  return kPatients.Load(c, id, out);
}

Status InsertPatient(store::Connection& c, v1::Patient* p) {
  store::Statement taken;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id FROM patients WHERE mrn = ?", &taken));
  bool row = false;
  KEFU_RETURN_IF_ERROR(taken.Bind(1, p->mrn()).Step(&row));
  if (row) {
    return Status(Code::kAlreadyExists, "mrn is " + Quote(p->mrn()) +
                                            ": already the MRN of patient id " +
                                            std::to_string(taken.Int(0)));
  }
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("patients", &id));
  p->set_id(id);
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO patients (id, mrn, name, region_code, status, record) VALUES (?, ?, ?, ?, ?, ?)",
      &insert));
  insert.Bind(1, id).Bind(2, p->mrn()).Bind(3, p->name()).BindOptional(4, p->region_code());
  insert.Bind(5, std::int64_t{p->status()}).BindBlob(6, p->SerializeAsString());
  KEFU_RETURN_IF_ERROR(insert.Run());
  return IndexPhones(c, *p, /*replace=*/false);
}

Status StorePatient(store::Connection& c, const v1::Patient& p) {
  store::Statement update;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "UPDATE patients SET mrn = ?, name = ?, region_code = ?, status = ?, merged_into = ?, "
      "record = ? WHERE id = ?",
      &update));
  update.Bind(1, p.mrn()).Bind(2, p.name()).BindOptional(3, p.region_code());
  update.Bind(4, std::int64_t{p.status()});
  update.BindOptionalId(5, p.merged_into_id());
  update.BindBlob(6, p.SerializeAsString()).Bind(7, p.id());
  KEFU_RETURN_IF_ERROR(update.Run());
  return IndexPhones(c, p, /*replace=*/true);
}

Status LoadEncounter(store::Connection& c, std::int64_t id, v1::Encounter* out) {
  return kEncounters.Load(c, id, out);
}

Status FindEncounterByVisit(store::Connection& c, const std::string& his_visit_id,
                            v1::Encounter* out, bool* found) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare("SELECT id, record FROM encounters WHERE his_visit_id = ?", &s));
  KEFU_RETURN_IF_ERROR(s.Bind(1, his_visit_id).Step(found));
  if (!*found) return Status::Ok();
  return kEncounters.Decode(s, out);
}

Status InsertEncounter(store::Connection& c, v1::Encounter* e) {
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("encounters", &id));
  e->set_id(id);
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO encounters (patient_id, his_visit_id, kind, state, start_day, discharge_day, "
      "record, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      &insert));
  BindEncounter(insert, *e);
  return insert.Run();
}

Status StoreEncounter(store::Connection& c, const v1::Encounter& e) {
  store::Statement update;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("UPDATE encounters SET patient_id = ?, his_visit_id = ?, kind = ?, state = ?, "
                "start_day = ?, discharge_day = ?, record = ? WHERE id = ?",
                &update));
  BindEncounter(update, e);
  return update.Run();
}

Status InsertContact(store::Connection& c, v1::ContactEvent* contact) {
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("contacts", &id));
  contact->set_id(id);
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO contacts (id, patient_id, at_ms, record) VALUES (?, ?, ?, ?)", &insert));
  insert.Bind(1, id).Bind(2, contact->patient_id()).Bind(3, contact->at_ms());
  return insert.BindBlob(4, contact->SerializeAsString()).Run();
}

Status InsertNote(store::Connection& c, v1::Note* note) {
  std::int64_t id = 0;
  KEFU_RETURN_IF_ERROR(c.NextId("notes", &id));
  note->set_id(id);
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "INSERT INTO notes (id, patient_id, contact_id, at_ms, record) VALUES (?, ?, ?, ?, ?)",
      &insert));
  insert.Bind(1, id).Bind(2, note->patient_id());
  insert.BindOptionalId(3, note->contact_id());
  return insert.Bind(4, note->at_ms()).BindBlob(5, note->SerializeAsString()).Run();
}

}  // namespace kefu::archive
