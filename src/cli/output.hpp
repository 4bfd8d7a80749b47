// What every kefu subcommand shares: a session on an archive through the C ABI, readable tables,
// JSON for scripts, and exit codes that follow the status.
#ifndef KEFU_SRC_CLI_OUTPUT_HPP
#define KEFU_SRC_CLI_OUTPUT_HPP

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "kefu/kefu.h"
#include "kefu/status.hpp"
#include "messages/convert.hpp"
#include "messages/v1.hpp"

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

  // Opens the archive at `path`; with `must_exist`, NotFound instead of creating one. `admin`
  // names the first administrator of an archive this creates (OpenOptions.admin).
  Status Open(const std::string& path, const std::string& actor, bool must_exist,
              const std::string& admin = "");

  // The archive's zone, minutes east of UTC (SystemService/GetClock).
  Status UtcOffsetMinutes(int* minutes);

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
using messages::EnumWords;
// A --flag's YYYY-MM-DD value (the library checks that the date exists and is in range).
Status ParseDateFlag(const std::string& text, const std::string& flag, v1::Date* out);
// A --flag's whole-number value.
Status ParseNumberFlag(const std::string& text, const std::string& flag, std::int64_t* out);

// "1 task", "2 tasks" (`plural` defaults to the noun and an "s").
std::string Count(long long n, const std::string& noun, const std::string& plural = "");
// A rate as a percentage, or "—" when nothing was measured (a rate of nothing is not 0 %).
std::string Percent(double rate, long long denominator);
// Unix milliseconds as "2026-11-24 20:00" in a zone `utc_offset_minutes` east of UTC, with the
// zone ("UTC+8").
std::string LocalTime(std::int64_t ms, int utc_offset_minutes);
// Stored text made safe for a terminal: control characters (C0, DEL, C1) shown as \uXXXX.
std::string Printable(const std::string& text);

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
