#include "archive/lists.hpp"

#include <algorithm>
#include <functional>

#include "archive/schema.hpp"
#include "base/days.hpp"
#include "base/paging.hpp"
#include "messages/convert.hpp"
#include "store/maintenance.hpp"

namespace kefu::archive {
namespace {

// A LIKE pattern matching `text` literally anywhere.
std::string Contains(const std::string& text) {
  std::string pattern = "%";
  for (const char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  return pattern + "%";
}

// Every record of `table` for the patient, as timeline entries at the time `at` gives.
template <class Record>
Status Collect(store::Connection& c, const store::RecordTable& table, std::int64_t patient_id,
               std::vector<v1::TimelineEntry>* out, Record* (v1::TimelineEntry::*mutable_item)(),
               const std::function<std::int64_t(const Record&)>& at) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      std::string("SELECT id, record FROM ") + table.name() + " WHERE patient_id = ?", &s));
  s.Bind(1, patient_id);
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    v1::TimelineEntry entry;
    Record* record = (entry.*mutable_item)();
    KEFU_RETURN_IF_ERROR(table.Decode(s, record));
    entry.set_at_ms(at(*record));
    out->push_back(std::move(entry));
  }
}

}  // namespace

Status FindPatients(store::Connection& c, const v1::ListPatientsRequest& request,
                    const std::string& phone, std::int64_t after, int page_size,
                    v1::ListPatientsResponse* response) {
  std::string sql = "SELECT id, record FROM patients WHERE id > ?1";
  if (!request.mrn().empty()) sql += " AND mrn = ?2";
  if (!request.name_contains().empty()) sql += " AND name LIKE ?3 ESCAPE '\\'";
  if (!phone.empty()) sql += " AND id IN (SELECT patient_id FROM patient_phones WHERE number = ?4)";
  if (!request.region_prefix().empty()) sql += " AND region_code LIKE ?5 || '%'";
  sql +=
      request.status() != v1::PATIENT_STATUS_UNSPECIFIED ? " AND status = ?6" : " AND status != ?7";
  sql += " ORDER BY id LIMIT ?8";
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(sql, &s));
  s.Bind(1, after).Bind(2, request.mrn()).Bind(3, Contains(request.name_contains()));
  s.Bind(4, phone).Bind(5, request.region_prefix()).Bind(6, std::int64_t{request.status()});
  s.Bind(7, std::int64_t{v1::PATIENT_STATUS_MERGED}).Bind(8, std::int64_t{page_size} + 1);
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    if (response->patients_size() == page_size) {
      response->set_next_page_token(PageToken(response->patients(page_size - 1).id()));
      break;
    }
    KEFU_RETURN_IF_ERROR(kPatients.Decode(s, response->add_patients()));
  }
  return Status::Ok();
}

Status EncountersOf(store::Connection& c, std::int64_t patient_id,
                    std::vector<v1::Encounter>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT id, record FROM encounters WHERE patient_id = ? ORDER BY start_day DESC, id DESC",
      &s));
  s.Bind(1, patient_id);
  return kEncounters.ReadAll(s, out);
}

Status MergedInto(store::Connection& c, std::int64_t patient_id, std::vector<v1::Patient>* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare("SELECT id, record FROM patients WHERE merged_into = ? ORDER BY id", &s));
  s.Bind(1, patient_id);
  return kPatients.ReadAll(s, out);
}

Status Timeline(store::Connection& c, std::int64_t patient_id, int utc_offset_minutes,
                std::vector<v1::TimelineEntry>* out) {
  KEFU_RETURN_IF_ERROR(
      Collect<v1::ContactEvent>(c, kContacts, patient_id, out, &v1::TimelineEntry::mutable_contact,
                                [](const v1::ContactEvent& r) { return r.at_ms(); }));
  KEFU_RETURN_IF_ERROR(Collect<v1::Note>(c, kNotes, patient_id, out,
                                         &v1::TimelineEntry::mutable_note,
                                         [](const v1::Note& r) { return r.at_ms(); }));
  KEFU_RETURN_IF_ERROR(Collect<v1::Encounter>(
      c, kEncounters, patient_id, out, &v1::TimelineEntry::mutable_encounter,
      [utc_offset_minutes](const v1::Encounter& r) {
        return MidnightMs(messages::DayOf(r.admission_date()), utc_offset_minutes);
      }));
  std::stable_sort(
      out->begin(), out->end(),
      [](const v1::TimelineEntry& a, const v1::TimelineEntry& b) { return a.at_ms() > b.at_ms(); });
  return Status::Ok();
}

Status CheckBelongs(store::Connection& c, const store::RecordTable& table, std::int64_t id,
                    std::int64_t patient_id, const std::string& field) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare(std::string("SELECT patient_id FROM ") + table.name() + " WHERE id = ?", &s));
  bool row = false;
  KEFU_RETURN_IF_ERROR(s.Bind(1, id).Step(&row));
  if (!row) return Status::NotFound(field + " " + std::to_string(id) + " does not exist");
  if (s.Int(0) != patient_id) {
    return Status::InvalidArgument(field + " is " + std::to_string(id) +
                                   ": it belongs to another patient");
  }
  return Status::Ok();
}

Status CountRecords(store::Connection& c, Counts* out) {
  KEFU_RETURN_IF_ERROR(c.QueryInt(
      "SELECT count(*) FROM patients WHERE status != " + std::to_string(v1::PATIENT_STATUS_MERGED),
      &out->patients));
  KEFU_RETURN_IF_ERROR(store::CountRows(c, kEncounters.name(), &out->encounters));
  return store::CountRows(c, kContacts.name(), &out->contacts);
}

}  // namespace kefu::archive
