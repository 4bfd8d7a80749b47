#include "followup/callable.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

namespace kefu::followup {
namespace {

using google::protobuf::internal::WireFormatLite;

// Lower-case ASCII, without surrounding spaces (full-width ones included: HIS exports have them).
std::string Canonical(std::string_view text) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\u3000"};
  for (bool again = true; again;) {
    again = false;
    for (const std::string_view space : kSpaces) {
      if (text.starts_with(space)) {
        text.remove_prefix(space.size());
        again = true;
      }
      if (text.ends_with(space)) {
        text.remove_suffix(space.size());
        again = true;
      }
    }
  }
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

}  // namespace

bool StopsFollowUp(const v1::Patient& patient, v1::CloseReason* reason, std::string* why) {
  switch (patient.status()) {
    case v1::PATIENT_STATUS_MERGED:
      *reason = v1::CLOSE_REASON_MERGED;
      *why = "the record was merged into patient id " + std::to_string(patient.merged_into_id());
      return true;
    case v1::PATIENT_STATUS_DECEASED:
      *reason = v1::CLOSE_REASON_DECEASED;
      *why = "the patient is recorded as deceased";
      return true;
    case v1::PATIENT_STATUS_OPTED_OUT:
      *reason = v1::CLOSE_REASON_OPTED_OUT;
      *why = "the patient opted out of follow-up";
      return true;
    case v1::PATIENT_STATUS_CURED:
      *reason = v1::CLOSE_REASON_CURED;
      *why = "the patient is recorded as cured";
      return true;
    default:
      break;
  }
  if (patient.follow_up_opt_out()) {
    *reason = v1::CLOSE_REASON_OPTED_OUT;
    *why = "the patient opted out of follow-up";
    return true;
  }
  return false;
}

bool StoredPatientStopsFollowUp(std::string_view record) {
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(record.data()),
                                               static_cast<int>(record.size()));
  std::uint64_t status = 0, opt_out = 0;
  while (const std::uint32_t tag = input.ReadTag()) {
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    const bool varint = WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_VARINT;
    if (varint && (number == v1::Patient::kStatusFieldNumber ||
                   number == v1::Patient::kFollowUpOptOutFieldNumber)) {
      std::uint64_t value = 0;
      if (!input.ReadVarint64(&value)) return false;
      (number == v1::Patient::kStatusFieldNumber ? status : opt_out) = value;
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return false;
    }
  }
  // The two fields are all StopsFollowUp reads: one rule, whichever form the record is in.
  v1::Patient patient;
  patient.set_status(static_cast<v1::PatientStatus>(status));
  patient.set_follow_up_opt_out(opt_out != 0);
  v1::CloseReason reason = v1::CLOSE_REASON_UNSPECIFIED;
  std::string why;
  return StopsFollowUp(patient, &reason, &why);
}

const std::vector<std::string>& BuiltinDeathDispositions() {
  // What HIS systems send: English words, Chinese ones, and HL7 v2's discharge disposition
  // (PV1-36, table 0112) 20 "expired"; 40-42 are the hospice "expired" codes of the same table.
  static const std::vector<std::string> words = {"died", "expired", "death", "deceased", "dead",
                                                 "20",   "40",      "41",    "42",       "死亡",
                                                 "已故", "病故",    "去世",  "院内死亡"};
  return words;
}

bool IsDeathDisposition(std::string_view disposition, const v1::FollowUpSettings& settings) {
  const std::string given = Canonical(disposition);
  if (given.empty()) return false;
  for (const std::string& word : BuiltinDeathDispositions()) {
    if (given == word) return true;
  }
  for (const std::string& word : settings.death_dispositions()) {
    if (given == Canonical(word)) return true;
  }
  return false;
}

}  // namespace kefu::followup
