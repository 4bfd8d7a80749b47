// Helpers for the cadence tests: windows as "opens..due" text, so that tables read as the
// semantics are written.
#ifndef KEFU_TESTS_CADENCE_CADENCE_TEST_UTIL_HPP
#define KEFU_TESTS_CADENCE_CADENCE_TEST_UTIL_HPP

#include <string>
#include <vector>

#include "kefu/cadence.hpp"

namespace kefu::testing_util {

inline std::string Text(const Window& w) { return FormatDay(w.opens) + ".." + FormatDay(w.due); }

inline Day D(const char* ymd) {
  Day day = 0;
  if (!ParseDay(ymd, "test date", &day).ok()) throw std::invalid_argument(ymd);
  return day;
}

inline Cadence Builtin(const char* name) {
  Cadence c;
  if (!Cadence::Builtin(name, &c).ok()) throw std::invalid_argument(name);
  return c;
}

inline std::vector<std::string> ExpandText(const Cadence& c, Day anchor, std::size_t n) {
  std::vector<Window> windows(n);
  windows.resize(c.Expand(anchor, windows.data(), n));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    if (windows[i].seq != static_cast<int>(i + 1)) out.push_back("bad seq");
    out.push_back(Text(windows[i]));
  }
  return out;
}

}  // namespace kefu::testing_util

#endif  // KEFU_TESTS_CADENCE_CADENCE_TEST_UTIL_HPP
