#include "messages/json.hpp"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "messages/v1.hpp"

namespace kefu::messages {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::json;

// Follows the JSON text through the message types it fills: each open object with its type
// (null where kefu does not look: inside an unknown field) and the fields given in it so far,
// each open array with its field; the path to where it is, for messages.
class Reader : public nlohmann::json_sax<Json> {
 public:
  explicit Reader(const Descriptor* root) : root_(root) {
    stack_.reserve(8);
    given_.reserve(32);
  }

  bool start_object(std::size_t) override {
    const FieldDescriptor* field = Field();
    const Descriptor* type = stack_.empty() ? root_ : MessageOf(field);
    stack_.push_back(Frame{false, type, field, given_.size(), 0, KeyHere()});
    key_field_ = nullptr;
    return true;
  }
  bool key(string_t& key) override {
    key_field_ = nullptr;
    if (const Descriptor* type = stack_.back().type; type != nullptr) {
      key_field_ = type->FindFieldByCamelcaseName(key);
      if (key_field_ == nullptr) key_field_ = type->FindFieldByName(key);
    }
    // A field is given once, under either of its names. (A key that names no field is refused
    // by protobuf's parser, which names it.)
    if (key_field_ == nullptr) {
      key_ = key;
      return true;
    }
    const Given given{key_field_, key == key_field_->camelcase_name()};
    if (const Given* before = GivenBefore(key_field_); before != nullptr) {
      problem = before->by_camelcase_name == given.by_camelcase_name
                    ? "the key \"" + key + "\" is given twice in one object"
                    : "the field " + key_field_->camelcase_name() + " is given twice in one " +
                          "object, as \"" + key_field_->name() + "\" and as \"" +
                          key_field_->camelcase_name() + "\"";
      problem += Where();
      return false;
    }
    given_.push_back(given);
    key_ = key;
    return true;
  }
  bool end_object() override {
    given_.resize(stack_.back().given_from);
    stack_.pop_back();
    Next();
    return true;
  }
  bool start_array(std::size_t) override {
    const FieldDescriptor* field = Field();
    stack_.push_back(Frame{true, nullptr, field, given_.size(), 0, KeyHere()});
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
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    problem = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    if (const auto at = problem.find("parse error"); at != std::string::npos)
      problem = problem.substr(at);
    return false;
  }

  std::string problem;

 private:
  struct Given {
    const FieldDescriptor* field;
    bool by_camelcase_name;  // or by its proto name
  };
  // Where the current object already gave `field`, or null (a message has a few dozen fields at
  // most: a scan is enough).
  const Given* GivenBefore(const FieldDescriptor* field) const {
    for (std::size_t i = stack_.back().given_from; i < given_.size(); ++i) {
      if (given_[i].field == field) return &given_[i];
    }
    return nullptr;
  }
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
    std::size_t given_from;        // where an object's fields begin in given_
    std::size_t index;             // an array's current element
    std::string key_in_parent;
  };
  const Descriptor* root_;
  std::vector<Frame> stack_;
  std::vector<Given> given_;                    // the fields given in each open object, in turn
  const FieldDescriptor* key_field_ = nullptr;  // the field of the current object's last key
  std::string key_;                             // the current object's last key
};

// InvalidArgument naming `what`, the line and column (and the key) where `json` stops being a
// strict JSON text of `type`.
Status CheckStrictJson(std::string_view json, const Descriptor* type, std::string_view what) {
  Reader reader(type);
  const bool ok =
      Json::sax_parse(json.begin(), json.end(), &reader, nlohmann::detail::input_format_t::json,
                      /*strict=*/true, /*ignore_comments=*/false);
  if (ok) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " is not a valid " + PublicName(type) +
                                 " in JSON: " + reader.problem + " (RFC 8259 JSON only)");
}

}  // namespace

Status ParseJson(std::string_view json, std::string_view what, google::protobuf::Message* out) {
  KEFU_RETURN_IF_ERROR(CheckStrictJson(json, out->GetDescriptor(), what));
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, out, options);
  if (!parsed.ok()) {
    return Status::InvalidArgument(std::string(what) + " is not a valid " +
                                   PublicName(out->GetDescriptor()) +
                                   " in JSON: " + std::string(parsed.message()));
  }
  return Status::Ok();
}

}  // namespace kefu::messages
