// UTF-8 well-formedness, for text that arrives through the C ABI as raw bytes.
#ifndef KEFU_SRC_BASE_UTF8_HPP
#define KEFU_SRC_BASE_UTF8_HPP

#include <string_view>

namespace kefu {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace kefu

#endif  // KEFU_SRC_BASE_UTF8_HPP
