// What the cadence fuzz targets do with a policy that parsed: use it everywhere the ABI allows.
#ifndef KEFU_TESTS_FUZZ_FUZZ_CADENCE_HPP
#define KEFU_TESTS_FUZZ_FUZZ_CADENCE_HPP

#include <cstdlib>

#include "kefu/kefu.h"

namespace kefu_fuzz {

inline void Exercise(kefu_cadence* c) {
  const int32_t days[] = {KEFU_MIN_DAY,      -1,          0, 20000, 20514, 60000,
                          KEFU_MAX_DAY - 40, KEFU_MAX_DAY};
  kefu_window windows[64];
  for (int32_t anchor : days) {
    size_t written = 0;
    if (kefu_cadence_expand(c, anchor, windows, 64, &written) != KEFU_OK || written > 64)
      std::abort();
    for (size_t i = 0; i < written; ++i) {
      // Windows are numbered in order, open before they are due, never before the anchor, and
      // stay inside the supported calendar.
      if (windows[i].seq != static_cast<int32_t>(i + 1) || windows[i].opens > windows[i].due ||
          windows[i].opens < anchor || windows[i].due > KEFU_MAX_DAY ||
          (i > 0 && windows[i].due <= windows[i - 1].due)) {
        std::abort();
      }
    }
    for (int32_t day : days) {
      kefu_window next;
      const kefu_status s = kefu_cadence_next(c, anchor, day, &next);
      if (s == KEFU_OK && (next.due < day || next.seq < 1)) std::abort();
      if (s != KEFU_OK && s != KEFU_ERR_NOT_FOUND) std::abort();
    }
  }
  kefu_window batch[8];
  if (kefu_cadence_next_batch(c, days, 8, 20514, batch) != KEFU_OK) std::abort();
}

}  // namespace kefu_fuzz

#endif  // KEFU_TESTS_FUZZ_FUZZ_CADENCE_HPP
