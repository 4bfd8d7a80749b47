// What every kefu subcommand shares: a session on an archive through the C ABI, readable tables,
// JSON for scripts, and exit codes that follow the status.
#ifndef KEFU_SRC_CLI_OUTPUT_HPP
#define KEFU_SRC_CLI_OUTPUT_HPP

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "kefu/kefu.h"
#include "kefu/status.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {

// Prints "kefu: KEFU_ERR_...: message" on stderr and returns the exit code (the status value).
int Fail(const Status& status);

// The Status of a failed C call, with this thread's last error message.
Status FromC(kefu_status status);

// An archive and a session on it, closed on destruction.
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Status Open(const std::string& path, const std::string& actor);

  // Calls `method` with `request` through kefu_call and decodes the response into `response`.
  Status Call(const std::string& method, const google::protobuf::Message& request,
              google::protobuf::Message* response);
  // Calls `method` through kefu_call_json.
  Status CallJson(const std::string& method, const std::string& request_json,
                  std::string* response_json);

 private:
  kefu_db* db_ = nullptr;
  kefu_session* session_ = nullptr;
};

// `message` in protobuf's JSON mapping, indented, with a final newline.
std::string ToJson(const google::protobuf::Message& message);

// "2026-01-31"; "" for an unset date.
std::string DateText(const v1::Date& date);
// A day number as a message date.
v1::Date DateOfDay(std::int32_t day);
// "CHANNEL_HOME_VISIT" -> "home visit"; "" for an ..._UNSPECIFIED value.
std::string EnumWords(const std::string& enum_name, const std::string& prefix);
// A --flag's YYYY-MM-DD value (the library checks that the date exists and is in range).
Status ParseDateFlag(const std::string& text, const std::string& flag, v1::Date* out);
// A --flag's whole-number value.
Status ParseNumberFlag(const std::string& text, const std::string& flag, std::int64_t* out);

// Terminal columns a UTF-8 string takes: East Asian wide characters count two.
std::size_t DisplayWidth(const std::string& text);

// A table printed with aligned columns.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_OUTPUT_HPP
