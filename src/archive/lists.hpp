// The archive's lists: patients found by a search, a patient's stays, a patient's timeline, and
// whether a record belongs to a patient.
#ifndef KEFU_SRC_ARCHIVE_LISTS_HPP
#define KEFU_SRC_ARCHIVE_LISTS_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "messages/v1.hpp"
#include "store/record_table.hpp"

namespace kefu::archive {

// One page of the patients `request` searches for (its page size and token already read into
// `page_size` and `after`; `phone` normalized), in id order, with the next page's token.
Status FindPatients(store::Connection& c, const v1::ListPatientsRequest& request,
                    const std::string& phone, std::int64_t after, int page_size,
                    v1::ListPatientsResponse* response);

// The patient's stays, the latest first.
// The records merged into patient `patient_id`, by id.
Status MergedInto(store::Connection& c, std::int64_t patient_id, std::vector<v1::Patient>* out);
Status EncountersOf(store::Connection& c, std::int64_t patient_id, std::vector<v1::Encounter>* out);

// The patient's contacts, notes and stays as timeline entries, the latest first (a stay at local
// midnight of its admission or visit day, `utc_offset_minutes` east of UTC).
Status Timeline(store::Connection& c, std::int64_t patient_id, int utc_offset_minutes,
                std::vector<v1::TimelineEntry>* out);

// That record `id` of `table` exists (NotFound naming `field`) and belongs to the patient
// (InvalidArgument otherwise).
Status CheckBelongs(store::Connection& c, const store::RecordTable& table, std::int64_t id,
                    std::int64_t patient_id, const std::string& field);

// How many patients (merged records not counted), stays and contacts the archive holds.
struct Counts {
  std::int64_t patients = 0, encounters = 0, contacts = 0;
};
Status CountRecords(store::Connection& c, Counts* out);

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_LISTS_HPP
