// Conversions between kefu.v1 messages and the core's value types. Conversions from messages
// validate: an unset or impossible field gives InvalidArgument naming it.
#ifndef KEFU_SRC_MESSAGES_CONVERT_HPP
#define KEFU_SRC_MESSAGES_CONVERT_HPP

#include <string>

#include "kefu/cadence.hpp"
#include "kefu/date.hpp"
#include "messages/v1.hpp"

namespace kefu::messages {

// A required date: InvalidArgument naming `field` if unset, nonexistent or out of range.
Status DayFromProto(bool present, const v1::Date& date, const std::string& field, Day* out);
void DayToProto(Day day, v1::Date* out);

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
    default: break;
  }
  return Status::InvalidArgument(
      "policy_source is unset: give builtin (a policy name) or policy (a CadencePolicy)");
}

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_CONVERT_HPP
