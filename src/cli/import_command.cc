// `kefu import`: patients and encounters from CSV files as a HIS exports them, in one call to
// PatientService/Import: all of it lands, or none of it.
#include <cstdio>
#include <cstdlib>

#include "cli/command.hpp"
#include "cli/csv.hpp"
#include "cli/csv_import.hpp"
#include "cli/output.hpp"
#include "rpc/v1.hpp"

namespace kefu::cli {
namespace {

constexpr const char* kColumns = R"(Imports patients and encounters from CSV files with a header row, all or nothing.

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
  std::string patients, encounters;
};

int Import(const ImportOptions& o) {
  if (o.patients.empty() && o.encounters.empty()) {
    return Fail(Status::InvalidArgument("give --patients, --encounters or both"));
  }
  v1::ImportRequest request;
  CsvTable patients, encounters;
  if (!o.patients.empty()) {
    if (Status s = ReadCsvTable(o.patients, kPatientColumns, kPatientRequired, &patients); !s.ok()) {
      return Fail(s);
    }
  }
  if (!o.encounters.empty()) {
    if (Status s = ReadCsvTable(o.encounters, kEncounterColumns, kEncounterRequired, &encounters);
        !s.ok()) {
      return Fail(s);
    }
  }
  const CsvTable* patients_table = o.patients.empty() ? nullptr : &patients;
  const CsvTable* encounters_table = o.encounters.empty() ? nullptr : &encounters;
  if (Status s = ToImportRequest(patients_table, encounters_table, &request); !s.ok()) {
    return Fail(s);
  }
  Connection connection;
  if (Status s = OpenArchive(o.archive, Access::kWrite, &connection); !s.ok()) return Fail(s);
  if (!o.archive.json) {
    std::fprintf(stderr, "importing %s and %s into %s ...\n",
                 Count(request.patients_size(), "patient").c_str(),
                 Count(request.encounters_size(), "encounter").c_str(), o.archive.db.c_str());
  }
  v1::ImportResponse response;
  if (Status s = connection.Call("kefu.v1.PatientService/Import", request, &response); !s.ok()) {
    return Fail(LocateInCsv(s, patients_table, encounters_table));
  }
  if (o.archive.json) {
    std::fputs(ToJson(response).c_str(), stdout);
  } else {
    std::printf("imported %s and %s (%s)\n", Count(response.patients_created(), "patient").c_str(),
                Count(response.encounters_created(), "encounter").c_str(),
                Count(response.discharges(), "discharge").c_str());
  }
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* sub = app.add_subcommand("import", "import patients and encounters from CSV files, all or nothing");
  AddArchiveOptions(sub, &o->archive, Access::kWrite);
  sub->add_option("--patients", o->patients, "the patients' CSV file")->type_name("FILE");
  sub->add_option("--encounters", o->encounters, "the encounters' CSV file")->type_name("FILE");
  sub->footer(kColumns);
  OnRun(sub, [o] { return Import(*o); });
}

}  // namespace kefu::cli
