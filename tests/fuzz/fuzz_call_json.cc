// Fuzz target: kefu_call_json with any method and any text, against an in-memory archive.
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_fuzz::Archive archive;
  kefu_fuzz::Seed(archive);
  const std::string method = kefu_fuzz::MethodFor(data, size);
  const std::string json(reinterpret_cast<const char*>(data) + (size > 0 ? 1 : 0),
                         size > 0 ? size - 1 : 0);
  kefu_buffer out{nullptr, 0};
  kefu_call_json(archive.session, method.c_str(), json.c_str(), &out);
  kefu_buffer_free(&out);
  return 0;
}
