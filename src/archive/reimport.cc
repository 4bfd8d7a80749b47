#include "archive/reimport.hpp"

#include <google/protobuf/util/message_differencer.h>

#include <vector>

#include "archive/encounters.hpp"
#include "archive/checks.hpp"

namespace kefu::archive {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

// `stored` with every field `incoming` sets (a non-default value, a non-empty list) replaced by
// incoming's, except those named in `keep`.
template <class Record>
Record Overlay(const Record& stored, const Record& incoming, const std::vector<int>& keep) {
  Record merged = stored;
  Record given = incoming;
  for (const int number : keep)
    given.GetReflection()->ClearField(&given, given.GetDescriptor()->FindFieldByNumber(number));
  std::vector<const FieldDescriptor*> fields;
  given.GetReflection()->ListFields(given, &fields);
  for (const FieldDescriptor* field : fields) merged.GetReflection()->ClearField(&merged, field);
  merged.MergeFrom(given);
  return merged;
}

std::string DayText(const v1::Date& d) {
  return IsUnset(d) ? "none" : FormatDay(DaysFromCivil(d.year(), d.month(), d.day()));
}

bool SameDay(const v1::Date& a, const v1::Date& b) {
  return a.year() == b.year() && a.month() == b.month() && a.day() == b.day();
}

}  // namespace

Status ReimportPatient(Session& session, store::Connection& c, const v1::Patient& stored,
                       const v1::Patient& incoming, bool status_given, const std::string& prefix,
                       Reimported* out, const Followers& followers) {
  if (stored.status() == v1::PATIENT_STATUS_MERGED) {
    return Status(Code::kFailedPrecondition, prefix + "mrn is " + Quote(stored.mrn()) +
                                                 ": merged into patient id " +
                                                 std::to_string(stored.merged_into_id()) +
                                                 "; import into the surviving record");
  }
  std::vector<int> keep = {v1::Patient::kIdFieldNumber, v1::Patient::kCreatedAtMsFieldNumber,
                           v1::Patient::kUpdatedAtMsFieldNumber,
                           v1::Patient::kMergedIntoIdFieldNumber};
  // A status the import does not give stays; a recorded death is never undone by an export.
  if (!status_given || stored.status() == v1::PATIENT_STATUS_DECEASED) {
    keep.push_back(v1::Patient::kStatusFieldNumber);
    keep.push_back(v1::Patient::kDeathDateFieldNumber);
  }
  v1::Patient merged = Overlay(stored, incoming, keep);
  // A number a call found wrong stays flagged, whatever the HIS still has on file.
  for (auto& phone : *merged.mutable_phones()) {
    for (const auto& known : stored.phones()) {
      if (known.number() == phone.number() && known.wrong_number()) phone.set_wrong_number(true);
    }
  }
  if (MessageDifferencer::Equals(merged, stored)) {
    *out = Reimported::kUnchanged;
    return Status::Ok();
  }
  KEFU_RETURN_IF_ERROR(NormalizePatient(&merged, session.db().Today(), prefix));
  merged.set_updated_at_ms(session.db().NowMs());
  KEFU_RETURN_IF_ERROR(StorePatient(c, merged));
  KEFU_RETURN_IF_ERROR(audit::AppendAudit(
      session, c,
      audit::AuditRecord{"patient.import", "patient", stored.id(), stored.id(), &stored, &merged}));
  PatientChange change;
  change.patient_id = stored.id();
  change.source = "Import by " + session.actor();
  change.phones_changed = !SamePhones(stored, merged);
  KEFU_RETURN_IF_ERROR(followers.Patient(session, c, change));
  *out = Reimported::kUpdated;
  return Status::Ok();
}

Status ReimportEncounter(Session& session, store::Connection& c, const v1::Encounter& stored,
                         v1::Encounter* incoming, const std::string& prefix, Reimported* out,
                         const Followers& followers) {
  if (incoming->patient_id() != stored.patient_id()) {
    return Status(Code::kFailedPrecondition,
                  prefix + "patient_mrn is " + Quote(incoming->patient_mrn()) + " but HIS visit " +
                      Quote(stored.his_visit_id()) + " (encounter " + std::to_string(stored.id()) +
                      ") belongs to " + Quote(stored.patient_mrn()));
  }
  if (stored.state() == v1::ENCOUNTER_STATE_CANCELLED) {  // the HIS withdrew it: not revived
    *out = Reimported::kUnchanged;
    return Status::Ok();
  }
  const bool discharging =
      stored.state() == v1::ENCOUNTER_STATE_ADMITTED && !IsUnset(incoming->discharge_date());
  if (!discharging && stored.kind() == v1::ENCOUNTER_KIND_INPATIENT &&
      !SameDay(stored.discharge_date(), incoming->discharge_date())) {
    return Status(Code::kFailedPrecondition,
                  prefix + "discharge_date is " + DayText(incoming->discharge_date()) +
                      " but HIS visit " + Quote(stored.his_visit_id()) + " (encounter " +
                      std::to_string(stored.id()) + ") was discharged on " +
                      DayText(stored.discharge_date()) +
                      ": cancel that discharge first to record another day");
  }
  v1::Encounter merged = Overlay(stored, *incoming,
                                 {v1::Encounter::kIdFieldNumber, v1::Encounter::kStateFieldNumber,
                                  v1::Encounter::kCancelReasonFieldNumber});
  if (discharging) {
    KEFU_RETURN_IF_ERROR(CompleteDischarge(session, c, stored, &merged, followers));
    *incoming = merged;
    *out = Reimported::kDischarged;
    return Status::Ok();
  }
  if (MessageDifferencer::Equals(merged, stored)) {
    *out = Reimported::kUnchanged;
    return Status::Ok();
  }
  KEFU_RETURN_IF_ERROR(StoreEncounter(c, merged));
  KEFU_RETURN_IF_ERROR(
      audit::AppendAudit(session, c,
                         audit::AuditRecord{"encounter.import", "encounter", stored.id(),
                                            stored.patient_id(), &stored, &merged}));
  *incoming = merged;
  *out = Reimported::kUpdated;
  return Status::Ok();
}

}  // namespace kefu::archive
