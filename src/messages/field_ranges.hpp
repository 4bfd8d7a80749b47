// Every time and day of every request lies in kefu's calendar, checked once for every method
// before its handler runs: a field named *_ms (Unix milliseconds) is 0 (unset) or within
// 1900-01-01..2200-12-31, and a kefu.v1.Date is unset or a day that exists in those years. A
// method adds what its domain says beyond that (a call is not in the future, say).
#ifndef KEFU_SRC_MESSAGES_FIELD_RANGES_HPP
#define KEFU_SRC_MESSAGES_FIELD_RANGES_HPP

#include <google/protobuf/message.h>

#include "kefu/status.hpp"

namespace kefu::messages {

// InvalidArgument naming the field's path and value ("contact.at_ms is 9223372036854775807: ...").
Status CheckFieldRanges(const google::protobuf::Message& request);

}  // namespace kefu::messages

#endif  // KEFU_SRC_MESSAGES_FIELD_RANGES_HPP
