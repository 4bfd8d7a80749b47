#include "base/paging.hpp"

#include <charconv>

namespace kefu {

Status ParsePaging(int page_size, int default_size, const std::string& page_token, int* size,
                   std::int64_t* after) {
  if (page_size < 0 || page_size > kMaxPageSize) {
    return Status::InvalidArgument("page_size is " + std::to_string(page_size) +
                                   ": must be 1..1000 (0 for the default)");
  }
  *size = page_size == 0 ? default_size : page_size;
  *after = 0;
  if (page_token.empty()) return Status::Ok();
  std::int64_t key = 0;
  const char* first = page_token.data() + 1;
  const char* last = page_token.data() + page_token.size();
  const auto [end, error] = std::from_chars(first, last, key);
  if (page_token[0] != 'k' || error != std::errc() || end != last || key < 0) {
    return Status::InvalidArgument("page_token is " + Quote(page_token) +
                                   ": not a token this library handed out");
  }
  *after = key;
  return Status::Ok();
}

std::string PageToken(std::int64_t last_key) { return "k" + std::to_string(last_key); }

}  // namespace kefu
