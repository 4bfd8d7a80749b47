#include "followup/case_context.hpp"

#include <map>
#include <string>

namespace kefu::followup {
namespace {

// "[1,2,3]": the ids as one bound parameter for json_each.
std::string JsonArray(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

Status Corrupt(const char* what) {
  return Status(Code::kCorrupt, std::string(what) + " record does not decode");
}

}  // namespace

Status LoadWorklistTasks(store::Connection& c, const std::vector<std::int64_t>& task_ids,
                         WorklistItems* items) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT t.record FROM json_each(?1) AS j JOIN tasks AS t ON t.id = j.value", &s));
  s.Bind(1, JsonArray(task_ids));
  items->Reserve(items->size() + static_cast<int>(task_ids.size()));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    if (!store::ParseColumn(s, 0, items->Add()->mutable_task())) return Corrupt("a task");
  }
}

Status LoadCases(store::Connection& c, WorklistItems* items) {
  // A patient may have more than one task on the list: each of them gets the case.
  std::map<std::int64_t, std::vector<v1::WorklistItem*>> by_patient;
  for (v1::WorklistItem& item : *items) by_patient[item.task().patient_id()].push_back(&item);
  std::vector<std::int64_t> patient_ids;
  for (const auto& [id, unused] : by_patient) patient_ids.push_back(id);
  const std::string ids = JsonArray(patient_ids);
  bool row = false;

  store::Statement patients;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT p.id, p.record FROM json_each(?1) AS j JOIN patients AS p ON p.id = j.value",
      &patients));
  patients.Bind(1, ids);
  while (true) {
    KEFU_RETURN_IF_ERROR(patients.Step(&row));
    if (!row) break;
    const auto& owners = by_patient[patients.Int(0)];
    if (!store::ParseColumn(patients, 1, owners[0]->mutable_patient())) return Corrupt("a patient");
    for (std::size_t i = 1; i < owners.size(); ++i) *owners[i]->mutable_patient() = owners[0]->patient();
  }

  store::Statement encounters;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT j.value, (SELECT e.record FROM encounters AS e WHERE e.patient_id = j.value "
      "AND e.state != ?2 ORDER BY e.start_day DESC, e.id DESC LIMIT 1) FROM json_each(?1) AS j",
      &encounters));
  encounters.Bind(1, ids).Bind(2, std::int64_t{v1::ENCOUNTER_STATE_CANCELLED});
  while (true) {
    KEFU_RETURN_IF_ERROR(encounters.Step(&row));
    if (!row) break;
    if (encounters.IsNull(1)) continue;
    const auto& owners = by_patient[encounters.Int(0)];
    if (!store::ParseColumn(encounters, 1, owners[0]->mutable_last_encounter())) {
      return Corrupt("an encounter");
    }
    for (std::size_t i = 1; i < owners.size(); ++i) {
      *owners[i]->mutable_last_encounter() = owners[0]->last_encounter();
    }
  }

  store::Statement contacts;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT c.patient_id, c.record FROM json_each(?1) AS j JOIN contacts AS c "
      "ON c.id IN (SELECT id FROM contacts WHERE patient_id = j.value "
      "ORDER BY at_ms DESC, id DESC LIMIT 3) ORDER BY c.patient_id, c.at_ms DESC, c.id DESC",
      &contacts));
  contacts.Bind(1, ids);
  while (true) {
    KEFU_RETURN_IF_ERROR(contacts.Step(&row));
    if (!row) return Status::Ok();
    const auto& owners = by_patient[contacts.Int(0)];
    v1::ContactEvent* first = owners[0]->add_last_contacts();
    if (!store::ParseColumn(contacts, 1, first)) return Corrupt("a contact");
    for (std::size_t i = 1; i < owners.size(); ++i) *owners[i]->add_last_contacts() = *first;
  }
}

}  // namespace kefu::followup
