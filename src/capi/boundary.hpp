// The C boundary's one error adapter: turns a kefu::Status into a kefu_status, records this
// thread's last error message, and keeps every exception from crossing into C.
#ifndef KEFU_SRC_CAPI_BOUNDARY_HPP
#define KEFU_SRC_CAPI_BOUNDARY_HPP

#include <exception>
#include <new>
#include <string>

#include "kefu/kefu.h"
#include "kefu/status.hpp"

namespace kefu::capi {

// Records the failure as this thread's last error and returns its status (OK passes through).
kefu_status Report(const Status& status);

// InvalidArgument "<name> is NULL".
kefu_status NullArgument(const char* name);

// Runs `body` (returning Status or kefu_status); exceptions become KEFU_ERR_INTERNAL.
template <class Body>
kefu_status Guard(Body&& body) noexcept {
  try {
    if constexpr (std::is_same_v<decltype(body()), kefu_status>) {
      return body();
    } else {
      return Report(body());
    }
  } catch (const std::bad_alloc&) {
    return Report(Status::Internal("out of memory"));
  } catch (const std::exception& e) {
    return Report(Status::Internal(std::string("unexpected failure: ") + e.what()));
  } catch (...) {
    return Report(Status::Internal("unexpected failure"));
  }
}

}  // namespace kefu::capi

#endif  // KEFU_SRC_CAPI_BOUNDARY_HPP
