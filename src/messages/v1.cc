#include "messages/v1.hpp"

namespace kefu {

std::string PublicName(const std::string& full_name) {
  static const std::string kPrivate = "kefu_internal.";
  if (full_name.rfind(kPrivate, 0) == 0) return "kefu." + full_name.substr(kPrivate.size());
  return full_name;
}

}  // namespace kefu
