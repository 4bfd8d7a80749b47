#include "cli/csv_import.hpp"

#include <cstdio>
#include <cstdlib>

namespace kefu::cli {

const std::vector<std::string> kPatientColumns = {
    "mrn",         "name",     "sex",        "birth_date",    "phone",           "address",
    "region_code", "locality", "occupation", "media_channel", "membership_card", "opt_out",
    "tags"};
const std::vector<std::string> kEncounterColumns = {"mrn",
                                                    "his_visit_id",
                                                    "kind",
                                                    "department",
                                                    "attending_doctor",
                                                    "admission_date",
                                                    "discharge_date",
                                                    "first_visit",
                                                    "diagnoses",
                                                    "medications",
                                                    "spend",
                                                    "disposition"};

const std::vector<std::string> kPatientRequired = {"mrn", "name"};
const std::vector<std::string> kEncounterRequired = {"mrn", "department", "admission_date"};

namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    const auto first = part.find_first_not_of(' ');
    if (first != std::string::npos)
      parts.push_back(part.substr(first, part.find_last_not_of(' ') - first + 1));
    start = end + 1;
  }
  return parts;
}

// "1234", "1234.5" or "1234.56" yuan as integer cents (fen).
bool ParseYuan(const std::string& text, std::int64_t* cents) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || fraction.size() > 2 ||
      (dot != std::string::npos && fraction.empty())) {
    return false;
  }
  for (const char c : whole + fraction) {
    if (c < '0' || c > '9') return false;
  }
  *cents = std::stoll(whole) * 100 +
           (fraction.empty() ? 0 : std::stoll(fraction) * (fraction.size() == 1 ? 10 : 1));
  return true;
}

// Messages from CSV conversion name the file, the line and the column.
struct Where {
  const CsvTable& table;
  std::size_t row;
  Status Bad(const std::string& column, const std::string& value, const std::string& why) const {
    return Status::InvalidArgument(table.name + " line " + std::to_string(table.rows[row].line) +
                                   ", column " + column + ": " + Quote(value) + " " + why);
  }
};

Status Date(const Where& at, const std::string& column, v1::Date* out) {
  const std::string value = at.table.Get(at.row, column);
  if (value.empty()) return Status::Ok();
  int y = 0, m = 0, d = 0;
  char rest = 0;
  if (std::sscanf(value.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3) {
    return at.Bad(column, value, "is not a date as YYYY-MM-DD");
  }
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return Status::Ok();
}

Status YesNo(const Where& at, const std::string& column, bool* out) {
  const std::string v = at.table.Get(at.row, column);
  if (v.empty() || v == "no" || v == "n" || v == "0" || v == "否" || v == "false") {
    *out = false;
  } else if (v == "yes" || v == "y" || v == "1" || v == "是" || v == "true") {
    *out = true;
  } else {
    return at.Bad(column, v, "is not yes or no");
  }
  return Status::Ok();
}

Status ToPatient(const CsvTable& t, std::size_t i, v1::Patient* p) {
  const Where at{t, i};
  p->set_mrn(t.Get(i, "mrn"));
  p->set_name(t.Get(i, "name"));
  const std::string sex = t.Get(i, "sex");
  if (sex == "M" || sex == "m" || sex == "男" || sex == "male") {
    p->set_sex(v1::SEX_MALE);
  } else if (sex == "F" || sex == "f" || sex == "女" || sex == "female") {
    p->set_sex(v1::SEX_FEMALE);
  } else if (!sex.empty()) {
    return at.Bad("sex", sex, "is not M, F, 男 or 女");
  }
  KEFU_RETURN_IF_ERROR(Date(at, "birth_date", p->mutable_birth_date()));
  for (const std::string& number : Split(t.Get(i, "phone"), ';'))
    p->add_phones()->set_number(number);
  p->set_address(t.Get(i, "address"));
  p->set_region_code(t.Get(i, "region_code"));
  const std::string locality = t.Get(i, "locality");
  if (locality == "local" || locality == "本地") {
    p->set_locality(v1::LOCALITY_LOCAL);
  } else if (locality == "out-of-town" || locality == "外地") {
    p->set_locality(v1::LOCALITY_OUT_OF_TOWN);
  } else if (!locality.empty()) {
    return at.Bad("locality", locality, "is not local, out-of-town, 本地 or 外地");
  }
  p->set_occupation(t.Get(i, "occupation"));
  p->set_media_channel(t.Get(i, "media_channel"));
  p->set_membership_card(t.Get(i, "membership_card"));
  bool opt_out = false;
  KEFU_RETURN_IF_ERROR(YesNo(at, "opt_out", &opt_out));
  p->set_follow_up_opt_out(opt_out);
  for (const std::string& tag : Split(t.Get(i, "tags"), ';')) p->add_tags(tag);
  return Status::Ok();
}

Status ToEncounter(const CsvTable& t, std::size_t i, v1::Encounter* e) {
  const Where at{t, i};
  e->set_patient_mrn(t.Get(i, "mrn"));
  e->set_his_visit_id(t.Get(i, "his_visit_id"));
  const std::string kind = t.Get(i, "kind");
  if (kind.empty() || kind == "inpatient" || kind == "住院") {
    e->set_kind(v1::ENCOUNTER_KIND_INPATIENT);
  } else if (kind == "outpatient" || kind == "门诊") {
    e->set_kind(v1::ENCOUNTER_KIND_OUTPATIENT);
  } else {
    return at.Bad("kind", kind, "is not inpatient, outpatient, 住院 or 门诊");
  }
  e->set_department(t.Get(i, "department"));
  e->set_attending_doctor(t.Get(i, "attending_doctor"));
  KEFU_RETURN_IF_ERROR(Date(at, "admission_date", e->mutable_admission_date()));
  KEFU_RETURN_IF_ERROR(Date(at, "discharge_date", e->mutable_discharge_date()));
  bool first = false;
  KEFU_RETURN_IF_ERROR(YesNo(at, "first_visit", &first));
  e->set_first_visit(first);
  for (const std::string& d : Split(t.Get(i, "diagnoses"), ';')) {
    const auto space = d.find(' ');
    v1::Diagnosis* diagnosis = e->add_diagnoses();
    diagnosis->set_icd10(d.substr(0, space));
    if (space != std::string::npos) diagnosis->set_text(d.substr(space + 1));
  }
  for (const std::string& m : Split(t.Get(i, "medications"), ';')) {
    const auto parts = Split(m, '|');
    v1::Medication* medication = e->add_medications();
    medication->set_name(parts.empty() ? "" : parts[0]);
    if (parts.size() > 1) medication->set_dose(parts[1]);
    if (parts.size() > 2 && !parts[2].empty()) {
      int y = 0, mo = 0, d = 0;
      if (std::sscanf(parts[2].c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) {
        return at.Bad("medications", m, "has a start that is not YYYY-MM-DD");
      }
      medication->mutable_start_date()->set_year(y);
      medication->mutable_start_date()->set_month(mo);
      medication->mutable_start_date()->set_day(d);
    }
    if (parts.size() > 3) medication->set_days_supplied(std::atoi(parts[3].c_str()));
  }
  const std::string spend = t.Get(i, "spend");
  if (!spend.empty()) {
    std::int64_t cents = 0;
    if (!ParseYuan(spend, &cents))
      return at.Bad("spend", spend, "is not an amount in yuan such as 1234.50");
    e->set_spend_cents(cents);
  }
  e->set_disposition(t.Get(i, "disposition"));
  return Status::Ok();
}

}  // namespace

Status ToImportRequest(const CsvTable* patients, const CsvTable* encounters,
                       v1::ImportRequest* request) {
  for (std::size_t i = 0; patients != nullptr && i < patients->rows.size(); ++i) {
    KEFU_RETURN_IF_ERROR(ToPatient(*patients, i, request->add_patients()));
  }
  for (std::size_t i = 0; encounters != nullptr && i < encounters->rows.size(); ++i) {
    KEFU_RETURN_IF_ERROR(ToEncounter(*encounters, i, request->add_encounters()));
  }
  return Status::Ok();
}

// "patients[5].phones[0]..." -> "patients.csv line 7: phones[0]...": where to fix it.
Status LocateInCsv(const Status& s, const CsvTable* patients, const CsvTable* encounters) {
  for (const auto& [prefix, table] :
       {std::pair<std::string, const CsvTable*>{"patients[", patients},
        {"encounters[", encounters}}) {
    if (table == nullptr || s.message().rfind(prefix, 0) != 0) continue;
    const std::size_t index = std::strtoul(s.message().c_str() + prefix.size(), nullptr, 10);
    const auto close = s.message().find("].");
    if (index >= table->rows.size() || close == std::string::npos) break;
    return Status(s.code(), table->name + " line " + std::to_string(table->rows[index].line) +
                                ": " + s.message().substr(close + 2));
  }
  return s;
}

}  // namespace kefu::cli
