#include "capi/boundary.hpp"

#include <cstring>

namespace kefu::capi {
namespace {

thread_local std::string last_error;

static_assert(static_cast<int>(Code::kInternal) == KEFU_ERR_INTERNAL &&
                  static_cast<int>(Code::kInvalidArgument) == KEFU_ERR_INVALID_ARGUMENT &&
                  static_cast<int>(Code::kBusy) == KEFU_ERR_BUSY,
              "kefu::Code must mirror kefu_status value for value");

}  // namespace

kefu_status Report(const Status& status) {
  if (!status.ok()) {
    try {
      last_error = status.message();
    } catch (...) {
      last_error.clear();  // out of memory: an empty message beats none at all
    }
  }
  return static_cast<kefu_status>(status.code());
}

kefu_status NullArgument(const char* name) {
  return Report(Status::InvalidArgument(std::string(name) + " is NULL"));
}

}  // namespace kefu::capi

extern "C" {

const char* kefu_last_error(void) { return kefu::capi::last_error.c_str(); }

const char* kefu_status_name(kefu_status s) {
  // Read as a plain int: C callers may pass any value, which C++ need not hold in the enum.
  int value = 0;
  static_assert(sizeof value == sizeof s);
  std::memcpy(&value, &s, sizeof value);
  return kefu::CodeName(static_cast<kefu::Code>(value));
}

}  // extern "C"
