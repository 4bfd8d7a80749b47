// Checks of archive records at the boundary. Each failure names the field (as the proto spells
// it, with its index in a list) and the value. Normalizing checks also rewrite what they accept
// (phone numbers lose their spaces and hyphens; unset enums take their documented default).
#ifndef KEFU_SRC_ARCHIVE_NORMALIZE_HPP
#define KEFU_SRC_ARCHIVE_NORMALIZE_HPP

#include <string>

#include "kefu/date.hpp"
#include "messages/convert.hpp"
#include "messages/v1.hpp"

namespace kefu::archive {

// Text of at most `max_bytes`; `required` text may not be empty or blank. Free text (notes) may
// hold line breaks and tabs; other text may hold no control characters at all.
enum class TextKind { kLine, kFreeText };
Status CheckText(const std::string& value, const std::string& field, std::size_t max_bytes,
                 bool required, TextKind kind = TextKind::kLine);

// A phone number: digits, optionally after a '+', 5 to 20 digits once spaces, hyphens, dots and
// parentheses are removed. Writes the normalized number.
Status NormalizePhone(const std::string& value, const std::string& field, std::string* out);

// An optional date (unset when all of year, month and day are 0) that may not be after `today`.
Status CheckPastDate(const v1::Date& date, const std::string& field, Day today, Day* out,
                     bool* present);

Status NormalizePatient(v1::Patient* patient, Day today, const std::string& prefix);
Status NormalizeEncounter(v1::Encounter* encounter, Day today, const std::string& prefix);
Status NormalizeContact(v1::ContactEvent* contact, const std::string& prefix);

// True when the date message is unset (all zero).
using messages::IsUnset;

}  // namespace kefu::archive

#endif  // KEFU_SRC_ARCHIVE_NORMALIZE_HPP
