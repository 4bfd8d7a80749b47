#include "followup/case_context.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "archive/schema.hpp"
#include "followup/schema.hpp"

#include "messages/v1.hpp"

namespace kefu::followup {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// "[1,2,3]": the ids as one bound parameter for json_each.
std::string JsonArray(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

CodedInputStream Reader(std::string_view record) {
  return CodedInputStream(reinterpret_cast<const std::uint8_t*>(record.data()),
                          static_cast<int>(record.size()));
}

// Whether a stored record is a well-framed message (every tag, length and varint in bounds).
bool WellFramed(std::string_view record) {
  CodedInputStream input = Reader(record);
  return WireFormatLite::SkipMessage(&input) && input.ConsumedEntireMessage();
}

// Reads the varint field `number` of a stored record without decoding the rest; false when the
// record is badly framed. A record without the field reads as 0, as protobuf would.
bool ReadVarintField(std::string_view record, int number, std::int64_t* value) {
  CodedInputStream input = Reader(record);
  *value = 0;
  while (const std::uint32_t tag = input.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == number &&
        WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_VARINT) {
      std::uint64_t raw = 0;
      if (!input.ReadVarint64(&raw)) return false;
      *value = static_cast<std::int64_t>(raw);
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return false;
    }
  }
  return input.ConsumedEntireMessage();
}

constexpr std::size_t kLastContacts = 3;

// The newest contacts of a patient so far, as (at_ms, id), newest first.
struct Newest {
  std::array<std::pair<std::int64_t, std::int64_t>, kLastContacts> contacts{};
  std::size_t count = 0;

  void Offer(std::int64_t at_ms, std::int64_t id) {
    const std::pair<std::int64_t, std::int64_t> contact{at_ms, id};
    std::size_t at = count;
    while (at > 0 && contacts[at - 1] < contact) --at;
    if (at >= kLastContacts) return;
    for (std::size_t i = std::min(count, kLastContacts - 1); i > at; --i) {
      contacts[i] = contacts[i - 1];
    }
    contacts[at] = contact;
    count = std::min(count + 1, kLastContacts);
  }
};

// Each listed patient with every stay of theirs that was not cancelled (through
// encounters_patient), the latest kept here: asking SQLite for each patient's latest with a
// correlated ORDER BY ... LIMIT 1 cost three times as much.
Status LoadPatientsAndStays(store::Connection& c, const std::string& ids, Cases& cases) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT p.id, p.record, e.start_day, e.id, e.record FROM json_each(?1) AS j "
                "JOIN patients AS p ON p.id = j.value "
                "LEFT JOIN encounters AS e ON e.patient_id = p.id AND e.state != ?2",
                &s));
  s.Bind(1, ids).Bind(2, std::int64_t{v1::ENCOUNTER_STATE_CANCELLED});
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    CaseRecords& patient = cases.At(s.Int(0));
    if (patient.patient.empty()) {
      const std::string_view record = s.Bytes(1);
      if (!WellFramed(record)) return archive::kPatients.Undecodable(s.Int(0));
      patient.patient.assign(record);
    }
    if (s.IsNull(3)) continue;  // no stay
    const std::int64_t day = s.Int(2), id = s.Int(3);
    if (patient.last_stay_id != 0 &&
        std::pair(day, id) < std::pair(patient.last_stay_day, patient.last_stay_id)) {
      continue;
    }
    const std::string_view record = s.Bytes(4);
    if (!WellFramed(record)) return archive::kEncounters.Undecodable(id);
    patient.last_stay.assign(record);
    patient.last_stay_day = day;
    patient.last_stay_id = id;
  }
}

// The newest contacts are chosen from contacts_patient alone (it covers at_ms and id), then only
// their records are read.
Status LoadLastContacts(store::Connection& c, const std::string& ids, Cases& cases) {
  store::Statement newest;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT c.patient_id, c.at_ms, c.id FROM json_each(?1) AS j "
                "JOIN contacts AS c ON c.patient_id = j.value",
                &newest));
  newest.Bind(1, ids);
  std::unordered_map<std::int64_t, Newest> chosen;
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(newest.Step(&row));
    if (!row) break;
    chosen[newest.Int(0)].Offer(newest.Int(1), newest.Int(2));
  }
  if (chosen.empty()) return Status::Ok();
  std::vector<std::int64_t> contact_ids;
  for (const auto& [patient, contacts] : chosen) {
    for (std::size_t i = 0; i < contacts.count; ++i)
      contact_ids.push_back(contacts.contacts[i].second);
  }
  std::unordered_map<std::int64_t, std::string> records;
  store::Statement read;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT c.id, c.record FROM json_each(?1) AS j JOIN contacts AS c ON c.id = j.value", &read));
  read.Bind(1, JsonArray(contact_ids));
  while (true) {
    KEFU_RETURN_IF_ERROR(read.Step(&row));
    if (!row) break;
    const std::string_view record = read.Bytes(1);
    if (!WellFramed(record)) return archive::kContacts.Undecodable(read.Int(0));
    records[read.Int(0)].assign(record);
  }
  for (const auto& [patient, contacts] : chosen) {
    auto& out = cases.At(patient).contacts;
    for (std::size_t i = 0; i < contacts.count; ++i) {
      out.push_back(std::move(records[contacts.contacts[i].second]));
    }
  }
  return Status::Ok();
}

}  // namespace

Status LoadDueTasks(store::Connection& c, const std::vector<std::int64_t>& task_ids,
                    std::vector<DueTask>* tasks) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT t.id, t.patient_id, t.due_day, t.record FROM json_each(?1) AS j "
                "JOIN tasks AS t ON t.id = j.value",
                &s));
  s.Bind(1, JsonArray(task_ids));
  tasks->reserve(tasks->size() + task_ids.size());
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    DueTask& task = tasks->emplace_back();
    task.id = s.Int(0);
    task.patient_id = s.Int(1);
    task.due = static_cast<Day>(s.Int(2));
    const std::string_view record = s.Bytes(3);
    if (!ReadVarintField(record, v1::Task::kSeqFieldNumber, &task.seq)) {
      return kTasks.Undecodable(task.id);
    }
    task.record.assign(record);
  }
}

const CaseRecords* Cases::Find(std::int64_t patient_id) const {
  const auto it =
      std::lower_bound(cases_.begin(), cases_.end(), patient_id,
                       [](const CaseRecords& c, std::int64_t id) { return c.patient_id < id; });
  return it != cases_.end() && it->patient_id == patient_id ? &*it : nullptr;
}

void Cases::List(std::vector<std::int64_t> patient_ids) {
  std::sort(patient_ids.begin(), patient_ids.end());  // neighbouring rows: fewer pages touched
  patient_ids.erase(std::unique(patient_ids.begin(), patient_ids.end()), patient_ids.end());
  cases_.assign(patient_ids.size(), CaseRecords());
  for (std::size_t i = 0; i < patient_ids.size(); ++i) cases_[i].patient_id = patient_ids[i];
  cursor_ = 0;
}

CaseRecords& Cases::At(std::int64_t patient_id) {
  if (cursor_ < cases_.size() && cases_[cursor_].patient_id == patient_id) return cases_[cursor_];
  if (cursor_ + 1 < cases_.size() && cases_[cursor_ + 1].patient_id == patient_id) {
    return cases_[++cursor_];
  }
  const CaseRecords* found = Find(patient_id);
  cursor_ = found != nullptr ? static_cast<std::size_t>(found - cases_.data()) : 0;
  return cases_[cursor_];  // only listed patients are asked for
}

Status LoadCases(store::Connection& c, Cases* cases) {
  std::vector<std::int64_t> ids;
  ids.reserve(cases->all().size());
  for (const CaseRecords& one : cases->all()) ids.push_back(one.patient_id);
  if (ids.empty()) return Status::Ok();
  const std::string json = JsonArray(ids);
  cases->Rewind();
  KEFU_RETURN_IF_ERROR(LoadPatientsAndStays(c, json, *cases));
  cases->Rewind();
  return LoadLastContacts(c, json, *cases);
}

}  // namespace kefu::followup
