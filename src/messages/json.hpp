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

#include <google/protobuf/message.h>

#include "kefu/status.hpp"

namespace kefu::messages {

// Reads `json` into `out`: the strict reader first, then protobuf's JSON mapping (unknown fields
// refused). On either failure InvalidArgument "<what> is not a valid kefu.v1.<Type> in JSON: ...",
// `what` naming the input (e.g. "request_json"), with the line and column or the key.
Status ParseJson(std::string_view json, std::string_view what, google::protobuf::Message* out);

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_JSON_HPP
