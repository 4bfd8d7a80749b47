// messages/: the strict JSON reader, the time and day ranges every request is held to, the
// unknown-field check and the conversions, each by what it accepts and what it says when not.
#include <gtest/gtest.h>

#include <string>

#include "messages/convert.hpp"
#include "messages/field_ranges.hpp"
#include "messages/json.hpp"
#include "messages/unknown_fields.hpp"
#include "messages/v1.hpp"
#include "kefu/date.hpp"

namespace kefu::messages {
namespace {

// ---- the strict JSON reader ----------------------------------------------------------------

struct JsonCase {
  const char* name;
  const char* json;     // a kefu.v1.ImportRequest
  const char* problem;  // "" when it is read; else what the message says after "in JSON: "
};

class StrictJson : public testing::TestWithParam<JsonCase> {};

TEST_P(StrictJson, ReadsOrNamesWhereItStops) {
  v1::ImportRequest request;
  const Status s = ParseJson(GetParam().json, "request_json", &request);
  if (*GetParam().problem == '\0') {
    EXPECT_TRUE(s.ok()) << s.message();
    return;
  }
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            std::string("request_json is not a valid kefu.v1.ImportRequest in JSON: ") +
                GetParam().problem);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StrictJson,
    testing::Values(
        JsonCase{"EmptyObject", "{}", ""},
        JsonCase{"BothSpellingsOfDifferentFields",
                 R"({"patients": [{"mrn": "A", "name": "a", "follow_up_opt_out": true,
                                   "regionCode": "310000"}]})",
                 ""},
        JsonCase{"SameKeyInSiblingObjects",
                 R"({"patients": [{"mrn": "A", "name": "a"}, {"mrn": "B", "name": "b"}]})", ""},
        JsonCase{"NotJsonAtAll", "mrn=A",
                 "parse error at line 1, column 1: syntax error while parsing value - invalid "
                 "literal; last read: 'm' (RFC 8259 JSON only)"},
        JsonCase{"Comment", "{} // done",
                 "parse error at line 1, column 4: syntax error while parsing value - invalid "
                 "literal; last read: '{} /'; expected end of input (RFC 8259 JSON only)"},
        JsonCase{"DuplicateInADeepObject",
                 R"({"patients": [{"mrn": "A", "name": "a"},
                                  {"mrn": "B", "name": "b",
                                   "phones": [{"number": "1"}, {"number": "2", "number": "3"}]}]})",
                 "the key \"number\" is given twice in one object (in patients[1].phones[1]) "
                 "(RFC 8259 JSON only)"},
        JsonCase{"BothNamesOfOneField",
                 R"({"patients": [{"mrn": "A", "name": "a", "follow_up_opt_out": true,
                                   "followUpOptOut": false}]})",
                 "the field followUpOptOut is given twice in one object, as \"follow_up_opt_out\" "
                 "and as \"followUpOptOut\" (in patients[0]) (RFC 8259 JSON only)"},
        JsonCase{"BooleanAsString",
                 R"({"patients": [{"mrn": "A", "name": "a", "followUpOptOut": "true"}]})",
                 "patients[0].followUpOptOut is a boolean: give true or false (RFC 8259 JSON "
                 "only)"},
        JsonCase{"BooleanAsNumber", R"({"patients": [{"mrn": "A", "follow_up_opt_out": 1}]})",
                 "patients[0].follow_up_opt_out is a boolean: give true or false (RFC 8259 JSON "
                 "only)"},
        JsonCase{"UnknownFieldNamedByProtobuf", R"({"patients": [{"mrn": "A", "colour": "red"}]})",
                 "(patients[0]) colour: Cannot find field."}),
    [](const testing::TestParamInfo<JsonCase>& row) { return std::string(row.param.name); });

TEST(StrictJson, ANestingThousandsDeepIsRefusedWithoutExhaustingTheStack) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  v1::ImportRequest request;
  const Status s = ParseJson(deep, "request_json", &request);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
}

// ---- the ranges of times and days ----------------------------------------------------------

TEST(FieldRanges, AMillisecondFieldIsZeroOrWithinTheCalendar) {
  v1::RecordContactRequest request;
  EXPECT_TRUE(CheckFieldRanges(request).ok());
  request.mutable_contact()->set_at_ms(1764547200000);  // 2025-12-01
  EXPECT_TRUE(CheckFieldRanges(request).ok());
  request.mutable_contact()->set_at_ms(INT64_MAX);
  const Status s = CheckFieldRanges(request);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("contact.at_ms is 9223372036854775807: must be within 1900-01-01.."
                              "2200-12-31 in Unix milliseconds",
                              0),
            0u)
      << s.message();
}

TEST(FieldRanges, ADateIsUnsetOrADayThatExists) {
  v1::CreatePatientRequest request;
  request.mutable_patient()->mutable_birth_date();  // present but 0-0-0: unset
  EXPECT_TRUE(CheckFieldRanges(request).ok());
  v1::Date* date = request.mutable_patient()->mutable_birth_date();
  date->set_year(2024);
  date->set_month(2);
  date->set_day(29);
  EXPECT_TRUE(CheckFieldRanges(request).ok());
  date->set_year(2023);
  const Status s = CheckFieldRanges(request);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("patient.birth_date"), std::string::npos) << s.message();
  date->set_year(1899);
  date->set_day(28);
  EXPECT_EQ(CheckFieldRanges(request).code(), Code::kInvalidArgument);
}

TEST(FieldRanges, EveryElementOfAListIsChecked) {
  v1::ImportRequest request;
  request.add_patients()->set_mrn("A");
  v1::Patient* second = request.add_patients();
  second->mutable_birth_date()->set_year(2200);
  second->mutable_birth_date()->set_month(13);
  second->mutable_birth_date()->set_day(1);
  const Status s = CheckFieldRanges(request);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("patients[1].birth_date"), std::string::npos) << s.message();
}

// ---- unknown fields ------------------------------------------------------------------------

TEST(UnknownFields, AFieldFromANewerKefuIsRefusedByPathAndNumber) {
  v1::CreatePatientRequest request;
  request.mutable_patient()->set_mrn("A");
  request.mutable_patient()
      ->GetReflection()
      ->MutableUnknownFields(request.mutable_patient())
      ->AddVarint(999, 1);
  const Status s = RejectUnknownFields(request);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "patient has field number 999, which kefu.v1.Patient does not declare (is the caller "
            "built against a newer kefu.v1?)");
  EXPECT_TRUE(RejectUnknownFields(v1::CreatePatientRequest()).ok());
}

// ---- conversions ---------------------------------------------------------------------------

TEST(Convert, DaysAndDatesRoundTripAcrossTheCalendar) {
  for (const Day day : {Day{kMinDay}, Day{0}, Day{20454}, Day{kMaxDay}}) {
    const v1::Date date = DateOf(day);
    EXPECT_EQ(DayOf(date), day) << date.ShortDebugString();
  }
  const v1::Date epoch = DateOf(0);
  EXPECT_EQ(epoch.year(), 1970);
  EXPECT_EQ(epoch.month(), 1);
  EXPECT_EQ(epoch.day(), 1);
  EXPECT_TRUE(IsUnset(v1::Date()));
  EXPECT_EQ(OptionalDayOf(v1::Date()), 0);
}

TEST(Convert, ARequiredDateNamesItsFieldWhenMissingOrImpossible) {
  Day day = 0;
  Status s = DayFromProto(false, v1::Date(), "discharge_date", &day);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("discharge_date"), std::string::npos) << s.message();
  v1::Date date;
  date.set_year(2026);
  date.set_month(4);
  date.set_day(31);
  s = DayFromProto(true, date, "discharge_date", &day);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("discharge_date"), std::string::npos) << s.message();
  date.set_day(30);
  ASSERT_TRUE(DayFromProto(true, date, "discharge_date", &day).ok());
  EXPECT_EQ(DateOf(day).day(), 30);
}

TEST(Convert, EnumWordsDropThePrefixAndReadAsWords) {
  EXPECT_EQ(EnumWords("CALL_OUTCOME_NO_ANSWER", "CALL_OUTCOME_"), "no answer");
  EXPECT_EQ(EnumWords("CALL_OUTCOME_UNSPECIFIED", "CALL_OUTCOME_"), "");
  EXPECT_EQ(EnumWords("CHANNEL_PHONE", "CHANNEL_"), "phone");
}

}  // namespace
}  // namespace kefu::messages
