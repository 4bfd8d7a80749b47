#include "messages/field_ranges.hpp"

#include <string>
#include <unordered_map>

#include <google/protobuf/descriptor.h>

#include "base/days.hpp"
#include "kefu/date.hpp"

namespace kefu::messages {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsDate(const Descriptor* type) {
  return type->name() == "Date" && type->file()->package() == "kefu_internal.v1";
}

bool IsMillis(const FieldDescriptor* field) {
  const std::string& name = field->name();
  return field->cpp_type() == FieldDescriptor::CPPTYPE_INT64 && name.size() > 3 &&
         name.compare(name.size() - 3, 3, "_ms") == 0;
}

// Whether a message type holds, at any depth, a field this check looks at: most do not, and are
// passed over without walking their fields. Computed once per type and thread (no lock on the
// path every call takes).
bool Relevant(const Descriptor* type) {
  thread_local std::unordered_map<const Descriptor*, bool> known;
  if (const auto it = known.find(type); it != known.end()) return it->second;
  known[type] = false;  // a recursive type is not relevant through itself
  bool relevant = IsDate(type);
  for (int i = 0; !relevant && i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    relevant = IsMillis(field) || (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                                   Relevant(field->message_type()));
  }
  known[type] = relevant;
  return relevant;
}

Status CheckDate(const Message& date, const std::string& path) {
  const Descriptor* type = date.GetDescriptor();
  const Reflection* r = date.GetReflection();
  const int y = r->GetInt32(date, type->FindFieldByName("year"));
  const int m = r->GetInt32(date, type->FindFieldByName("month"));
  const int d = r->GetInt32(date, type->FindFieldByName("day"));
  if (y == 0 && m == 0 && d == 0) return Status::Ok();
  Day day = 0;
  return DayFromYmd(y, m, d, path, &day);
}

Status CheckMillis(std::int64_t value, const std::string& path) {
  if (value == 0 || (value >= kFirstMs && value <= kLastMs)) return Status::Ok();
  return Status::InvalidArgument(path + " is " + std::to_string(value) +
                                 ": must be within 1900-01-01..2200-12-31 in Unix milliseconds (" +
                                 std::to_string(kFirstMs) + ".." + std::to_string(kLastMs) +
                                 "), or 0 for unset");
}

Status Walk(const Message& message, const std::string& prefix) {
  const Descriptor* type = message.GetDescriptor();
  if (IsDate(type)) return CheckDate(message, prefix.substr(0, prefix.size() - 1));
  const Reflection* r = message.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    const std::string path = prefix + field->name();
    if (IsMillis(field)) {
      if (field->is_repeated()) {
        for (int k = 0; k < r->FieldSize(message, field); ++k) {
          KEFU_RETURN_IF_ERROR(CheckMillis(r->GetRepeatedInt64(message, field, k),
                                           path + "[" + std::to_string(k) + "]"));
        }
      } else {
        KEFU_RETURN_IF_ERROR(CheckMillis(r->GetInt64(message, field), path));
      }
      continue;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || !Relevant(field->message_type())) {
      continue;
    }
    if (field->is_repeated()) {
      for (int k = 0; k < r->FieldSize(message, field); ++k) {
        KEFU_RETURN_IF_ERROR(
            Walk(r->GetRepeatedMessage(message, field, k), path + "[" + std::to_string(k) + "]."));
      }
    } else if (r->HasField(message, field)) {
      KEFU_RETURN_IF_ERROR(Walk(r->GetMessage(message, field), path + "."));
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckFieldRanges(const Message& request) {
  if (!Relevant(request.GetDescriptor())) return Status::Ok();
  return Walk(request, "");
}

}  // namespace kefu::messages
