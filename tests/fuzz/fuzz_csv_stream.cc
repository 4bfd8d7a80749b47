// Fuzz target: the CSV reader as `kefu import` streams a file. The push parser fed in pieces of
// sizes the input chooses must give exactly what it gives fed the whole text at once (records,
// their lines, and the error); and the file reader (encoding detection, GB18030 decoding across
// block boundaries, header checks, batches) must take any bytes without crashing.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <string>

#include "cli/csv.hpp"
#include "cli/csv_import.hpp"

namespace {

struct Parsed {
  std::deque<kefu::cli::CsvRecord> records;
  std::string error;
};

// Feeds `text` in pieces whose sizes come from `seed` (1..64 bytes each).
Parsed ParseInPieces(const std::string& text, std::uint32_t seed) {
  Parsed out;
  kefu::cli::CsvParser parser("fuzz.csv");
  std::size_t at = 0;
  while (at < text.size()) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t piece = 1 + (seed >> 16) % 64;
    parser.Feed(std::string_view(text).substr(at, piece), &out.records);
    at += piece;
  }
  const kefu::Status s = parser.Finish(&out.records);
  if (!s.ok()) out.error = s.message();
  return out;
}

bool Same(const Parsed& a, const Parsed& b) {
  if (a.error != b.error || a.records.size() != b.records.size()) return false;
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    if (a.records[i].line != b.records[i].line || a.records[i].fields != b.records[i].fields) {
      return false;
    }
  }
  return true;
}

void ReadAsFile(const std::string& text, std::size_t rows) {
  static const std::string path = "/tmp/kefu-fuzz-csv-" + std::to_string(getpid()) + ".csv";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  const kefu::cli::CsvColumns columns{kefu::cli::kPatientColumns, kefu::cli::kPatientRequired};
  std::unique_ptr<kefu::cli::CsvFile> file;
  if (!kefu::cli::CsvFile::Open(path, kefu::cli::CsvEncoding::kAuto, columns, &file).ok()) return;
  bool done = false;
  while (!done) {
    kefu::cli::CsvTable batch;
    if (!file->NextBatch(rows, &batch, &done).ok()) return;
    for (std::size_t i = 0; i < batch.rows.size(); ++i) (void)batch.Get(i, "mrn");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::uint32_t seed = data[0];
  const std::size_t rows = 1 + data[1] % 8;
  const std::string text(reinterpret_cast<const char*>(data) + 2, size - 2);
  Parsed whole;
  {
    kefu::cli::CsvParser parser("fuzz.csv");
    parser.Feed(text, &whole.records);
    const kefu::Status s = parser.Finish(&whole.records);
    if (!s.ok()) whole.error = s.message();
  }
  if (!Same(whole, ParseInPieces(text, seed))) __builtin_trap();
  ReadAsFile(text, rows);
  return 0;
}
