// Fuzz target: kefu_call's dispatch with any method and any bytes, against the seeded in-memory
// archive (every input rolled back after it: see fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string method = kefu_fuzz::MethodFor(data, size);
  kefu_fuzz::Shared().Run(data, size, [&](kefu::Session& session) {
    std::string response;
    (void)kefu::rpc::Dispatcher::Get().CallBinary(session, method, size > 0 ? data + 1 : nullptr,
                                                  size > 0 ? size - 1 : 0, &response);
  });
  return 0;
}
