// Fuzz target: kefu_call_json's dispatch with any method and any text, against the seeded
// in-memory archive (every input rolled back after it: see fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string method = kefu_fuzz::MethodFor(data, size);
  const std::string json(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0),
                         size > 0 ? size - 1 : 0);
  kefu_fuzz::Shared().Run(data, size, [&](kefu::Session& session) {
    std::string response;
    (void)kefu::rpc::Dispatcher::Get().CallJson(session, method, json, &response);
  });
  return 0;
}
