// kefu::Status: the outcome of an operation in the C++ core, an error code plus a message that
// names the field and the value. The codes are kefu_status's values, one to one, so the C ABI
// passes them through unchanged. A value type; thread-compatible.
#ifndef KEFU_STATUS_HPP
#define KEFU_STATUS_HPP

#include <string>
#include <string_view>
#include <utility>

namespace kefu {

enum class Code : int {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kAlreadyExists = 3,
  kFailedPrecondition = 4,
  kPermissionDenied = 5,
  kUnimplemented = 6,
  kIo = 7,
  kCorrupt = 8,
  kBusy = 9,
  kInternal = 10,
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Unimplemented(std::string m) { return {Code::kUnimplemented, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "KEFU_ERR_NOT_FOUND: <message>", for logs and test failures.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// `value` in double quotes for an error message: at most 64 bytes of it (then "..."), with
// control characters and quotes escaped, so that hostile input cannot flood or forge a message.
std::string Quote(std::string_view value);

// The stable name of a code, e.g. "KEFU_ERR_NOT_FOUND"; "KEFU_ERR_UNKNOWN" for other values.
const char* CodeName(Code code);

}  // namespace kefu

// Returns the status of `expr` from the enclosing function if it is not OK.
#define KEFU_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::kefu::Status kefu_status_ = (expr);       \
    if (!kefu_status_.ok()) return kefu_status_; \
  } while (false)

#endif  // KEFU_STATUS_HPP
