// `kefu import`: patients and encounters from CSV files as a HIS exports them, in one call to
// PatientService/Import: all of it lands, or none of it.
#include <cstdio>
#include <cstdlib>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/csv.hpp"
#include "cli/csv_import.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kUsage = R"(usage: kefu import --db ARCHIVE [--patients FILE] [--encounters FILE]
                   [--actor NAME] [--json]

Imports patients and encounters from CSV files with a header row, all or nothing.

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

}  // namespace

int ImportCommand(const std::vector<std::string>& argv) {
  Args args;
  if (Status s = Args::Parse(argv, {"db", "patients", "encounters", "actor"}, {"json", "help"}, &args);
      !s.ok()) {
    return Fail(s);
  }
  if (args.Has("help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const auto db = args.Get("db");
  if (!db) return Fail(Status::InvalidArgument("--db is missing (see kefu import --help)"));
  if (!args.Has("patients") && !args.Has("encounters")) {
    return Fail(Status::InvalidArgument("give --patients, --encounters or both"));
  }
  v1::ImportRequest request;
  CsvTable patients, encounters;
  if (auto path = args.Get("patients")) {
    if (Status s = ReadCsvTable(*path, kPatientColumns, kPatientRequired, &patients); !s.ok()) {
      return Fail(s);
    }
  }
  if (auto path = args.Get("encounters")) {
    if (Status s = ReadCsvTable(*path, kEncounterColumns, kEncounterRequired, &encounters);
        !s.ok()) {
      return Fail(s);
    }
  }
  const CsvTable* patients_table = args.Has("patients") ? &patients : nullptr;
  const CsvTable* encounters_table = args.Has("encounters") ? &encounters : nullptr;
  if (Status s = ToImportRequest(patients_table, encounters_table, &request); !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr, "importing %d patients and %d encounters into %s ...\n",
               request.patients_size(), request.encounters_size(), db->c_str());
  Connection connection;
  if (Status s = connection.Open(*db, args.Get("actor").value_or("cli")); !s.ok()) return Fail(s);
  v1::ImportResponse response;
  if (Status s = connection.Call("kefu.v1.PatientService/Import", request, &response); !s.ok()) {
    return Fail(LocateInCsv(s, patients_table, encounters_table));
  }
  if (args.Has("json")) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    std::printf("imported %d patients and %d encounters (%d discharges)\n",
                response.patients_created(), response.encounters_created(),
                response.discharges());
  }
  return 0;
}

}  // namespace kefu::cli
