#include "rpc/unknown_fields.hpp"

#include "rpc/v1.hpp"

#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>

namespace kefu::rpc {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

Status Check(const Message& message, const std::string& path) {
  const auto* reflection = message.GetReflection();
  const auto& unknown = reflection->GetUnknownFields(message);
  if (!unknown.empty()) {
    return Status::InvalidArgument(
        (path.empty() ? std::string("request") : path) + " has field number " +
        std::to_string(unknown.field(0).number()) + ", which " +
        PublicName(message.GetDescriptor()) +
        " does not declare (is the caller built against a newer kefu.v1?)");
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string name = (path.empty() ? "" : path + ".") + field->name();
    if (field->is_map()) continue;  // map entries are synthesised: no unknown fields to hide
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        KEFU_RETURN_IF_ERROR(Check(reflection->GetRepeatedMessage(message, field, i),
                                   name + "[" + std::to_string(i) + "]"));
      }
    } else {
      KEFU_RETURN_IF_ERROR(Check(reflection->GetMessage(message, field), name));
    }
  }
  return Status::Ok();
}

}  // namespace

Status RejectUnknownFields(const Message& message) { return Check(message, ""); }

}  // namespace kefu::rpc
