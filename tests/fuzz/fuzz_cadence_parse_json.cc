// Fuzz target: kefu_cadence_parse_json with any text; a policy that parses is used everywhere.
#include <string>

#include "fuzz_cadence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  kefu_cadence* c = nullptr;
  if (kefu_cadence_parse_json(json.c_str(), &c) == KEFU_OK) kefu_fuzz::Exercise(c);
  kefu_cadence_free(c);
  return 0;
}
