#include "cli/output.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <cstdio>
#include <cstdlib>

#include <google/protobuf/util/json_util.h>

#include "base/days.hpp"
#include "kefu/date.hpp"

namespace kefu::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "kefu: %s: %s\n", CodeName(status.code()), status.message().c_str());
  return static_cast<int>(status.code());
}

Status FromC(kefu_status status) { return Status(static_cast<Code>(status), kefu_last_error()); }

Connection::~Connection() {
  kefu_session_close(session_);
  kefu_close(db_);
}

Status Connection::Open(const std::string& path, const std::string& actor, bool must_exist,
                        const std::string& admin) {
  v1::OpenOptions options;
  options.set_must_exist(must_exist);
  options.set_admin(admin);
  const std::string bytes = options.SerializeAsString();
  if (kefu_status s = kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db_);
      s != KEFU_OK) {
    return FromC(s);
  }
  if (kefu_status s = kefu_session_open(db_, actor.c_str(), &session_); s != KEFU_OK) {
    return FromC(s);
  }
  return Status::Ok();
}

Status Connection::UtcOffsetMinutes(int* minutes) {
  v1::GetClockResponse clock;
  KEFU_RETURN_IF_ERROR(Call("kefu.v1.SystemService/GetClock", v1::GetClockRequest(), &clock));
  *minutes = clock.utc_offset_minutes();
  return Status::Ok();
}

Status Connection::Call(const std::string& method, const google::protobuf::Message& request,
                        google::protobuf::Message* response) {
  const std::string bytes = request.SerializeAsString();
  kefu_buffer out{nullptr, 0};
  const kefu_status s = kefu_call(session_, method.c_str(), bytes.data(), bytes.size(), &out);
  if (s != KEFU_OK) return FromC(s);
  const bool parsed = response->ParseFromArray(out.data, static_cast<int>(out.size));
  kefu_buffer_free(&out);
  if (!parsed) return Status::Internal("the response to " + method + " did not decode");
  return Status::Ok();
}

Status Connection::CallJson(const std::string& method, const std::string& request_json,
                            std::string* response_json) {
  kefu_buffer out{nullptr, 0};
  const kefu_status s = kefu_call_json(session_, method.c_str(), request_json.c_str(), &out);
  if (s != KEFU_OK) return FromC(s);
  response_json->assign(reinterpret_cast<const char*>(out.data), out.size);
  kefu_buffer_free(&out);
  return Status::Ok();
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

std::string DateText(const v1::Date& d) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return "";
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return text;
}

Status ParseDateFlag(const std::string& text, const std::string& flag, v1::Date* out) {
  int y = 0, m = 0, d = 0;
  char rest = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3) {
    return Status::InvalidArgument(flag + " is " + Quote(text) + ": expected YYYY-MM-DD");
  }
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return Status::Ok();
}

Status ParseNumberFlag(const std::string& text, const std::string& flag, std::int64_t* out) {
  try {
    std::size_t used = 0;
    *out = std::stoll(text, &used);
    if (used == text.size()) return Status::Ok();
  } catch (const std::exception&) {
  }
  return Status::InvalidArgument(flag + " is " + Quote(text) + ": expected a number");
}

std::string Count(long long n, const std::string& noun, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? noun : plural.empty() ? noun + "s" : plural);
}

std::string Percent(double rate, long long denominator) {
  if (denominator == 0) return "—";
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", rate * 100);
  return text;
}

std::string LocalTime(std::int64_t ms, int utc_offset_minutes) {
  const Day day = DayOfMs(ms, utc_offset_minutes);
  const std::int64_t minute = (ms - MidnightMs(day, utc_offset_minutes)) / 60000;
  char text[64];
  const int hours = utc_offset_minutes / 60, minutes = std::abs(utc_offset_minutes % 60);
  std::snprintf(text, sizeof text, " %02d:%02d UTC%+d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60), hours);
  std::string zone = text;
  if (minutes != 0) zone += ":" + std::to_string(minutes);
  return FormatDay(day) + zone;
}

std::string Printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t code = c;
    if (c == 0xC2 && i + 1 < text.size()) {
      code = static_cast<unsigned char>(text[i + 1]);  // U+0080..U+00BF: C1 lies in 0x80..0x9F
      if (code < 0x80 || code > 0x9F) code = 0x100;
    }
    const bool control = c < 0x20 || c == 0x7F || (c == 0xC2 && code >= 0x80 && code <= 0x9F);
    if (!control || c == '\n' || c == '\t') {
      out += text[i];
      continue;
    }
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c == 0xC2 ? code : c));
    out += escaped;
    if (c == 0xC2) ++i;
  }
  return out;
}

std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t code = length == 1 ? c : c & (0x3Fu >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = code << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    // East Asian wide characters take two columns in a terminal.
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

std::string Table::Render() const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace kefu::cli
