#include "archive/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "base/utf8.hpp"

namespace kefu::archive {
namespace {

Status Invalid(const std::string& field, const std::string& shown, const std::string& why) {
  return Status::InvalidArgument(field + " is " + shown + ": " + why);
}

Status CheckEnum(int value, int max, const std::string& field) {
  if (value < 0 || value > max) return Invalid(field, std::to_string(value), "unknown value");
  return Status::Ok();
}

std::string Ymd(const v1::Date& d) {
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return text;
}

// ICD-10: a letter, two digits, optionally a dot and up to four more letters or digits.
bool IsIcd10(const std::string& code) {
  if (code.size() < 3 || code.size() > 8) return false;
  if (code[0] < 'A' || code[0] > 'Z' || !std::isdigit(static_cast<unsigned char>(code[1])) ||
      !std::isalnum(static_cast<unsigned char>(code[2]))) {
    return false;
  }
  if (code.size() == 3) return true;
  if (code[3] != '.' || code.size() == 4) return false;
  for (std::size_t i = 4; i < code.size(); ++i) {
    const auto c = static_cast<unsigned char>(code[i]);
    if (!std::isdigit(c) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

constexpr std::int64_t kMaxSpendCents = 1'000'000'000'000;  // ten billion yuan

}  // namespace

Status CheckText(const std::string& value, const std::string& field, std::size_t max_bytes,
                 bool required, TextKind kind) {
  if (value.size() > max_bytes) {
    return Invalid(field, Quote(value) + " (" + std::to_string(value.size()) + " bytes)",
                   "at most " + std::to_string(max_bytes) + " bytes");
  }
  if (!IsValidUtf8(value)) return Invalid(field, Quote(value), "not UTF-8");
  bool blank = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const auto u = static_cast<unsigned char>(c);
    const bool allowed_space = kind == TextKind::kFreeText && (c == '\n' || c == '\t' || c == '\r');
    if ((u < 0x20 || u == 0x7f) && !allowed_space) {
      return Invalid(field, Quote(value), "holds a control character");
    }
    // C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) act as terminal escapes, as C0 ones do.
    if (u == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      return Invalid(field, Quote(value), "holds a control character (U+0080..U+009F)");
    }
    if (c != ' ' && !allowed_space) blank = false;
  }
  if (required && blank) return Invalid(field, Quote(value), "must not be empty");
  return Status::Ok();
}

Status NormalizePhone(const std::string& value, const std::string& field, std::string* out) {
  std::string digits;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && i == value.find_first_not_of(' ')) {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return Invalid(field, Quote(value), "not a phone number (digits, with an optional '+')");
    }
  }
  const std::size_t count = digits.size() - (digits.rfind('+', 0) == 0 ? 1 : 0);
  if (count < 5 || count > 20) {
    return Invalid(field, Quote(value), "not a phone number (5 to 20 digits)");
  }
  *out = digits;
  return Status::Ok();
}

Status CheckPastDate(const v1::Date& date, const std::string& field, Day today, Day* out,
                     bool* present) {
  *present = !IsUnset(date);
  if (!*present) return Status::Ok();
  KEFU_RETURN_IF_ERROR(DayFromYmd(date.year(), date.month(), date.day(), field, out));
  if (*out > today) {
    return Invalid(field, Ymd(date), "in the future (today is " + FormatDay(today) + ")");
  }
  return Status::Ok();
}

namespace {

// A repeated field holds at most `max` entries.
Status CheckCount(int count, int max, const std::string& field, const char* what) {
  if (count <= max) return Status::Ok();
  return Invalid(field, std::to_string(count) + what, "at most " + std::to_string(max));
}

Status NormalizePhones(v1::Patient* p, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckCount(p->phones_size(), 20, prefix + "phones", " numbers"));
  std::set<std::string> seen;
  for (int i = 0; i < p->phones_size(); ++i) {
    v1::Phone* phone = p->mutable_phones(i);
    const std::string field = prefix + "phones[" + std::to_string(i) + "]";
    std::string number;
    KEFU_RETURN_IF_ERROR(NormalizePhone(phone->number(), field + ".number", &number));
    if (!seen.insert(number).second) {
      return Invalid(field + ".number", Quote(phone->number()), "listed twice");
    }
    phone->set_number(number);
    KEFU_RETURN_IF_ERROR(CheckEnum(phone->owner(), v1::PhoneOwner_MAX, field + ".owner"));
    if (phone->owner() == v1::PHONE_OWNER_UNSPECIFIED) phone->set_owner(v1::PHONE_OWNER_SELF);
    KEFU_RETURN_IF_ERROR(CheckText(phone->label(), field + ".label", 64, false));
  }
  return Status::Ok();
}

// The resident identity card number (GB 11643): 17 digits and a check character (a lowercase x
// is taken as X), or the 15 digits of a first-generation card.
Status NormalizeIdNumber(v1::Patient* p, const std::string& prefix) {
  std::string id = p->id_number();
  if (id.empty()) return Status::Ok();
  if (id.size() == 18 && id[17] == 'x') id[17] = 'X';
  const std::string field = prefix + "id_number";
  const std::string_view body = std::string_view(id).substr(0, 17);
  const bool digits =
      std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (id.size() == 15 && digits && id[14] >= '0' && id[14] <= '9') return Status::Ok();
  if (id.size() != 18 || !digits) {
    return Invalid(field, Quote(p->id_number()),
                   "an identity card number is 18 characters (17 digits and a check digit or X) "
                   "or 15 digits");
  }
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  const char check = "10X98765432"[sum % 11];
  if (id[17] != check) {
    return Invalid(field, Quote(p->id_number()),
                   std::string("its check character should be ") + check + " (mistyped?)");
  }
  p->set_id_number(id);
  return Status::Ok();
}

// Where the patient lives and came from: address, region, locality, occupation, channel, card.
Status CheckProfile(const v1::Patient& p, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckText(p.address(), prefix + "address", 500, false));
  KEFU_RETURN_IF_ERROR(CheckText(p.region_code(), prefix + "region_code", 12, false));
  for (const char c : p.region_code()) {
    if (c < '0' || c > '9') {
      return Invalid(prefix + "region_code", Quote(p.region_code()),
                     "an administrative division code is digits only");
    }
  }
  KEFU_RETURN_IF_ERROR(CheckEnum(p.locality(), v1::Locality_MAX, prefix + "locality"));
  KEFU_RETURN_IF_ERROR(CheckText(p.occupation(), prefix + "occupation", 100, false));
  KEFU_RETURN_IF_ERROR(CheckText(p.media_channel(), prefix + "media_channel", 100, false));
  return CheckText(p.membership_card(), prefix + "membership_card", 64, false);
}

// The status (ACTIVE when unset; MERGED only by a merge) and a day of death that goes with it.
Status NormalizeStatus(v1::Patient* p, Day today, Day birth, bool has_birth,
                       const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckEnum(p->status(), v1::PatientStatus_MAX, prefix + "status"));
  if (p->status() == v1::PATIENT_STATUS_UNSPECIFIED) p->set_status(v1::PATIENT_STATUS_ACTIVE);
  if (p->status() == v1::PATIENT_STATUS_MERGED) {
    return Invalid(prefix + "status", "PATIENT_STATUS_MERGED", "set only by MergePatients");
  }
  Day death = 0;
  bool has_death = false;
  KEFU_RETURN_IF_ERROR(
      CheckPastDate(p->death_date(), prefix + "death_date", today, &death, &has_death));
  if (p->status() == v1::PATIENT_STATUS_DECEASED && !has_death) {
    return Invalid(prefix + "death_date", "unset", "a deceased patient needs the day of death");
  }
  if (p->status() != v1::PATIENT_STATUS_DECEASED && has_death) {
    return Invalid(prefix + "death_date", Ymd(p->death_date()),
                   "only a deceased patient has a day of death (status is " +
                       v1::PatientStatus_Name(p->status()) + ")");
  }
  if (has_death && has_birth && death < birth) {
    return Invalid(prefix + "death_date", Ymd(p->death_date()),
                   "before the birth date " + FormatDay(birth));
  }
  return Status::Ok();
}

Status NormalizeFamily(v1::Patient* p, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckCount(p->family_size(), 20, prefix + "family", " members"));
  for (int i = 0; i < p->family_size(); ++i) {
    v1::FamilyMember* member = p->mutable_family(i);
    const std::string field = prefix + "family[" + std::to_string(i) + "]";
    KEFU_RETURN_IF_ERROR(CheckText(member->name(), field + ".name", 100, true));
    KEFU_RETURN_IF_ERROR(CheckText(member->relation(), field + ".relation", 32, false));
    KEFU_RETURN_IF_ERROR(
        CheckText(member->notes(), field + ".notes", 2000, false, TextKind::kFreeText));
    if (!member->phone().empty()) {
      std::string number;
      KEFU_RETURN_IF_ERROR(NormalizePhone(member->phone(), field + ".phone", &number));
      member->set_phone(number);
    }
  }
  return Status::Ok();
}

// The stay's days: an admission (or visit) day, a discharge not before it, none for a visit.
Status CheckStayDays(const v1::Encounter& e, Day today, const std::string& prefix) {
  Day admitted = 0, discharged = 0;
  bool has_admission = false, has_discharge = false;
  KEFU_RETURN_IF_ERROR(CheckPastDate(e.admission_date(), prefix + "admission_date", today,
                                     &admitted, &has_admission));
  if (!has_admission) {
    return Invalid(prefix + "admission_date", "unset", "give the admission (or visit) day");
  }
  KEFU_RETURN_IF_ERROR(CheckPastDate(e.discharge_date(), prefix + "discharge_date", today,
                                     &discharged, &has_discharge));
  if (has_discharge && discharged < admitted) {
    return Invalid(prefix + "discharge_date", Ymd(e.discharge_date()),
                   "before the admission date " + FormatDay(admitted));
  }
  if (has_discharge && e.kind() == v1::ENCOUNTER_KIND_OUTPATIENT) {
    return Invalid(prefix + "discharge_date", Ymd(e.discharge_date()),
                   "an outpatient visit has no discharge");
  }
  return Status::Ok();
}

// Diagnoses (ICD-10) and procedures.
Status CheckClinical(const v1::Encounter& e, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckCount(e.diagnoses_size(), 50, prefix + "diagnoses", ""));
  for (int i = 0; i < e.diagnoses_size(); ++i) {
    const std::string field = prefix + "diagnoses[" + std::to_string(i) + "]";
    const v1::Diagnosis& d = e.diagnoses(i);
    if (!IsIcd10(d.icd10())) {
      return Invalid(field + ".icd10", Quote(d.icd10()),
                     "not an ICD-10 code (a capital letter, two digits, then .xxxx)");
    }
    KEFU_RETURN_IF_ERROR(CheckText(d.text(), field + ".text", 200, false));
  }
  KEFU_RETURN_IF_ERROR(CheckCount(e.procedures_size(), 50, prefix + "procedures", ""));
  for (int i = 0; i < e.procedures_size(); ++i) {
    const std::string field = prefix + "procedures[" + std::to_string(i) + "]";
    KEFU_RETURN_IF_ERROR(CheckText(e.procedures(i).code(), field + ".code", 32, false));
    KEFU_RETURN_IF_ERROR(CheckText(e.procedures(i).text(), field + ".text", 200, true));
  }
  return Status::Ok();
}

Status CheckMedications(const v1::Encounter& e, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckCount(e.medications_size(), 100, prefix + "medications", ""));
  for (int i = 0; i < e.medications_size(); ++i) {
    const std::string field = prefix + "medications[" + std::to_string(i) + "]";
    const v1::Medication& m = e.medications(i);
    KEFU_RETURN_IF_ERROR(CheckText(m.name(), field + ".name", 100, true));
    KEFU_RETURN_IF_ERROR(CheckText(m.dose(), field + ".dose", 100, false));
    if (!IsUnset(m.start_date())) {
      Day start = 0;
      KEFU_RETURN_IF_ERROR(DayFromYmd(m.start_date().year(), m.start_date().month(),
                                      m.start_date().day(), field + ".start_date", &start));
    }
    if (m.days_supplied() < 0 || m.days_supplied() > 3650) {
      return Invalid(field + ".days_supplied", std::to_string(m.days_supplied()),
                     "must be 0..3650");
    }
  }
  return Status::Ok();
}

}  // namespace

Status NormalizePatient(v1::Patient* p, Day today, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckText(p->mrn(), prefix + "mrn", 64, true));
  KEFU_RETURN_IF_ERROR(CheckText(p->name(), prefix + "name", 100, true));
  KEFU_RETURN_IF_ERROR(CheckEnum(p->sex(), v1::Sex_MAX, prefix + "sex"));
  Day birth = 0;
  bool has_birth = false;
  KEFU_RETURN_IF_ERROR(
      CheckPastDate(p->birth_date(), prefix + "birth_date", today, &birth, &has_birth));
  KEFU_RETURN_IF_ERROR(NormalizePhones(p, prefix));
  KEFU_RETURN_IF_ERROR(CheckProfile(*p, prefix));
  KEFU_RETURN_IF_ERROR(NormalizeIdNumber(p, prefix));
  KEFU_RETURN_IF_ERROR(NormalizeStatus(p, today, birth, has_birth, prefix));
  KEFU_RETURN_IF_ERROR(CheckCount(p->tags_size(), 50, prefix + "tags", " tags"));
  for (int i = 0; i < p->tags_size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        CheckText(p->tags(i), prefix + "tags[" + std::to_string(i) + "]", 64, true));
  }
  return NormalizeFamily(p, prefix);
}

Status NormalizeEncounter(v1::Encounter* e, Day today, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckText(e->patient_mrn(), prefix + "patient_mrn", 64, false));
  KEFU_RETURN_IF_ERROR(CheckText(e->his_visit_id(), prefix + "his_visit_id", 64, false));
  KEFU_RETURN_IF_ERROR(CheckEnum(e->kind(), v1::EncounterKind_MAX, prefix + "kind"));
  KEFU_RETURN_IF_ERROR(CheckText(e->department(), prefix + "department", 100, true));
  KEFU_RETURN_IF_ERROR(CheckText(e->attending_doctor(), prefix + "attending_doctor", 100, false));
  KEFU_RETURN_IF_ERROR(CheckStayDays(*e, today, prefix));
  KEFU_RETURN_IF_ERROR(CheckClinical(*e, prefix));
  KEFU_RETURN_IF_ERROR(CheckMedications(*e, prefix));
  if (e->spend_cents() < 0 || e->spend_cents() > kMaxSpendCents) {
    return Invalid(prefix + "spend_cents", std::to_string(e->spend_cents()),
                   "must be 0..1000000000000 (integer cents)");
  }
  return CheckText(e->disposition(), prefix + "disposition", 64, false);
}

Status NormalizeContact(v1::ContactEvent* c, const std::string& prefix) {
  KEFU_RETURN_IF_ERROR(CheckEnum(c->direction(), v1::Direction_MAX, prefix + "direction"));
  KEFU_RETURN_IF_ERROR(CheckEnum(c->channel(), v1::Channel_MAX, prefix + "channel"));
  if (c->channel() == v1::CHANNEL_UNSPECIFIED) c->set_channel(v1::CHANNEL_PHONE);
  KEFU_RETURN_IF_ERROR(CheckEnum(c->kind(), v1::ContactKind_MAX, prefix + "kind"));
  if (c->kind() == v1::CONTACT_KIND_UNSPECIFIED) c->set_kind(v1::CONTACT_KIND_OTHER);
  KEFU_RETURN_IF_ERROR(CheckText(c->staff(), prefix + "staff", 128, false));
  KEFU_RETURN_IF_ERROR(CheckText(c->outcome(), prefix + "outcome", 64, false));
  KEFU_RETURN_IF_ERROR(CheckText(c->notes(), prefix + "notes", 10000, false, TextKind::kFreeText));
  if (c->at_ms() < 0) return Invalid(prefix + "at_ms", std::to_string(c->at_ms()), "before 1970");
  return Status::Ok();
}

}  // namespace kefu::archive
