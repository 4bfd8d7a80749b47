// kefu_call_json takes RFC 8259 JSON only. Protobuf's own parser (3.21) is lenient: it takes
// single quotes, trailing commas, a key given twice (the last wins) and "yes"/"no"/"1" for a
// boolean, and would write them. Every request is first read by a strict parser (nlohmann-json,
// with its default, standard grammar) that also knows the request's message type: a key given twice
// in one object, or a boolean field given anything but true or false, is refused too.
#ifndef KEFU_SRC_RPC_STRICT_JSON_HPP
#define KEFU_SRC_RPC_STRICT_JSON_HPP

#include <string_view>

#include <google/protobuf/descriptor.h>

#include "kefu/status.hpp"

namespace kefu::rpc {

// InvalidArgument naming the line and column (and the key) where `json` stops being a strict
// JSON text of `type`. Type checks beyond these two are protobuf's.
Status CheckStrictJson(std::string_view json, const google::protobuf::Descriptor* type);

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_STRICT_JSON_HPP
