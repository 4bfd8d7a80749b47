// Turning CSV files as a HIS exports them into one PatientService/Import request, and mapping
// the library's errors ("patients[5].name ...") back to the file and line to fix.
#ifndef KEFU_SRC_CLI_CSV_IMPORT_HPP
#define KEFU_SRC_CLI_CSV_IMPORT_HPP

#include <string>
#include <vector>

#include "cli/csv.hpp"
#include "messages/v1.hpp"

namespace kefu::cli {

extern const std::vector<std::string> kPatientColumns;
extern const std::vector<std::string> kEncounterColumns;
extern const std::vector<std::string> kPatientRequired;
extern const std::vector<std::string> kEncounterRequired;

// Either table may be null. InvalidArgument naming the file, line and column of a bad field.
Status ToImportRequest(const CsvTable* patients, const CsvTable* encounters,
                       v1::ImportRequest* request);

// Rewrites an Import error that names "patients[i]" or "encounters[i]" to name the CSV line.
Status LocateInCsv(const Status& status, const CsvTable* patients, const CsvTable* encounters);

}  // namespace kefu::cli

#endif  // KEFU_SRC_CLI_CSV_IMPORT_HPP
