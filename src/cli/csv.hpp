// Reading CSV as HIS systems export it (RFC 4180: commas, double-quoted fields with "" inside,
// CRLF or LF line ends, an optional UTF-8 byte-order mark), with the line each record began on.
#ifndef KEFU_SRC_CLI_CSV_HPP
#define KEFU_SRC_CLI_CSV_HPP

#include <map>
#include <string>
#include <vector>

#include "kefu/status.hpp"

namespace kefu::cli {

struct CsvRecord {
  int line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
};

// Parses the whole text. InvalidArgument naming `name` and the line for an unterminated quote.
Status ParseCsv(const std::string& text, const std::string& name, std::vector<CsvRecord>* out);

// A CSV file with a header row: the records keyed by column name (lower-cased, trimmed).
struct CsvTable {
  std::string name;                      // the file, for messages
  std::vector<std::string> columns;
  std::vector<CsvRecord> rows;
  // The field of `column` in row `i` ("" when the column is absent), trimmed.
  std::string Get(std::size_t i, const std::string& column) const;
  bool Has(const std::string& column) const;
};

// Parses CSV text with a header row into a table named `name`; checks every column is in
// `known` and every `required` is present, and that each row has as many fields as the header.
Status ParseCsvTable(const std::string& text, const std::string& name,
                     const std::vector<std::string>& known,
                     const std::vector<std::string>& required, CsvTable* out);

// ParseCsvTable on the contents of a file.
Status ReadCsvTable(const std::string& path, const std::vector<std::string>& known,
                    const std::vector<std::string>& required, CsvTable* out);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_CSV_HPP
