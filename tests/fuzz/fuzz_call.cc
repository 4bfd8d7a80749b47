// Fuzz target: kefu_call with any method and any bytes, against an in-memory archive.
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_fuzz::Archive archive;
  kefu_fuzz::Seed(archive);
  const std::string method = kefu_fuzz::MethodFor(data, size);
  kefu_buffer out{nullptr, 0};
  const uint8_t* request = size > 0 ? data + 1 : nullptr;
  kefu_call(archive.session, method.c_str(), request, size > 0 ? size - 1 : 0, &out);
  kefu_buffer_free(&out);
  return 0;
}
