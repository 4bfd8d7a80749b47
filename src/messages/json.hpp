// Reading a kefu.v1 message from JSON: RFC 8259 JSON only, on every path that takes JSON
// (kefu_call_json, kefu_cadence_parse_json, the CLI's files).
//
// Protobuf's own parser (3.21) is lenient: it takes single quotes, trailing commas, a key given
// twice (the last wins) and "yes"/"no"/"1" for a boolean, and would write them. Every text is
// first read by a strict parser (nlohmann-json, with its default, standard grammar) that also
// knows the message type: a field given twice in one object (under the same name or under its
// proto and JSON names both), or a boolean field given anything but true or false, is refused
// too. Then protobuf's mapping fills the message, refusing fields the type does not have.
#ifndef KEFU_SRC_MESSAGES_JSON_HPP
#define KEFU_SRC_MESSAGES_JSON_HPP

#include <string_view>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "kefu/status.hpp"

namespace kefu::messages {

// InvalidArgument naming `what` (the input, e.g. "request_json"), the line and column (and the
// key) where `json` stops being a strict JSON text of `type`. Type checks beyond these two are
// protobuf's.
Status CheckStrictJson(std::string_view json, const google::protobuf::Descriptor* type,
                       std::string_view what);

// CheckStrictJson, then protobuf's JSON mapping into `out` (unknown fields refused), with the
// same InvalidArgument "<what> is not a valid kefu.v1.<Type> in JSON: ..." on either failure.
Status ParseJson(std::string_view json, std::string_view what, google::protobuf::Message* out);

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_JSON_HPP
