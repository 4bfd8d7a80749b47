// Conversions between kefu.v1 messages and the core's value types. Conversions from messages
// validate: an unset or impossible field gives InvalidArgument naming it.
#ifndef KEFU_SRC_MESSAGES_CONVERT_HPP
#define KEFU_SRC_MESSAGES_CONVERT_HPP

#include <string>

#include "kefu/cadence.hpp"
#include "kefu/date.hpp"
#include "messages/v1.hpp"

namespace kefu::messages {

// Day numbers and kefu.v1.Date, the one conversion each way. DayOf takes a date already checked
// (every request's are, before its handler runs: field_ranges.hpp).
Day DayOf(const v1::Date& date);
v1::Date DateOf(Day day);
inline bool IsUnset(const v1::Date& d) { return d.year() == 0 && d.month() == 0 && d.day() == 0; }
// 0 for an unset date (the columns of optional days hold 0).
inline Day OptionalDayOf(const v1::Date& d) { return IsUnset(d) ? 0 : DayOf(d); }
// An enum value's name in words: EnumWords("CALL_OUTCOME_NO_ANSWER", "CALL_OUTCOME_") is
// "no answer"; the UNSPECIFIED value is "".
std::string EnumWords(const std::string& enum_name, const std::string& prefix);

// A required date: InvalidArgument naming `field` if unset, nonexistent or out of range.
Status DayFromProto(bool present, const v1::Date& date, const std::string& field, Day* out);

void TimeOfDayToProto(int minutes, v1::TimeOfDay* out);

// Copies the policy, checking call_time; the enums are copied as numbers and checked, with
// everything else, by Cadence::Compile.
Status PolicyFromProto(const v1::CadencePolicy& proto, Policy* out);

// Compiles a policy message: PolicyFromProto then Cadence::Compile.
Status CadenceFromProto(const v1::CadencePolicy& proto, Cadence* out);
void PolicyToProto(const Policy& policy, v1::CadencePolicy* out);

// The cadence a request names: *out points at the compiled built-in, or at *storage holding
// the request's own policy, compiled.
template <class Request>
Status CadenceFromRequest(const Request& request, Cadence* storage, const Cadence** out) {
  switch (request.policy_source_case()) {
    case Request::kBuiltin:
      if ((*out = Cadence::FindBuiltin(request.builtin())) != nullptr) return Status::Ok();
      return Cadence::Builtin(request.builtin(), storage);  // NotFound, naming the value
    case Request::kPolicy:
      *out = storage;
      return CadenceFromProto(request.policy(), storage);
    default:
      break;
  }
  return Status::InvalidArgument(
      "policy_source is unset: give builtin (a policy name) or policy (a CadencePolicy)");
}

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_CONVERT_HPP
