// Page tokens for list calls: opaque to callers, "after this key" to kefu.
#ifndef KEFU_SRC_BASE_PAGING_HPP
#define KEFU_SRC_BASE_PAGING_HPP

#include <cstdint>
#include <string>

#include "kefu/status.hpp"

namespace kefu {

inline constexpr int kMaxPageSize = 1000;

// Checks page_size (0 means `default_size`) and decodes page_token (empty: from the start).
Status ParsePaging(int page_size, int default_size, const std::string& page_token, int* size,
                   std::int64_t* after);

std::string PageToken(std::int64_t last_key);

}  // namespace kefu

#endif  // KEFU_SRC_BASE_PAGING_HPP
