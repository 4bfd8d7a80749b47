// Who may be called. One rule for every path that opens, keeps or lists a follow-up call: a
// patient who died, opted out, was cured or was merged into another record is never called, and
// a discharge whose disposition records a death marks the patient deceased.
#ifndef KEFU_SRC_FOLLOWUP_CALLABLE_HPP
#define KEFU_SRC_FOLLOWUP_CALLABLE_HPP

#include <string>
#include <string_view>
#include <vector>

#include "messages/v1.hpp"

namespace kefu::followup {

// Why the patient's follow-up must stop (*reason, and *why in words); false when nothing stops
// it. An unreachable patient is not stopped: their plan pauses (see patient_changes.hpp).
bool StopsFollowUp(const v1::Patient& patient, v1::CloseReason* reason, std::string* why);

// Whether a stored kefu.v1.Patient record stops follow-up, read without decoding the record (the
// worklist holds thousands); false also when the record is badly framed (the caller checks that).
bool StoredPatientStopsFollowUp(std::string_view record);

// The dispositions kefu recognises as a death without configuration, lower-case.
const std::vector<std::string>& BuiltinDeathDispositions();

// Whether a discharge disposition records a death: one of the built-in words or codes, or one
// the hospital added (FollowUpSettings.death_dispositions), ignoring ASCII case and surrounding
// spaces.
bool IsDeathDisposition(std::string_view disposition, const v1::FollowUpSettings& settings);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CALLABLE_HPP
