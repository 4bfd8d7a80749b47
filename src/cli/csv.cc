#include "cli/csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "base/utf8.hpp"

namespace kefu::cli {
namespace {

constexpr std::size_t kBlockBytes = 1 << 16;

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Where a block may be cut without splitting a UTF-8 character: before a lead byte whose
// sequence does not fit.
std::size_t Utf8Cut(std::string_view block) {
  std::size_t cut = block.size();
  for (std::size_t back = 1; back <= 3 && back <= block.size(); ++back) {
    const auto c = static_cast<unsigned char>(block[block.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length > back) cut = block.size() - back;
    break;
  }
  return cut;
}

int Lines(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Whether the whole file is UTF-8; *bad_line is the first line that is not.
Status ScanUtf8(const std::string& path, bool* valid, int* bad_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kIo, Quote(path) + " cannot be read");
  std::string block, carry;
  int line = 1;
  *valid = true;
  while (in) {
    block.resize(kBlockBytes);
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    block.resize(static_cast<std::size_t>(in.gcount()));
    block.insert(0, carry);
    const std::size_t cut = in ? Utf8Cut(block) : block.size();
    const std::string_view whole(block.data(), cut);
    if (!IsValidUtf8(whole)) {
      // The first bad line, for the message.
      std::size_t start = 0;
      for (std::size_t end = whole.find('\n');; end = whole.find('\n', start)) {
        const std::string_view piece =
            whole.substr(start, end == std::string_view::npos ? end : end - start);
        if (!IsValidUtf8(piece)) break;
        if (end == std::string_view::npos) break;
        ++line;
        start = end + 1;
      }
      *valid = false;
      *bad_line = line;
      return Status::Ok();
    }
    line += Lines(whole);
    carry = block.substr(cut);
  }
  return Status::Ok();
}

}  // namespace

void CsvParser::EndField() {
  record_.fields.push_back(std::move(field_));
  field_.clear();
  field_started_ = false;
}

void CsvParser::EndRecord(std::deque<CsvRecord>* out) {
  EndField();
  const bool blank = record_.fields.size() == 1 && record_.fields[0].empty();
  if (!blank) out->push_back(std::move(record_));
  record_ = CsvRecord{line_, {}};
}

void CsvParser::Char(char c, std::deque<CsvRecord>* out) {
  if (quote_pending_) {
    quote_pending_ = false;
    if (c == '"') {  // "" inside a quoted field
      field_ += '"';
      return;
    }
    quoted_ = false;  // that was the closing quote: c is outside it
  }
  if (quoted_) {
    if (c == '"') {
      quote_pending_ = true;
    } else {
      if (c == '\n') ++line_;
      field_ += c;
    }
    return;
  }
  if (cr_pending_) {
    cr_pending_ = false;
    if (c != '\n') {
      field_ += '\r';
      field_started_ = true;
    }
  }
  if (c == '"' && !field_started_) {
    quoted_ = true;
    field_started_ = true;
    quote_line_ = line_;
  } else if (c == ',') {
    EndField();
  } else if (c == '\r') {
    cr_pending_ = true;
  } else if (c == '\n') {
    ++line_;
    EndRecord(out);
  } else {
    field_ += c;
    field_started_ = true;
  }
}

void CsvParser::Feed(std::string_view text, std::deque<CsvRecord>* out) {
  // A byte-order mark at the start is dropped, even when it arrives split between pieces: its
  // bytes are held back while they match it.
  while (at_start_ && !text.empty()) {
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text[0] != kBom[start_.size()]) {
      at_start_ = false;
      const std::string held = std::move(start_);
      for (const char c : held) Char(c, out);
      break;
    }
    start_ += text[0];
    text.remove_prefix(1);
    if (start_.size() == kBom.size()) {
      at_start_ = false;
      start_.clear();
    }
  }
  for (const char c : text) Char(c, out);
}

Status CsvParser::Finish(std::deque<CsvRecord>* out) {
  if (at_start_) {  // a text that is only the start of a byte-order mark
    at_start_ = false;
    const std::string held = std::move(start_);
    for (const char c : held) Char(c, out);
  }
  if (quote_pending_) {
    quote_pending_ = false;
    quoted_ = false;
  }
  if (quoted_) {
    return Status::InvalidArgument(name_ + " line " + std::to_string(quote_line_) +
                                   ": a quoted field is never closed");
  }
  if (cr_pending_) {
    cr_pending_ = false;
    field_ += '\r';
  }
  if (!field_.empty() || !record_.fields.empty()) EndRecord(out);
  return Status::Ok();
}

Status ParseCsv(const std::string& text, const std::string& name, std::vector<CsvRecord>* out) {
  CsvParser parser(name);
  std::deque<CsvRecord> records;
  parser.Feed(text, &records);
  KEFU_RETURN_IF_ERROR(parser.Finish(&records));
  out->assign(std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
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

namespace {

// The header's columns, checked against what kefu reads.
Status ReadHeader(const CsvRecord& header, const std::string& path, const CsvColumns& expected,
                  std::vector<std::string>* columns, std::vector<std::string>* unknown) {
  std::string list;
  for (const auto& k : expected.known) list += (list.empty() ? "" : ", ") + k;
  for (const std::string& column : header.fields) {
    const std::string name = Lower(Trim(column));
    if (std::find(expected.known.begin(), expected.known.end(), name) == expected.known.end()) {
      if (expected.strict) {
        return Status::InvalidArgument(Quote(path) + " has an unknown column " + Quote(name) +
                                       " (known: " + list + ")");
      }
      unknown->push_back(name);
    }
    columns->push_back(name);
  }
  for (const std::string& column : expected.required) {
    if (std::find(columns->begin(), columns->end(), column) == columns->end()) {
      return Status::InvalidArgument(Quote(path) + " has no column " + Quote(column));
    }
  }
  return Status::Ok();
}

Status CheckWidth(const CsvRecord& row, const std::string& path, std::size_t columns) {
  if (row.fields.size() == columns) return Status::Ok();
  return Status::InvalidArgument(path + " line " + std::to_string(row.line) + " has " +
                                 std::to_string(row.fields.size()) + " fields; the header has " +
                                 std::to_string(columns));
}

}  // namespace

Status ParseCsvTable(const std::string& text, const std::string& path,
                     const std::vector<std::string>& known,
                     const std::vector<std::string>& required, CsvTable* out) {
  std::vector<CsvRecord> records;
  out->name = path;
  KEFU_RETURN_IF_ERROR(ParseCsv(text, path, &records));
  if (records.empty())
    return Status::InvalidArgument(Quote(path) + " is empty: expected a header row");
  std::vector<std::string> unknown;
  KEFU_RETURN_IF_ERROR(
      ReadHeader(records[0], path, CsvColumns{known, required, true}, &out->columns, &unknown));
  for (std::size_t i = 1; i < records.size(); ++i) {
    KEFU_RETURN_IF_ERROR(CheckWidth(records[i], path, out->columns.size()));
    out->rows.push_back(std::move(records[i]));
  }
  return Status::Ok();
}

Status ParseCsvEncoding(const std::string& text, CsvEncoding* out) {
  const std::string name = Lower(text);
  if (name == "auto") {
    *out = CsvEncoding::kAuto;
  } else if (name == "utf-8" || name == "utf8") {
    *out = CsvEncoding::kUtf8;
  } else if (name == "gb18030" || name == "gbk" || name == "gb2312") {
    *out = CsvEncoding::kGb18030;
  } else {
    return Status::InvalidArgument("--encoding is " + Quote(text) + ": auto, utf-8 or gb18030");
  }
  return Status::Ok();
}

Status CsvFile::Open(const std::string& path, CsvEncoding encoding, const CsvColumns& columns,
                     std::unique_ptr<CsvFile>* out, bool scanned) {
  std::unique_ptr<CsvFile> file(new CsvFile());
  file->name_ = path;
  file->parser_ = CsvParser(path);
  if (encoding != CsvEncoding::kGb18030 && !scanned) {
    bool valid = true;
    int bad_line = 0;
    KEFU_RETURN_IF_ERROR(ScanUtf8(path, &valid, &bad_line));
    if (!valid && encoding == CsvEncoding::kUtf8) {
      return Status::InvalidArgument(path + " line " + std::to_string(bad_line) +
                                     " is not UTF-8 (a GBK or GB18030 export? give --encoding "
                                     "gb18030, or --encoding auto)");
    }
    encoding = valid ? CsvEncoding::kUtf8 : CsvEncoding::kGb18030;
  }
  file->encoding_ = encoding;
  if (encoding == CsvEncoding::kGb18030) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      return Status(Code::kInternal, "this system's iconv cannot convert GB18030");
    }
    file->iconv_ = cd;
  }
  file->in_.open(path, std::ios::binary);
  if (!file->in_) return Status(Code::kIo, Quote(path) + " cannot be read");
  std::error_code error;
  file->size_ = std::filesystem::file_size(path, error);
  while (file->ready_.empty() && !file->eof_) KEFU_RETURN_IF_ERROR(file->Fill());
  if (file->ready_.empty())
    return Status::InvalidArgument(Quote(path) + " is empty: expected a header row");
  KEFU_RETURN_IF_ERROR(
      ReadHeader(file->ready_.front(), path, columns, &file->columns_, &file->unknown_));
  file->ready_.pop_front();
  *out = std::move(file);
  return Status::Ok();
}

CsvFile::~CsvFile() {
  if (iconv_ != nullptr) iconv_close(static_cast<iconv_t>(iconv_));
}

Status CsvFile::Fill() {
  std::string block(kBlockBytes, '\0');
  in_.read(block.data(), static_cast<std::streamsize>(block.size()));
  block.resize(static_cast<std::size_t>(in_.gcount()));
  read_ += block.size();
  eof_ = !in_;
  std::string raw = carry_ + block;
  carry_.clear();
  if (iconv_ == nullptr) {
    const std::size_t cut = eof_ ? raw.size() : Utf8Cut(raw);
    carry_ = raw.substr(cut);
    parser_.Feed(std::string_view(raw.data(), cut), &ready_);
  } else {
    std::string text(raw.size() * 2 + 4, '\0');
    char* from = raw.data();
    std::size_t from_left = raw.size();
    char* to = text.data();
    std::size_t to_left = text.size();
    const std::size_t done = iconv(static_cast<iconv_t>(iconv_), &from, &from_left, &to, &to_left);
    if (done == static_cast<std::size_t>(-1) && (errno == EILSEQ || (errno == EINVAL && eof_))) {
      const int line =
          lines_ + Lines(std::string_view(raw.data(), static_cast<std::size_t>(from - raw.data())));
      return Status::InvalidArgument(name_ + " line " + std::to_string(line) +
                                     " is neither UTF-8 nor GB18030 (give --encoding to say which "
                                     "it is)");
    }
    carry_.assign(from, from_left);  // a character split at the block's end
    lines_ += Lines(std::string_view(raw.data(), raw.size() - from_left));
    text.resize(text.size() - to_left);
    parser_.Feed(text, &ready_);
  }
  if (eof_) KEFU_RETURN_IF_ERROR(parser_.Finish(&ready_));
  return Status::Ok();
}

Status CsvFile::NextBatch(std::size_t max_rows, CsvTable* batch, bool* done) {
  batch->name = name_;
  batch->columns = columns_;
  batch->rows.clear();
  while (batch->rows.size() < max_rows) {
    if (ready_.empty()) {
      if (eof_) break;
      KEFU_RETURN_IF_ERROR(Fill());
      continue;
    }
    KEFU_RETURN_IF_ERROR(CheckWidth(ready_.front(), name_, columns_.size()));
    batch->rows.push_back(std::move(ready_.front()));
    ready_.pop_front();
  }
  *done = eof_ && ready_.empty();
  return Status::Ok();
}

}  // namespace kefu::cli
