// `kefu import`: patients and encounters from CSV files as a HIS exports them, in one call to
// PatientService/Import: all of it lands, or none of it.
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <memory>

#include <unistd.h>

#include "cli/command.hpp"
#include "cli/csv.hpp"
#include "cli/csv_import.hpp"
#include "cli/output.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kColumns =
    R"(Imports patients and encounters from CSV files with a header row. Every row of both
files is checked first, so that a file with a bad row writes nothing; the rows are then
imported in batches (--batch), each all or nothing. Rows already in the archive (the same MRN,
the same HIS visit id) are compared: the same is counted as already present, a change updates
the record, a contradiction (another discharge day for a visit) stops the import naming the
line. Overlapping nightly exports can therefore be imported as they come.

patients columns (mrn and name required):
  mrn, name, sex (M/F/男/女), birth_date (YYYY-MM-DD), phone (several: separated by ';'),
  address, region_code, locality (local/out-of-town/本地/外地), occupation, media_channel,
  membership_card, opt_out (yes/no), tags (separated by ';')
encounters columns (mrn, department and admission_date required):
  mrn, his_visit_id, kind (inpatient/outpatient/住院/门诊), department, attending_doctor,
  admission_date, discharge_date, first_visit (yes/no),
  diagnoses ("E11.9 2型糖尿病; I10 高血压"), medications ("name|dose|start|days; ..."),
  spend (yuan, e.g. 12345.60), disposition
An inpatient row with a discharge_date is a discharge: it opens the follow-up that hangs on it.
)";

struct ImportOptions {
  ArchiveOptions archive;
  std::string patients, encounters, encoding = "auto", batch = "5000";
  bool strict = false;
};

struct Source {
  std::string path;
  const std::vector<std::string>& known;
  const std::vector<std::string>& required;
  bool patients;                              // else encounters
  CsvEncoding encoding = CsvEncoding::kAuto;  // decided by the first pass, for the second
  bool scanned = false;                       // the first pass has read it
};

// Progress on a terminal: rows, rate and time left, redrawn in place on stderr.
class Progress {
 public:
  explicit Progress(bool shown) : shown_(shown), start_(std::chrono::steady_clock::now()) {}
  void Show(const CsvFile& file, std::int64_t rows) {
    if (!shown_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double fraction = file.size() == 0 ? 1.0
                                             : static_cast<double>(file.bytes_read()) /
                                                   static_cast<double>(file.size());
    const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
    const double left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r%s: %lld rows (%3.0f%%), %.0f rows/s, %d:%02d left   ",
                 file.name().c_str(), static_cast<long long>(rows), fraction * 100, rate,
                 static_cast<int>(left) / 60, static_cast<int>(left) % 60);
  }
  void Done() {
    if (shown_) std::fputs("\n", stderr);
  }

 private:
  bool shown_;
  std::chrono::steady_clock::time_point start_;
};

Status Open(const Source& source, const ImportOptions& o, std::unique_ptr<CsvFile>* file) {
  return CsvFile::Open(source.path, source.encoding,
                       CsvColumns{source.known, source.required, o.strict}, file, source.scanned);
}

// The first pass: every row of every file converts, before anything is written. It decides each
// file's encoding (scanning an "auto" file once), which the second pass then reads it in.
Status Check(std::vector<Source>& sources, const ImportOptions& o, std::size_t batch_rows) {
  for (Source& source : sources) {
    KEFU_RETURN_IF_ERROR(ParseCsvEncoding(o.encoding, &source.encoding));
    std::unique_ptr<CsvFile> file;
    KEFU_RETURN_IF_ERROR(Open(source, o, &file));
    source.encoding = file->encoding();
    source.scanned = true;
    for (const std::string& column : file->unknown_columns()) {
      std::fprintf(stderr,
                   "kefu: warning: %s: unknown column \"%s\" ignored (--strict refuses it)\n",
                   source.path.c_str(), column.c_str());
    }
    if (file->encoding() == CsvEncoding::kGb18030 && o.encoding == "auto") {
      std::fprintf(stderr, "kefu: %s is not UTF-8: read as GB18030\n", source.path.c_str());
    }
    for (bool done = false; !done;) {
      CsvTable batch;
      KEFU_RETURN_IF_ERROR(file->NextBatch(batch_rows, &batch, &done));
      v1::ImportRequest request;
      KEFU_RETURN_IF_ERROR(ToImportRequest(source.patients ? &batch : nullptr,
                                           source.patients ? nullptr : &batch, &request));
    }
  }
  return Status::Ok();
}

void Add(const v1::ImportResponse& part, v1::ImportResponse* total) {
  total->set_patients_created(total->patients_created() + part.patients_created());
  total->set_patients_updated(total->patients_updated() + part.patients_updated());
  total->set_patients_unchanged(total->patients_unchanged() + part.patients_unchanged());
  total->set_encounters_created(total->encounters_created() + part.encounters_created());
  total->set_encounters_updated(total->encounters_updated() + part.encounters_updated());
  total->set_encounters_unchanged(total->encounters_unchanged() + part.encounters_unchanged());
  total->set_discharges(total->discharges() + part.discharges());
}

// The second pass: the rows in batches, each one Import call (all or nothing).
Status Load(Connection& connection, const std::vector<Source>& sources, const ImportOptions& o,
            std::size_t batch_rows, v1::ImportResponse* total) {
  for (const Source& source : sources) {
    std::unique_ptr<CsvFile> file;
    KEFU_RETURN_IF_ERROR(Open(source, o, &file));
    Progress progress(!o.archive.json && isatty(STDERR_FILENO) == 1);
    std::int64_t rows = 0;
    for (bool done = false; !done;) {
      CsvTable batch;
      KEFU_RETURN_IF_ERROR(file->NextBatch(batch_rows, &batch, &done));
      if (batch.rows.empty()) continue;
      CsvTable* patients = source.patients ? &batch : nullptr;
      CsvTable* encounters = source.patients ? nullptr : &batch;
      v1::ImportRequest request;
      KEFU_RETURN_IF_ERROR(ToImportRequest(patients, encounters, &request));
      v1::ImportResponse part;
      if (Status s = connection.Call("kefu.v1.PatientService/Import", request, &part); !s.ok()) {
        progress.Done();
        return LocateInCsv(s, patients, encounters);
      }
      Add(part, total);
      rows += static_cast<std::int64_t>(batch.rows.size());
      progress.Show(*file, rows);
    }
    progress.Done();
  }
  return Status::Ok();
}

void PrintImported(const v1::ImportResponse& r) {
  std::printf("imported %s and %s (%s)", Count(r.patients_created(), "patient").c_str(),
              Count(r.encounters_created(), "encounter").c_str(),
              Count(r.discharges(), "discharge").c_str());
  if (r.patients_updated() + r.encounters_updated() > 0) {
    std::printf("; updated %s and %s", Count(r.patients_updated(), "patient").c_str(),
                Count(r.encounters_updated(), "encounter").c_str());
  }
  if (r.patients_unchanged() + r.encounters_unchanged() > 0) {
    std::printf("; already present: %s and %s", Count(r.patients_unchanged(), "patient").c_str(),
                Count(r.encounters_unchanged(), "encounter").c_str());
  }
  std::printf("\n");
}

int Import(const ImportOptions& o) {
  if (o.patients.empty() && o.encounters.empty()) {
    return Fail(Status::InvalidArgument("give --patients, --encounters or both"));
  }
  std::int64_t batch_rows = 0;
  if (Status s = ParseNumberFlag(o.batch, "--batch", &batch_rows); !s.ok()) return Fail(s);
  if (batch_rows < 1 || batch_rows > 100000) {
    return Fail(Status::InvalidArgument("--batch is " + o.batch + ": must be 1..100000 rows"));
  }
  // Patients first: encounters name their patient by MRN.
  std::vector<Source> sources;
  if (!o.patients.empty()) sources.push_back({o.patients, kPatientColumns, kPatientRequired, true});
  if (!o.encounters.empty())
    sources.push_back({o.encounters, kEncounterColumns, kEncounterRequired, false});
  const auto rows = static_cast<std::size_t>(batch_rows);
  if (Status s = Check(sources, o, rows); !s.ok()) return Fail(s);  // sources learn their encoding
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kWrite, &connection); !s.ok()) return Fail(s);
  v1::ImportResponse total;
  const Status loaded = Load(connection, sources, o, rows, &total);
  if (!loaded.ok()) {
    if (total.patients_created() + total.encounters_created() + total.patients_updated() +
            total.encounters_updated() >
        0) {
      std::fprintf(stderr,
                   "kefu: the batches before the failing one were imported; fix the file and "
                   "run the same command again (rows already present are counted, not "
                   "imported twice)\n");
    }
    return Fail(loaded);
  }
  if (o.archive.json) {
    std::fputs(ToJson(total).c_str(), stdout);
  } else {
    PrintImported(total);
  }
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* sub = app.add_subcommand(
      "import", "import patients and encounters from CSV files as a HIS exports them");
  AddArchiveOptions(sub, &o->archive, Access::kWrite);
  sub->add_option("--patients", o->patients, "the patients' CSV file")->type_name("FILE");
  sub->add_option("--encounters", o->encounters, "the encounters' CSV file")->type_name("FILE");
  sub->add_option("--encoding", o->encoding,
                  "auto (default: UTF-8, else GB18030), utf-8 or gb18030 (GBK)")
      ->type_name("NAME");
  sub->add_flag("--strict", o->strict,
                "refuse a file with a column kefu does not know (default: warn)");
  sub->add_option("--batch", o->batch, "rows per Import call, each all or nothing (default 5000)")
      ->type_name("N");
  sub->footer(kColumns);
  OnRun(sub, [o] { return Import(*o); });
}

}  // namespace kefu::cli
