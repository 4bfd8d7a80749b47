// Fuzz target: the CSV import: patients and encounters files (split at a line "--"), parsed,
// converted to one Import request, and imported into an in-memory archive.
#include <string>

#include "cli/csv_import.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find("\n--\n");
  const std::string patients_text = input.substr(0, split);
  const std::string encounters_text = split == std::string::npos ? "" : input.substr(split + 4);
  kefu::cli::CsvTable patients, encounters;
  const bool have_patients =
      kefu::cli::ParseCsvTable(patients_text, "patients.csv", kefu::cli::kPatientColumns,
                               kefu::cli::kPatientRequired, &patients)
          .ok();
  const bool have_encounters =
      !encounters_text.empty() &&
      kefu::cli::ParseCsvTable(encounters_text, "encounters.csv", kefu::cli::kEncounterColumns,
                               kefu::cli::kEncounterRequired, &encounters)
          .ok();
  if (!have_patients && !have_encounters) return 0;
  kefu::v1::ImportRequest request;
  if (!kefu::cli::ToImportRequest(have_patients ? &patients : nullptr,
                                  have_encounters ? &encounters : nullptr, &request)
           .ok()) {
    return 0;
  }
  const std::string bytes = request.SerializeAsString();
  kefu_fuzz::Shared().Run(nullptr, 0, [&](kefu::Session& session) {
    std::string response;
    const kefu::Status s = kefu::rpc::Dispatcher::Get().CallBinary(
        session, "kefu.v1.PatientService/Import", bytes.data(), bytes.size(), &response);
    if (!s.ok()) {
      (void)kefu::cli::LocateInCsv(s, have_patients ? &patients : nullptr,
                                   have_encounters ? &encounters : nullptr);
    }
  });
  return 0;
}
