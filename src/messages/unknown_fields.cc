#include "messages/unknown_fields.hpp"

#include "messages/v1.hpp"

#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>

namespace kefu::messages {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Where an unknown field was found: the path is built on the way back up, so that a request
// without unknown fields (every call) allocates nothing for it.
struct Unknown {
  std::string path;
  int number = 0;
  const Message* message = nullptr;
};

void Prepend(const std::string& step, Unknown* found) {
  found->path = found->path.empty()          ? step
                : found->path.front() == '[' ? step + found->path
                                             : step + "." + found->path;
}

bool Find(const Message& message, Unknown* found) {
  const auto* reflection = message.GetReflection();
  const auto& unknown = reflection->GetUnknownFields(message);
  if (!unknown.empty()) {
    found->number = unknown.field(0).number();
    found->message = &message;
    return true;
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_map()) continue;  // map entries are synthesised: no unknown fields to hide
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        if (Find(reflection->GetRepeatedMessage(message, field, i), found)) {
          Prepend("[" + std::to_string(i) + "]", found);
          Prepend(field->name(), found);
          return true;
        }
      }
    } else if (Find(reflection->GetMessage(message, field), found)) {
      Prepend(field->name(), found);
      return true;
    }
  }
  return false;
}

}  // namespace

Status RejectUnknownFields(const Message& message, const std::string& root) {
  Unknown found;
  if (!Find(message, &found)) return Status::Ok();
  return Status::InvalidArgument(
      (found.path.empty() ? root : found.path) + " has field number " +
      std::to_string(found.number) + ", which " + PublicName(found.message->GetDescriptor()) +
      " does not declare (is the caller built against a newer kefu.v1?)");
}

}  // namespace kefu::messages
