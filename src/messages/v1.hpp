// kefu's private copy of the kefu.v1 messages (see proto/CMakeLists.txt: generated into package
// kefu_internal.v1 so that a host's own kefu.v1 classes never clash with them), reachable in the
// code as kefu::v1, and the public name of a message type for error messages.
#ifndef KEFU_SRC_MESSAGES_V1_HPP
#define KEFU_SRC_MESSAGES_V1_HPP

#include <string>

#include <google/protobuf/descriptor.h>

#include "kefu_internal/v1/access.pb.h"
#include "kefu_internal/v1/audit.pb.h"
#include "kefu_internal/v1/cadence.pb.h"
#include "kefu_internal/v1/common.pb.h"
#include "kefu_internal/v1/encounter.pb.h"
#include "kefu_internal/v1/followup.pb.h"
#include "kefu_internal/v1/maintenance.pb.h"
#include "kefu_internal/v1/patient.pb.h"
#include "kefu_internal/v1/system.pb.h"
#include "kefu_internal/v1/timeline.pb.h"

namespace kefu {

namespace v1 = ::kefu_internal::v1;

// "kefu_internal.v1.ExpandRequest" -> "kefu.v1.ExpandRequest": the name callers know.
std::string PublicName(const std::string& full_name);

inline std::string PublicName(const google::protobuf::Descriptor* descriptor) {
  return PublicName(descriptor->full_name());
}

}  // namespace kefu

#endif  // KEFU_SRC_MESSAGES_V1_HPP
