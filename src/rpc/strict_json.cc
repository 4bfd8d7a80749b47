#include "rpc/strict_json.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace kefu::rpc {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::json;

// Follows the JSON text through the message types it fills: each open object with its type
// (null where kefu does not look: an unknown field, a map) and the keys seen so far, each open
// array with its field; the path to where it is, for messages.
class Reader : public nlohmann::json_sax<Json> {
 public:
  explicit Reader(const Descriptor* root) : root_(root) {}

  bool start_object(std::size_t) override {
    const FieldDescriptor* field = Field();
    const Descriptor* type = stack_.empty() ? root_ : MessageOf(field);
    stack_.push_back(Frame{false, type, field, {}, 0, KeyHere()});
    key_field_ = nullptr;
    return true;
  }
  bool key(string_t& key) override {
    Frame& object = stack_.back();
    if (!object.keys.insert(key).second) {
      problem = "the key \"" + key + "\" is given twice in one object" + Where();
      return false;
    }
    key_ = key;
    key_field_ = nullptr;
    if (object.type != nullptr) {
      key_field_ = object.type->FindFieldByCamelcaseName(key);
      if (key_field_ == nullptr) key_field_ = object.type->FindFieldByName(key);
    }
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    Next();
    return true;
  }
  bool start_array(std::size_t) override {
    const FieldDescriptor* field = Field();
    stack_.push_back(Frame{true, nullptr, field, {}, 0, KeyHere()});
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    Next();
    return true;
  }
  bool boolean(bool) override { return Scalar(true); }
  bool null() override { return Scalar(false); }
  bool number_integer(number_integer_t) override { return Scalar(false); }
  bool number_unsigned(number_unsigned_t) override { return Scalar(false); }
  bool number_float(number_float_t, const string_t&) override { return Scalar(false); }
  bool string(string_t&) override { return Scalar(false); }
  bool binary(binary_t&) override { return Scalar(false); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    problem = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    if (const auto at = problem.find("parse error"); at != std::string::npos)
      problem = problem.substr(at);
    syntax_position = position;
    return false;
  }

  std::string problem;
  std::size_t syntax_position = 0;

 private:
  // A value ended: in an array, the next element's index.
  void Next() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
  }
  bool Scalar(bool is_bool) {
    const FieldDescriptor* field = Field();
    if (!is_bool && field != nullptr && field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      problem = Path(true) + " is a boolean: give true or false";
      return false;
    }
    Next();
    return true;
  }
  // The field the value about to start belongs to (null at the root or where unknown).
  const FieldDescriptor* Field() const {
    if (stack_.empty()) return nullptr;
    return stack_.back().array ? stack_.back().field : key_field_;
  }
  static const Descriptor* MessageOf(const FieldDescriptor* field) {
    if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->is_map()) {
      return nullptr;
    }
    return field->message_type();
  }
  // The key a value starting now is the value of ("" in an array or at the root).
  std::string KeyHere() const { return !stack_.empty() && !stack_.back().array ? key_ : ""; }
  // "patients[1].phones[0].wrongNumber": where the reader is (with the current key, or not).
  std::string Path(bool with_key) const {
    std::string path;
    auto step = [&path](const Frame& parent, const std::string& key) {
      if (parent.array) {
        path += "[" + std::to_string(parent.index) + "]";
      } else {
        path += (path.empty() ? "" : ".") + key;
      }
    };
    for (std::size_t i = 1; i < stack_.size(); ++i) step(stack_[i - 1], stack_[i].key_in_parent);
    if (with_key && !stack_.empty()) step(stack_.back(), key_);
    return path;
  }
  std::string Where() const {
    const std::string path = Path(false);
    return path.empty() ? "" : " (in " + path + ")";
  }

  struct Frame {
    bool array;
    const Descriptor* type;        // an object's message type
    const FieldDescriptor* field;  // the field this object or array is the value of
    std::set<std::string> keys;    // an object's keys so far
    std::size_t index;             // an array's current element
    std::string key_in_parent;
  };
  const Descriptor* root_;
  std::vector<Frame> stack_;
  const FieldDescriptor* key_field_ = nullptr;  // the field of the current object's last key
  std::string key_;                             // the current object's last key
};

}  // namespace

Status CheckStrictJson(std::string_view json, const Descriptor* type) {
  Reader reader(type);
  const bool ok =
      Json::sax_parse(json.begin(), json.end(), &reader, nlohmann::detail::input_format_t::json,
                      /*strict=*/true, /*ignore_comments=*/false);
  if (ok) return Status::Ok();
  std::string name = type->full_name();
  if (name.rfind("kefu_internal.", 0) == 0) name = "kefu." + name.substr(14);
  return Status::InvalidArgument("request_json is not a valid " + name +
                                 " in JSON: " + reader.problem + " (RFC 8259 JSON only)");
}

}  // namespace kefu::rpc
