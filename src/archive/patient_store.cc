#include "archive/patient_store.hpp"

#include <array>

#include "archive/schema.hpp"
#include "archive/normalize.hpp"
#include "kefu/date.hpp"

namespace kefu::archive {
namespace {

using store::Value;

// The values of each table's searched columns (archive/schema.hpp names them), in that order.
std::array<Value, 5> PatientColumns(const v1::Patient& p) {
  return {Value::Text(p.mrn()), Value::Text(p.name()), Value::OptionalText(p.region_code()),
          Value::Int(p.status()), Value::OptionalId(p.merged_into_id())};
}

std::array<Value, 6> EncounterColumns(const v1::Encounter& e) {
  return {Value::Int(e.patient_id()),
          Value::OptionalText(e.his_visit_id()),
          Value::Int(e.kind()),
          Value::Int(e.state()),
          Value::Int(messages::OptionalDayOf(e.admission_date())),
          IsUnset(e.discharge_date()) ? Value::Null()
                                      : Value::Int(messages::OptionalDayOf(e.discharge_date()))};
}

std::array<Value, 2> ContactColumns(const v1::ContactEvent& contact) {
  return {Value::Int(contact.patient_id()), Value::Int(contact.at_ms())};
}

std::array<Value, 3> NoteColumns(const v1::Note& note) {
  return {Value::Int(note.patient_id()), Value::OptionalId(note.contact_id()),
          Value::Int(note.at_ms())};
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
  KEFU_RETURN_IF_ERROR(kPatients.Insert(c, p, PatientColumns(*p)));
  return IndexPhones(c, *p, /*replace=*/false);
}

Status StorePatient(store::Connection& c, const v1::Patient& p) {
  KEFU_RETURN_IF_ERROR(kPatients.Update(c, p, PatientColumns(p)));
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
  return kEncounters.Insert(c, e, EncounterColumns(*e));
}

Status StoreEncounter(store::Connection& c, const v1::Encounter& e) {
  return kEncounters.Update(c, e, EncounterColumns(e));
}

Status InsertContact(store::Connection& c, v1::ContactEvent* contact) {
  return kContacts.Insert(c, contact, ContactColumns(*contact));
}

Status InsertNote(store::Connection& c, v1::Note* note) {
  return kNotes.Insert(c, note, NoteColumns(*note));
}

}  // namespace kefu::archive
