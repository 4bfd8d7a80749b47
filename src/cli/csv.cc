#include "cli/csv.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace kefu::cli {
namespace {

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Status ParseCsv(const std::string& input, const std::string& name, std::vector<CsvRecord>* out) {
  std::string_view text = input;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  CsvRecord record;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1;
  record.line = 1;
  auto end_field = [&] {
    record.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) out->push_back(record);
    record = CsvRecord{};
    record.line = line;
  };
  int quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    return Status::InvalidArgument(name + " line " + std::to_string(quote_line) +
                                   ": a quoted field is never closed");
  }
  if (!field.empty() || !record.fields.empty()) end_record();
  return Status::Ok();
}

std::string CsvTable::Get(std::size_t i, const std::string& column) const {
  const auto it = std::find(columns.begin(), columns.end(), column);
  if (it == columns.end()) return "";
  const auto index = static_cast<std::size_t>(it - columns.begin());
  return index < rows[i].fields.size() ? Trim(rows[i].fields[index]) : "";
}

bool CsvTable::Has(const std::string& column) const {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

Status ReadCsvTable(const std::string& path, const std::vector<std::string>& known,
                    const std::vector<std::string>& required, CsvTable* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kIo, Quote(path) + " cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return ParseCsvTable(text.str(), path, known, required, out);
}

Status ParseCsvTable(const std::string& text, const std::string& path,
                     const std::vector<std::string>& known,
                     const std::vector<std::string>& required, CsvTable* out) {
  std::vector<CsvRecord> records;
  out->name = path;
  KEFU_RETURN_IF_ERROR(ParseCsv(text, path, &records));
  if (records.empty()) return Status::InvalidArgument(Quote(path) + " is empty: expected a header row");
  for (const std::string& column : records[0].fields) {
    const std::string name = Lower(Trim(column));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return Status::InvalidArgument(Quote(path) + " has an unknown column " + Quote(name) +
                                     " (known: " + list + ")");
    }
    out->columns.push_back(name);
  }
  for (const std::string& column : required) {
    if (!out->Has(column)) {
      return Status::InvalidArgument(Quote(path) + " has no column " + Quote(column));
    }
  }
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].fields.size() != out->columns.size()) {
      return Status::InvalidArgument(path + " line " + std::to_string(records[i].line) + " has " +
                                     std::to_string(records[i].fields.size()) +
                                     " fields; the header has " +
                                     std::to_string(out->columns.size()));
    }
    out->rows.push_back(std::move(records[i]));
  }
  return Status::Ok();
}

}  // namespace kefu::cli
