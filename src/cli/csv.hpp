// Reading CSV as HIS systems export it (RFC 4180: commas, double-quoted fields with "" inside,
// CRLF or LF line ends, an optional UTF-8 byte-order mark), with the line each record began on.
// Files are read a block at a time, so that an export of millions of rows takes the memory of one
// batch of rows; a file that is not UTF-8 is read as GB18030 (the superset of GBK that Chinese
// HIS exports use), or refused naming the line.
#ifndef KEFU_SRC_CLI_CSV_HPP
#define KEFU_SRC_CLI_CSV_HPP

#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/status.hpp"

namespace kefu::cli {

struct CsvRecord {
  int line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
};

// The CSV grammar, fed text in pieces of any size; complete records are appended to `out`.
class CsvParser {
 public:
  explicit CsvParser(std::string name) : name_(std::move(name)) {}
  void Feed(std::string_view text, std::deque<CsvRecord>* out);
  // The end of the text. InvalidArgument naming the line of a quoted field never closed.
  Status Finish(std::deque<CsvRecord>* out);

 private:
  void Char(char c, std::deque<CsvRecord>* out);
  void EndField();
  void EndRecord(std::deque<CsvRecord>* out);

  std::string name_;
  CsvRecord record_{1, {}};
  std::string field_;
  std::string start_;  // the text's first bytes while they may be a byte-order mark
  bool at_start_ = true, quoted_ = false, field_started_ = false;
  bool quote_pending_ = false;  // a '"' inside a quoted field: "" or the closing quote?
  bool cr_pending_ = false;     // a '\r': CRLF, or a lone CR kept as text?
  int line_ = 1, quote_line_ = 0;
};

// Parses a whole text at once.
Status ParseCsv(const std::string& text, const std::string& name, std::vector<CsvRecord>* out);

// A batch of rows of a CSV file with a header row, keyed by column name (lower-cased, trimmed).
struct CsvTable {
  std::string name;  // the file, for messages
  std::vector<std::string> columns;
  std::vector<CsvRecord> rows;
  // The field of `column` in row `i` ("" when the column is absent), trimmed.
  std::string Get(std::size_t i, const std::string& column) const;
  bool Has(const std::string& column) const;
};

// What a file's header must hold: the columns kefu reads and those required. A column kefu does
// not know is refused when `strict`, else ignored and listed in `unknown`.
struct CsvColumns {
  const std::vector<std::string>& known;
  const std::vector<std::string>& required;
  bool strict = false;
};

// Parses a whole CSV text with a header row into one table named `name` (every column known).
Status ParseCsvTable(const std::string& text, const std::string& name,
                     const std::vector<std::string>& known,
                     const std::vector<std::string>& required, CsvTable* out);

enum class CsvEncoding { kAuto, kUtf8, kGb18030 };

// "auto", "utf-8", "gb18030" (or "gbk"); InvalidArgument naming --encoding otherwise.
Status ParseCsvEncoding(const std::string& text, CsvEncoding* out);

// A CSV file read in batches of rows.
class CsvFile {
 public:
  // Opens `path`, decides its encoding (auto: UTF-8 if the whole file is, else GB18030) and
  // reads the header. Io when the file cannot be read; InvalidArgument naming the file (and the
  // line) for a bad header or bytes of neither encoding. `scanned`: an earlier Open of the same
  // file decided `encoding` already, so the file is not scanned for UTF-8 again.
  static Status Open(const std::string& path, CsvEncoding encoding, const CsvColumns& columns,
                     std::unique_ptr<CsvFile>* out, bool scanned = false);
  ~CsvFile();

  // The next batch of at most `max_rows` rows into `batch` (its name and columns set); *done when
  // the file has no more rows (the batch may still hold the last ones).
  Status NextBatch(std::size_t max_rows, CsvTable* batch, bool* done);

  const std::string& name() const { return name_; }
  CsvEncoding encoding() const { return encoding_; }  // as decided
  const std::vector<std::string>& unknown_columns() const { return unknown_; }
  std::uint64_t size() const { return size_; }  // bytes
  std::uint64_t bytes_read() const { return read_; }

 private:
  CsvFile() : parser_("") {}
  Status Fill();  // reads, decodes and parses the next block

  std::string name_;
  std::ifstream in_;
  CsvEncoding encoding_ = CsvEncoding::kUtf8;
  void* iconv_ = nullptr;  // iconv_t for GB18030 -> UTF-8
  std::string carry_;      // undecoded bytes of a character split between blocks
  CsvParser parser_;
  std::deque<CsvRecord> ready_;
  std::vector<std::string> columns_, unknown_;
  std::uint64_t size_ = 0, read_ = 0;
  int lines_ = 1;  // lines of raw input read, for messages about undecodable bytes
  bool eof_ = false;
};

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_CSV_HPP
