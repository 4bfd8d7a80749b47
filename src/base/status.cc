#include "kefu/status.hpp"

#include <algorithm>

#include "base/utf8.hpp"

namespace kefu {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "KEFU_OK";
    case Code::kInvalidArgument:
      return "KEFU_ERR_INVALID_ARGUMENT";
    case Code::kNotFound:
      return "KEFU_ERR_NOT_FOUND";
    case Code::kAlreadyExists:
      return "KEFU_ERR_ALREADY_EXISTS";
    case Code::kFailedPrecondition:
      return "KEFU_ERR_FAILED_PRECONDITION";
    case Code::kPermissionDenied:
      return "KEFU_ERR_PERMISSION_DENIED";
    case Code::kUnimplemented:
      return "KEFU_ERR_UNIMPLEMENTED";
    case Code::kIo:
      return "KEFU_ERR_IO";
    case Code::kCorrupt:
      return "KEFU_ERR_CORRUPT";
    case Code::kBusy:
      return "KEFU_ERR_BUSY";
    case Code::kInternal:
      return "KEFU_ERR_INTERNAL";
  }
  return "KEFU_ERR_UNKNOWN";
}

std::string Status::ToString() const {
  std::string s = CodeName(code_);
  if (!message_.empty()) s += ": " + message_;
  return s;
}

}  // namespace kefu

namespace kefu {

std::string Quote(std::string_view value) {
  // Messages must stay valid UTF-8 (Python decodes them): text that is not UTF-8 shows its high
  // bytes escaped, and UTF-8 text is cut only between characters.
  const bool utf8 = IsValidUtf8(value);
  std::size_t shown = std::min<std::size_t>(value.size(), 64);
  while (utf8 && shown > 0 && shown < value.size() &&
         (static_cast<unsigned char>(value[shown]) & 0xC0) == 0x80) {
    --shown;
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f || (!utf8 && c >= 0x80)) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (utf8 && c == 0xC2 && i + 1 < shown &&
               static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      // A C1 control (U+0080..U+009F): shown as its code, never raw (it is a terminal escape).
      static const char kHex[] = "0123456789abcdef";
      const auto code = static_cast<unsigned char>(value[++i]);
      out += "\\u00";
      out += kHex[code >> 4];
      out += kHex[code & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (shown < value.size()) out += "...";
  out += '"';
  return out;
}

}  // namespace kefu
