#include "rpc/strict_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <set>
#include <string>
#include <vector>

namespace kefu::rpc {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Follows the JSON text through the message types it fills: each open object with its type
// (null where kefu does not look: an unknown field, a map) and the keys seen so far, each open
// array with its field.
class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  explicit Handler(const Descriptor* root) : root_(root) {}

  bool StartObject() {
    const FieldDescriptor* field = Field();
    const Descriptor* type = stack_.empty() ? root_ : MessageOf(field);
    stack_.push_back(Frame{false, type, nullptr, {}});
    key_field_ = nullptr;
    return true;
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    Frame& object = stack_.back();
    const std::string key(text, length);
    if (!object.keys.insert(key).second) {
      problem = "the key \"" + key + "\" is given twice in one object";
      return false;
    }
    key_field_ = nullptr;
    if (object.type != nullptr) {
      key_field_ = object.type->FindFieldByCamelcaseName(key);
      if (key_field_ == nullptr) key_field_ = object.type->FindFieldByName(key);
    }
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    stack_.pop_back();
    key_field_ = nullptr;
    return true;
  }
  bool StartArray() {
    const FieldDescriptor* field = Field();
    stack_.push_back(Frame{true, nullptr, field, {}});
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    stack_.pop_back();
    return true;
  }
  bool Bool(bool) { return true; }
  // Every other scalar: a boolean field must not receive one.
  bool Default() {
    const FieldDescriptor* field = Field();
    if (field != nullptr && field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      problem = "\"" + field->json_name() + "\" is a boolean: give true or false";
      return false;
    }
    return true;
  }

  std::string problem;

 private:
  // The field the value about to start belongs to (null at the root or where unknown).
  const FieldDescriptor* Field() const {
    if (stack_.empty()) return nullptr;
    return stack_.back().array ? stack_.back().field : key_field_;
  }
  static const Descriptor* MessageOf(const FieldDescriptor* field) {
    if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) {
      return nullptr;
    }
    return field->message_type();
  }

  struct Frame {
    bool array;
    const Descriptor* type;        // an object's message type
    const FieldDescriptor* field;  // an array's field
    std::set<std::string> keys;    // an object's keys so far
  };
  const Descriptor* root_;
  std::vector<Frame> stack_;
  const FieldDescriptor* key_field_ = nullptr;  // the field of the current object's last key
};

// Line and column (from 1) of a byte offset.
std::string Where(std::string_view json, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < json.size(); ++i) {
    if (json[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Status CheckStrictJson(std::string_view json, const Descriptor* type) {
  Handler handler(type);
  rapidjson::Reader reader;
  rapidjson::MemoryStream bytes(json.data(), json.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(bytes);
  const rapidjson::ParseResult result =
      reader.Parse<rapidjson::kParseValidateEncodingFlag>(input, handler);
  if (result) return Status::Ok();
  const std::string why = !handler.problem.empty()
                              ? handler.problem
                              : std::string(rapidjson::GetParseError_En(result.Code()));
  std::string name = type->full_name();
  if (name.rfind("kefu_internal.", 0) == 0) name = "kefu." + name.substr(14);
  return Status::InvalidArgument("request_json is not a valid " + name + " in JSON: " + why +
                                 " at " + Where(json, result.Offset()) + " (RFC 8259 JSON only)");
}

}  // namespace kefu::rpc
