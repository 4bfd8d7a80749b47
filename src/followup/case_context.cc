#include "followup/case_context.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>

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

constexpr std::size_t kLastContacts = 3;

// Appends a stored record to the item as field `number`, as it is stored: a record is kept as its
// kefu.v1 message in wire form (store/schema.cc), which is what the field holds on the wire. Only
// its framing is checked (decoding and re-encoding every patient, stay and contact was a third
// of the worklist's time).
Status PassThrough(v1::WorklistItem* item, int number, std::string_view record, const char* what) {
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(record.data()),
                                               static_cast<int>(record.size()));
  if (!google::protobuf::internal::WireFormatLite::SkipMessage(&input) ||
      !input.ConsumedEntireMessage()) {
    return Corrupt(what);
  }
  item->GetReflection()->MutableUnknownFields(item)->AddLengthDelimited(number)->assign(
      record.data(), record.size());
  return Status::Ok();
}

// What is gathered for one patient on the list before it is copied into the patient's items.
struct Case {
  std::vector<v1::WorklistItem*> items;  // the first one is filled, the others copy it
  // The last stay so far: its (start day, id) and its stored record.
  std::int64_t stay_day = 0, stay_id = 0;
  std::string stay;
  // The newest contacts so far as (at_ms, id), newest first.
  std::array<std::pair<std::int64_t, std::int64_t>, kLastContacts> contacts{};
  std::size_t contact_count = 0;

  void OfferContact(std::int64_t at_ms, std::int64_t id) {
    const std::pair<std::int64_t, std::int64_t> contact{at_ms, id};
    std::size_t at = contact_count;
    while (at > 0 && contacts[at - 1] < contact) --at;
    if (at >= kLastContacts) return;
    for (std::size_t i = std::min(contact_count, kLastContacts - 1); i > at; --i) {
      contacts[i] = contacts[i - 1];
    }
    contacts[at] = contact;
    contact_count = std::min(contact_count + 1, kLastContacts);
  }
};

// Cases by patient id. Rows are only ever asked for the listed patients, so each has its case.
using Cases = std::unordered_map<std::int64_t, Case>;

Status LoadPatients(store::Connection& c, const std::string& ids, Cases& cases) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT p.id, p.record FROM json_each(?1) AS j JOIN patients AS p ON p.id = j.value", &s));
  s.Bind(1, ids);
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    KEFU_RETURN_IF_ERROR(PassThrough(cases[s.Int(0)].items[0], v1::WorklistItem::kPatientFieldNumber,
                                     s.Bytes(1), "a patient"));
  }
}

// The last stay is the latest by start day (then id) that was not cancelled. Every stay of the
// listed patients is read through encounters_patient and the latest chosen here: asking SQLite
// for each patient's latest with ORDER BY ... LIMIT 1 in a correlated subquery cost three times
// as much.
Status LoadLastStays(store::Connection& c, const std::string& ids, Cases& cases) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT e.patient_id, e.start_day, e.id, e.record FROM json_each(?1) AS j "
      "JOIN encounters AS e ON e.patient_id = j.value WHERE e.state != ?2",
      &s));
  s.Bind(1, ids).Bind(2, std::int64_t{v1::ENCOUNTER_STATE_CANCELLED});
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    Case& patient = cases[s.Int(0)];
    const std::int64_t day = s.Int(1), id = s.Int(2);
    if (patient.stay_id != 0 && std::pair(day, id) < std::pair(patient.stay_day, patient.stay_id)) {
      continue;
    }
    patient.stay_day = day;
    patient.stay_id = id;
    patient.stay.assign(s.Bytes(3));
  }
  for (auto& [id, patient] : cases) {
    if (patient.stay_id == 0) continue;
    KEFU_RETURN_IF_ERROR(PassThrough(patient.items[0], v1::WorklistItem::kLastEncounterFieldNumber,
                                     patient.stay, "an encounter"));
  }
  return Status::Ok();
}

// The newest contacts are chosen from contacts_patient alone (it covers at_ms and id), then only
// their records are read.
Status LoadLastContacts(store::Connection& c, const std::string& ids, Cases& cases) {
  store::Statement newest;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT c.patient_id, c.at_ms, c.id FROM json_each(?1) AS j "
      "JOIN contacts AS c ON c.patient_id = j.value",
      &newest));
  newest.Bind(1, ids);
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(newest.Step(&row));
    if (!row) break;
    cases[newest.Int(0)].OfferContact(newest.Int(1), newest.Int(2));
  }
  std::vector<std::int64_t> contact_ids;
  for (auto& [id, patient] : cases) {
    for (std::size_t i = 0; i < patient.contact_count; ++i) {
      contact_ids.push_back(patient.contacts[i].second);
    }
  }
  if (contact_ids.empty()) return Status::Ok();
  std::unordered_map<std::int64_t, std::string> records_by_id;
  store::Statement records;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT c.id, c.record FROM json_each(?1) AS j JOIN contacts AS c ON c.id = j.value",
      &records));
  records.Bind(1, JsonArray(contact_ids));
  while (true) {
    KEFU_RETURN_IF_ERROR(records.Step(&row));
    if (!row) break;
    records_by_id[records.Int(0)].assign(records.Bytes(1));
  }
  // Newest first.
  for (auto& [id, patient] : cases) {
    for (std::size_t i = 0; i < patient.contact_count; ++i) {
      KEFU_RETURN_IF_ERROR(PassThrough(patient.items[0], v1::WorklistItem::kLastContactsFieldNumber,
                                       records_by_id[patient.contacts[i].second], "a contact"));
    }
  }
  return Status::Ok();
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
  Cases cases;
  cases.reserve(static_cast<std::size_t>(items->size()));
  std::vector<std::int64_t> patient_ids;
  for (v1::WorklistItem& item : *items) {
    auto& owners = cases[item.task().patient_id()].items;
    if (owners.empty()) patient_ids.push_back(item.task().patient_id());
    owners.push_back(&item);
  }
  std::sort(patient_ids.begin(), patient_ids.end());  // neighbouring rows: fewer pages touched
  const std::string ids = JsonArray(patient_ids);
  KEFU_RETURN_IF_ERROR(LoadPatients(c, ids, cases));
  KEFU_RETURN_IF_ERROR(LoadLastStays(c, ids, cases));
  KEFU_RETURN_IF_ERROR(LoadLastContacts(c, ids, cases));
  // A patient may have more than one task on the list: each of them gets the case.
  for (auto& [id, patient] : cases) {
    const v1::WorklistItem& first = *patient.items[0];
    const auto& passed = first.GetReflection()->GetUnknownFields(first);
    for (std::size_t i = 1; i < patient.items.size(); ++i) {
      v1::WorklistItem& other = *patient.items[i];
      other.GetReflection()->MutableUnknownFields(&other)->MergeFrom(passed);
    }
  }
  return Status::Ok();
}

}  // namespace kefu::followup
