// Fuzz target: kefu_cadence_parse with any bytes; a policy that parses is used everywhere.
#include "fuzz_cadence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kefu_cadence* c = nullptr;
  if (kefu_cadence_parse(data, size, &c) == KEFU_OK) kefu_fuzz::Exercise(c);
  kefu_cadence_free(c);
  return 0;
}
