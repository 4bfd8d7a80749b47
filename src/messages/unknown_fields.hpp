// Finds fields a message carries that its type does not declare. kefu refuses them rather than
// drop them silently: a caller built against a newer kefu.v1 would otherwise lose data without
// knowing.
#ifndef KEFU_SRC_MESSAGES_UNKNOWN_FIELDS_HPP
#define KEFU_SRC_MESSAGES_UNKNOWN_FIELDS_HPP

#include <string>

#include <google/protobuf/message.h>

#include "kefu/status.hpp"

namespace kefu::messages {

// OK when neither `message` nor any message inside it holds unknown fields; otherwise
// InvalidArgument naming the field path (from `root`, the message's own name) and number.
Status RejectUnknownFields(const google::protobuf::Message& message,
                           const std::string& root = "request");

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_UNKNOWN_FIELDS_HPP
