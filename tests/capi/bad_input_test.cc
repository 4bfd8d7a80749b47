// Bad input through the C ABI, one table: NULL pointers, empty and huge buffers, truncated and
// garbage protobuf, invalid JSON and UTF-8, unknown methods and fields, days out of range, and the
// invariants of every service. Each row gets its own status and message — exactly, or the start
// of it where the rest is protobuf's own wording — and leaves the archive exactly as it was.
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kefu/kefu.h"
#include "kefu/v1/cadence.pb.h"
#include "kefu/v1/patient.pb.h"

namespace {

struct Ctx {
  kefu_db* db = nullptr;
  kefu_session* s = nullptr;
  kefu_cadence* standard = nullptr;
};

kefu_status Json(Ctx& c, const char* method, const std::string& json) {
  kefu_buffer out{nullptr, 0};
  const kefu_status status = kefu_call_json(c.s, method, json.c_str(), &out);
  kefu_buffer_free(&out);
  return status;
}

kefu_status Bytes(Ctx& c, const char* method, const std::string& bytes) {
  kefu_buffer out{nullptr, 0};
  const kefu_status status = kefu_call(c.s, method, bytes.data(), bytes.size(), &out);
  kefu_buffer_free(&out);
  return status;
}

std::string ExpandBytes() {
  kefu::v1::ExpandRequest r;
  r.set_builtin("standard");
  r.mutable_anchor()->set_year(2026);
  r.mutable_anchor()->set_month(1);
  r.mutable_anchor()->set_day(31);
  r.set_count(3);
  return r.SerializeAsString();
}

struct Row {
  const char* name;
  kefu_status (*call)(Ctx&);
  kefu_status status;
  std::string message;  // ending in "..." means: the message starts with this
};

constexpr const char* kRange =
    ": outside the supported range 1900-01-01..2200-12-31 (days -25567..84370)";

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      // NULL pointers, one per argument that cannot be NULL.
      {"DateOutNull", [](Ctx&) { return kefu_date_from_ymd(2026, 1, 1, nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out_day is NULL"},
      {"DateYearNull",
       [](Ctx&) {
         int m, d;
         return kefu_date_to_ymd(0, nullptr, &m, &d);
       },
       KEFU_ERR_INVALID_ARGUMENT, "year is NULL"},
      {"DateMonthNull",
       [](Ctx&) {
         int y, d;
         return kefu_date_to_ymd(0, &y, nullptr, &d);
       },
       KEFU_ERR_INVALID_ARGUMENT, "month is NULL"},
      {"DateMdayNull",
       [](Ctx&) {
         int y, m;
         return kefu_date_to_ymd(0, &y, &m, nullptr);
       },
       KEFU_ERR_INVALID_ARGUMENT, "mday is NULL"},
      {"BuiltinNameNull",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_builtin(nullptr, &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "name is NULL"},
      {"BuiltinOutNull", [](Ctx&) { return kefu_cadence_builtin("standard", nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"ParseBytesNull",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse(nullptr, 3, &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "policy is NULL"},
      {"ParseOutNull", [](Ctx&) { return kefu_cadence_parse("", 0, nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"ParseJsonNull",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json(nullptr, &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "json is NULL"},
      {"ExpandCadenceNull",
       [](Ctx&) {
         size_t n;
         kefu_window w;
         return kefu_cadence_expand(nullptr, 0, &w, 1, &n);
       },
       KEFU_ERR_INVALID_ARGUMENT, "c is NULL"},
      {"ExpandOutNull",
       [](Ctx& c) {
         size_t n;
         return kefu_cadence_expand(c.standard, 0, nullptr, 1, &n);
       },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"ExpandWrittenNull",
       [](Ctx& c) {
         kefu_window w;
         return kefu_cadence_expand(c.standard, 0, &w, 1, nullptr);
       },
       KEFU_ERR_INVALID_ARGUMENT, "written is NULL"},
      {"NextCadenceNull",
       [](Ctx&) {
         kefu_window w;
         return kefu_cadence_next(nullptr, 0, 0, &w);
       },
       KEFU_ERR_INVALID_ARGUMENT, "c is NULL"},
      {"NextOutNull", [](Ctx& c) { return kefu_cadence_next(c.standard, 0, 0, nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"BatchCadenceNull",
       [](Ctx&) {
         int32_t a = 0;
         kefu_window w;
         return kefu_cadence_next_batch(nullptr, &a, 1, 0, &w);
       },
       KEFU_ERR_INVALID_ARGUMENT, "c is NULL"},
      {"BatchAnchorsNull",
       [](Ctx& c) {
         kefu_window w;
         return kefu_cadence_next_batch(c.standard, nullptr, 1, 0, &w);
       },
       KEFU_ERR_INVALID_ARGUMENT, "anchors is NULL"},
      {"BatchOutNull",
       [](Ctx& c) {
         int32_t a = 0;
         return kefu_cadence_next_batch(c.standard, &a, 1, 0, nullptr);
       },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"OpenPathNull",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open(nullptr, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT, "path is NULL"},
      {"OpenOutNull", [](Ctx&) { return kefu_open(":memory:", nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"SessionDbNull",
       [](Ctx&) {
         kefu_session* s;
         return kefu_session_open(nullptr, "a", &s);
       },
       KEFU_ERR_INVALID_ARGUMENT, "db is NULL"},
      {"SessionActorNull",
       [](Ctx& c) {
         kefu_session* s;
         return kefu_session_open(c.db, nullptr, &s);
       },
       KEFU_ERR_INVALID_ARGUMENT, "actor is NULL"},
      {"SessionOutNull", [](Ctx& c) { return kefu_session_open(c.db, "a", nullptr); },
       KEFU_ERR_INVALID_ARGUMENT, "out is NULL"},
      {"CallSessionNull",
       [](Ctx&) {
         kefu_buffer b;
         return kefu_call(nullptr, "kefu.v1.SystemService/GetVersion", nullptr, 0, &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "s is NULL"},
      {"CallMethodNull",
       [](Ctx& c) {
         kefu_buffer b;
         return kefu_call(c.s, nullptr, nullptr, 0, &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "method is NULL"},
      {"CallResponseNull",
       [](Ctx& c) {
         return kefu_call(c.s, "kefu.v1.SystemService/GetVersion", nullptr, 0, nullptr);
       },
       KEFU_ERR_INVALID_ARGUMENT, "response is NULL"},
      {"CallRequestNullWithSize",
       [](Ctx& c) {
         kefu_buffer b;
         return kefu_call(c.s, "kefu.v1.SystemService/GetVersion", nullptr, 5, &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "request is NULL but request_size is 5"},
      {"JsonSessionNull",
       [](Ctx&) {
         kefu_buffer b;
         return kefu_call_json(nullptr, "m", "{}", &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "s is NULL"},
      {"JsonMethodNull",
       [](Ctx& c) {
         kefu_buffer b;
         return kefu_call_json(c.s, nullptr, "{}", &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "method is NULL"},
      {"JsonRequestNull",
       [](Ctx& c) {
         kefu_buffer b;
         return kefu_call_json(c.s, "kefu.v1.SystemService/GetVersion", nullptr, &b);
       },
       KEFU_ERR_INVALID_ARGUMENT, "request_json is NULL"},
      {"JsonResponseNull",
       [](Ctx& c) {
         return kefu_call_json(c.s, "kefu.v1.SystemService/GetVersion", "{}", nullptr);
       },
       KEFU_ERR_INVALID_ARGUMENT, "response_json is NULL"},

      // Buffers: empty, truncated, garbage, huge.
      {"EmptyPolicyBytes",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse(nullptr, 0, &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "steps is empty: a policy needs at least one step"},
      {"GarbagePolicyBytes",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse("\x0a\xff\xff\xff\xff\x0f", 6, &c);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "policy (6 bytes) does not decode as a binary kefu.v1.CadencePolicy"},
      {"TruncatedRequest",
       [](Ctx& c) {
         const std::string b = ExpandBytes();
         return Bytes(c, "kefu.v1.CadenceService/Expand", b.substr(0, 13));
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request (13 bytes) does not decode as a binary kefu.v1.ExpandRequest"},
      {"GarbageRequest",
       [](Ctx& c) {
         return Bytes(c, "kefu.v1.PatientService/CreatePatient", std::string("\xff\xfe\xfd", 3));
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request (3 bytes) does not decode as a binary kefu.v1.CreatePatientRequest"},
      {"WrongMessageType",
       [](Ctx& c) { return Bytes(c, "kefu.v1.PatientService/GetPatient", ExpandBytes()); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request has field number 1, which kefu.v1.GetPatientRequest does not declare (is the "
       "caller built against a newer kefu.v1?)"},
      {"UnknownBinaryField",
       [](Ctx& c) {
         return Bytes(c, "kefu.v1.CadenceService/Expand",
                      ExpandBytes() + std::string("\xa0\x06\x01", 3));
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request has field number 100, which kefu.v1.ExpandRequest does not declare (is the caller "
       "built against a newer kefu.v1?)"},
      {"HugeRequest",
       [](Ctx& c) {
         static const std::string big((64u << 20) + 1, '\0');
         return Bytes(c, "kefu.v1.PatientService/Import", big);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request is 67108865 bytes: at most 64 MiB per call (split bulk work)"},
      {"InvalidUtf8InBinary",
       [](Ctx& c) {
         return Bytes(c, "kefu.v1.PatientService/GetPatient", std::string("\x12\x02\xc3\x28", 4));
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request (4 bytes) does not decode as a binary kefu.v1.GetPatientRequest"},

      // JSON.
      {"EmptyJson", [](Ctx& c) { return Json(c, "kefu.v1.SystemService/GetVersion", ""); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetVersionRequest in JSON: ..."},
      {"NotJson", [](Ctx& c) { return Json(c, "kefu.v1.PatientService/GetPatient", "mrn=A1"); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetPatientRequest in JSON: ..."},
      {"JsonArray", [](Ctx& c) { return Json(c, "kefu.v1.PatientService/GetPatient", "[]"); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetPatientRequest in JSON: ..."},
      {"JsonTruncated",
       [](Ctx& c) { return Json(c, "kefu.v1.PatientService/GetPatient", R"({"mrn": "A)"); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetPatientRequest in JSON: ..."},
      {"JsonWrongType",
       [](Ctx& c) { return Json(c, "kefu.v1.CadenceService/Expand", R"({"count": "many"})"); },
       KEFU_ERR_INVALID_ARGUMENT, "request_json is not a valid kefu.v1.ExpandRequest in JSON: ..."},
      {"JsonUnknownField",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "B1", "name": "x", "shoeSize": 42}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: (patient) shoeSize: "
       "Cannot find field."},
      {"JsonUnknownEnumName",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "B1", "name": "x", "sex": "SEX_OTHER"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: ..."},
      {"JsonInvalidUtf8",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/GetPatient", "{\"mrn\": \"\xc3\x28\"}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetPatientRequest in JSON: ..."},
      {"PolicyJsonInvalid",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json("{", &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "json is not a valid kefu.v1.CadencePolicy in JSON: ..."},

      // Methods.
      {"UnknownMethod",
       [](Ctx& c) { return Json(c, "kefu.v1.PatientService/DeletePatient", "{}"); },
       KEFU_ERR_UNIMPLEMENTED,
       "method is \"kefu.v1.PatientService/DeletePatient\": this library serves no such method "
       "(expected \"kefu.v1.<Service>/<Method>\", see SystemService/GetVersion)"},
      {"EmptyMethod", [](Ctx& c) { return Json(c, "", "{}"); }, KEFU_ERR_UNIMPLEMENTED,
       "method is \"\": ..."},
      {"MethodWithDot", [](Ctx& c) { return Json(c, "kefu.v1.PatientService.GetPatient", "{}"); },
       KEFU_ERR_UNIMPLEMENTED, "method is \"kefu.v1.PatientService.GetPatient\": ..."},
      {"MethodControlChars", [](Ctx& c) { return Json(c, "kefu.v1.\n\x01", "{}"); },
       KEFU_ERR_UNIMPLEMENTED, "method is \"kefu.v1.\\x0a\\x01\": ..."},

      // Days and dates out of range.
      {"DateBeforeRange",
       [](Ctx&) {
         int32_t d;
         return kefu_date_from_ymd(1899, 12, 31, &d);
       },
       KEFU_ERR_INVALID_ARGUMENT, "date is 1899-12-31: the year must be 1900..2200"},
      {"DateNoSuchDay",
       [](Ctx&) {
         int32_t d;
         return kefu_date_from_ymd(2100, 2, 29, &d);
       },
       KEFU_ERR_INVALID_ARGUMENT, "date is 2100-02-29: no such day in that month"},
      {"DayAfterRange",
       [](Ctx&) {
         int y, m, d;
         return kefu_date_to_ymd(KEFU_MAX_DAY + 1, &y, &m, &d);
       },
       KEFU_ERR_INVALID_ARGUMENT, std::string("day is day 84371 (2201-01-01)") + kRange},
      {"AnchorBeforeRange",
       [](Ctx& c) {
         kefu_window w;
         return kefu_cadence_next(c.standard, KEFU_MIN_DAY - 1, 0, &w);
       },
       KEFU_ERR_INVALID_ARGUMENT, std::string("anchor is day -25568 (1899-12-31)") + kRange},
      {"OnOrAfterHuge",
       [](Ctx& c) {
         kefu_window w;
         return kefu_cadence_next(c.standard, 0, INT32_MAX, &w);
       },
       KEFU_ERR_INVALID_ARGUMENT, std::string("on_or_after is day 2147483647") + kRange},
      {"ExpandAnchorMin",
       [](Ctx& c) {
         kefu_window w;
         size_t n;
         return kefu_cadence_expand(c.standard, INT32_MIN, &w, 1, &n);
       },
       KEFU_ERR_INVALID_ARGUMENT, std::string("anchor is day -2147483648") + kRange},
      {"BatchOneAnchorBad",
       [](Ctx& c) {
         const int32_t a[] = {0, 1, 90000};
         kefu_window w[3];
         return kefu_cadence_next_batch(c.standard, a, 3, 0, w);
       },
       KEFU_ERR_INVALID_ARGUMENT, std::string("anchors[2] is day 90000 (2216-05-31)") + kRange},
      {"MessageDateOutOfRange",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.CadenceService/Next",
             R"({"builtin": "standard", "anchor": {"year": 2026, "month": 1, "day": 1}, "onOrAfter": {"year": 2201, "month": 1, "day": 1}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "on_or_after is 2201-01-01: the year must be 1900..2200"},

      // Cadence invariants.
      {"NoSuchPolicy",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_builtin("weekly", &c);
       },
       KEFU_ERR_NOT_FOUND,
       "builtin is \"weekly\": no built-in policy of that name (standard, out-of-town, local)"},
      {"PolicyNoSteps",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json("{}", &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "steps is empty: a policy needs at least one step"},
      {"PolicyOpensAfterDue",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json(
             R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}, "opensDaysBefore": -1}]})",
             &c);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "steps[0].opens_days_before is -1: the window would open after it is due (must be 0..366)"},
      {"PolicyZeroInterval",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json(
             R"({"steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}}], "repeat": {"interval": {"unit": "TIME_UNIT_WEEKS"}, "unbounded": true}})",
             &c);
       },
       KEFU_ERR_INVALID_ARGUMENT, "repeat.interval.amount is 0: must be 1..5218 weeks"},
      {"PolicyUnknownUnit",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json(R"({"steps": [{"offset": {"amount": 3, "unit": 12}}]})",
                                        &c);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "steps[0].offset.unit is 12: expected TIME_UNIT_DAYS, TIME_UNIT_WEEKS or TIME_UNIT_MONTHS"},
      {"PolicyOutOfOrder",
       [](Ctx&) {
         kefu_cadence* c;
         return kefu_cadence_parse_json(
             R"({"steps": [{"offset": {"amount": 2, "unit": "TIME_UNIT_MONTHS"}}, {"offset": {"amount": 40, "unit": "TIME_UNIT_DAYS"}}]})",
             &c);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "steps[1].offset is 40 days: not always due after steps[0].offset (2 months); steps must be "
       "in order (a month counts as 28 to 31 days)"},
      {"ExpandCountZero",
       [](Ctx& c) {
         return Json(c, "kefu.v1.CadenceService/Expand",
                     R"({"builtin": "local", "anchor": {"year": 2026, "month": 1, "day": 1}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "count is 0: must be 1..10000"},
      {"ExpandNoPolicy",
       [](Ctx& c) {
         return Json(c, "kefu.v1.CadenceService/Expand",
                     R"({"anchor": {"year": 2026, "month": 1, "day": 1}, "count": 1})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "policy_source is unset: give builtin (a policy name) or policy (a CadencePolicy)"},
      {"CallTimeMinutes",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.CadenceService/Next",
             R"({"policy": {"steps": [{"offset": {"amount": 1, "unit": "TIME_UNIT_DAYS"}}], "callTime": {"hours": 20, "minutes": 60}}, "anchor": {"year": 2026, "month": 1, "day": 1}, "onOrAfter": {"year": 2026, "month": 1, "day": 1}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "call_time.minutes is 60: must be 0..59"},

      // Sessions and archives.
      {"ActorEmpty",
       [](Ctx& c) {
         kefu_session* s;
         return kefu_session_open(c.db, "", &s);
       },
       KEFU_ERR_INVALID_ARGUMENT, "actor is empty: name who acts (a staff id)"},
      {"ActorNotUtf8",
       [](Ctx& c) {
         kefu_session* s;
         return kefu_session_open(c.db, "\xff\xfe", &s);
       },
       KEFU_ERR_INVALID_ARGUMENT, "actor is \"\\xff\\xfe\": not UTF-8"},
      {"ActorTooLong",
       [](Ctx& c) {
         kefu_session* s;
         static const std::string a(200, 'a');
         return kefu_session_open(c.db, a.c_str(), &s);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "actor is \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" (200 "
       "bytes): at most 128 bytes"},
      {"OpenEmptyPath",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open("", &db);
       },
       KEFU_ERR_INVALID_ARGUMENT, "path is empty: give a file path or \":memory:\""},
      {"OpenOptionsNull",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open_with_options(":memory:", nullptr, 3, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT, "options is NULL"},
      {"OpenOptionsUndecodable",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open_with_options(":memory:", "\xff\xff", 2, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT, "options (2 bytes) do not decode as kefu.v1.OpenOptions"},
      {"OpenOptionsUnknownDurability",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open_with_options(":memory:", "\x08\x07", 2, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT, "durability is 7: not a kefu.v1.Durability (FULL 1, NORMAL 2)"},
      {"OpenOptionsUnknownField",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open_with_options(":memory:", "\x78\x01", 2, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "options has field number 15, which kefu.v1.OpenOptions does not declare (is the caller "
       "built against a newer kefu.v1?)"},
      {"OpenDirectoryMissing",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open("/nonexistent/dir/a.db", &db);
       },
       KEFU_ERR_IO, "opening the archive \"/nonexistent/dir/a.db\": unable to open database file"},

      // Times and days: every *_ms field and every date of every request lies in 1900..2200.
      {"ContactTimeUnbounded",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.TimelineService/RecordContact",
             R"({"contact": {"patientMrn": "A1", "channel": "CHANNEL_PHONE", "atMs": "9223372036854775807"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "contact.at_ms is 9223372036854775807: must be within 1900-01-01..2200-12-31 in Unix "
       "milliseconds (..."},
      {"ContactInTheFuture",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.TimelineService/RecordContact",
             R"({"contact": {"patientMrn": "A1", "channel": "CHANNEL_PHONE", "atMs": "7000000000000"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "contact.at_ms is 7000000000000: in the future (..."},
      {"PromiseUnbounded",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.FollowUpService/RecordAttempt",
             R"({"taskId": "1", "outcome": "CALL_OUTCOME_EXPERT_QUESTION", "expertQuestion": {"doctor": "d", "question": "q", "promisedByMs": "9223372036854775807"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "expert_question.promised_by_ms is 9223372036854775807: must be within "
       "1900-01-01..2200-12-31 ..."},
      {"AttemptTimeNegative",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.FollowUpService/RecordAttempt",
             R"({"taskId": "1", "outcome": "CALL_OUTCOME_REACHED", "atMs": "-9223372036854775808"})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "at_ms is -9223372036854775808: must be within 1900-01-01..2200-12-31 ..."},
      {"AuditFromUnbounded",
       [](Ctx& c) {
         return Json(c, "kefu.v1.AuditService/ListAudit", R"({"fromMs": "-9223372036854775808"})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "from_ms is -9223372036854775808: must be within 1900-01-01..2200-12-31 ..."},
      {"ScheduleNoSuchDay",
       [](Ctx& c) {
         return Json(c, "kefu.v1.FollowUpService/Schedule",
                     R"({"from": {"year": 2026, "month": 2, "day": 30}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "from is 2026-02-30: no such day in that month"},
      {"ImportDayOutOfRange",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.PatientService/Import",
             R"({"encounters": [{"patientMrn": "A1", "department": "x", "admissionDate": {"year": 1800, "month": 1, "day": 1}}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "encounters[0].admission_date is 1800-01-01: ..."},
      {"SimulatedClockUnbounded",
       [](Ctx&) {
         kefu_db* db;
         return kefu_open_with_options(
             ":memory:", "\x1a\x0a\x08\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 12, &db);
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "simulated_clock.now_ms is 9223372036854775807: must be within 1900-01-01..2200-12-31 ..."},

      // One rule for every path: unknown enum values and read-only fields are refused.
      {"VisitUnknownKind",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/RecordVisit",
             R"({"encounter": {"patientMrn": "A1", "department": "x", "kind": 7, "admissionDate": {"year": 2026, "month": 1, "day": 2}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "encounter.kind is 7: unknown value"},
      {"DischargeUnknownKind",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/Discharge",
             R"({"encounter": {"patientMrn": "A1", "department": "x", "kind": 9, "admissionDate": {"year": 2026, "month": 1, "day": 2}, "dischargeDate": {"year": 2026, "month": 1, "day": 5}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "encounter.kind is 9: unknown value"},
      {"DischargeWithState",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/Discharge",
             R"({"encounter": {"patientMrn": "A1", "department": "x", "state": "ENCOUNTER_STATE_CANCELLED", "admissionDate": {"year": 2026, "month": 1, "day": 2}, "dischargeDate": {"year": 2026, "month": 1, "day": 5}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "encounter.state is 4: set by kefu (Admit, Discharge, RecordVisit, CancelEncounter), leave "
       "it unset"},
      {"ImportWithState",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.PatientService/Import",
             R"({"encounters": [{"patientMrn": "A1", "department": "x", "state": "ENCOUNTER_STATE_ADMITTED", "admissionDate": {"year": 2026, "month": 1, "day": 2}}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "encounters[0].state is 1: set by kefu ..."},
      {"SettingsStaleVersion",
       [](Ctx& c) {
         return Json(c, "kefu.v1.FollowUpConfigService/UpdateSettings",
                     R"({"settings": {"version": 7}})");
       },
       KEFU_ERR_FAILED_PRECONDITION,
       "settings.version is 7 but the settings are at version 0: they were changed since you read "
       "them; read them again"},
      {"NameWithC1Control",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     "{\"patient\": {\"mrn\": \"C1\", \"name\": \"a\\u009b31mb\"}}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "patient.name is \"a\\u009b31mb\": holds a control character (U+0080..U+009F)"},

      // RFC 8259 JSON only: what protobuf's lenient parser would take and write.
      {"JsonSingleQuotes",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     "{'patient': {'mrn': 'Q1', 'name': 'x'}}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: parse error at line 1, "
       "column 2: syntax error while parsing object key - invalid literal; last read: '{''; "
       "expected string literal (RFC 8259 JSON only)"},
      {"JsonTrailingComma",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "Q1", "name": "x",}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: parse error at line 1, "
       "column 39: syntax error while parsing object key - unexpected '}'; expected string literal "
       "(RFC 8259 JSON only)"},
      {"JsonDuplicateKey",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     "{\"patient\": {\"mrn\": \"A\",\n \"mrn\": \"B\", \"name\": \"x\"}}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: the key \"mrn\" is given "
       "twice in one object (in patient) (RFC 8259 JSON only)"},
      {"JsonOneFieldUnderBothNames",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "Q1", "name": "x",
                                     "birth_date": {"year": 1990, "month": 1, "day": 1},
                                     "birthDate": {"year": 1991, "month": 1, "day": 1}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: the field birthDate is "
       "given twice in one object, as \"birth_date\" and as \"birthDate\" (in patient) (RFC 8259 "
       "JSON only)"},
      {"JsonDuplicateKeyInAListElement",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/Import",
                     R"({"patients": [{"mrn": "Q1", "name": "x"},
                                      {"mrn": "Q2", "name": "y", "name": "z"}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ImportRequest in JSON: the key \"name\" is given twice "
       "in one object (in patients[1]) (RFC 8259 JSON only)"},
      {"JsonBoolAsWord",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "Q1", "name": "x", "followUpOptOut": "no"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.CreatePatientRequest in JSON: patient.followUpOptOut "
       "is a boolean: give true or false (RFC 8259 JSON only)"},
      {"JsonBoolAsNumberInAList",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.PatientService/Import",
             R"({"patients": [{"mrn": "Q1", "name": "x"}, {"mrn": "Q2", "name": "y", "phones": [{"number": "13800000009", "wrongNumber": 1}]}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.ImportRequest in JSON: "
       "patients[1].phones[0].wrongNumber is a boolean: give true or false (RFC 8259 JSON only)"},
      {"JsonComment",
       [](Ctx& c) { return Json(c, "kefu.v1.SystemService/GetVersion", "{} // a comment"); },
       KEFU_ERR_INVALID_ARGUMENT,
       "request_json is not a valid kefu.v1.GetVersionRequest in JSON: parse error at line 1, "
       "column 4: syntax error while parsing value - invalid literal; last read: '{} /'; expected "
       "end of input (RFC 8259 JSON only)"},

      {"ImportWithCreatedAt",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.PatientService/Import",
             R"({"patients": [{"mrn": "Q1", "name": "x", "createdAtMs": "1700000000000"}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "patients[0].created_at_ms is 1700000000000: assigned by kefu, leave it unset"},

      // Archive invariants, one or more per service.
      {"DuplicateMrn",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "A1", "name": "x"}})");
       },
       KEFU_ERR_ALREADY_EXISTS, "mrn is \"A1\": already the MRN of patient id 1"},
      {"PatientWithoutName",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient", R"({"patient": {"mrn": "B1"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "patient.name is \"\": must not be empty"},
      {"PhoneNotAPhone",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "B1", "name": "x", "phones": [{"number": "☎"}]}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "patient.phones[0].number is \"☎\": not a phone number (digits, with an optional '+')"},
      {"NameTooLong",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/CreatePatient",
                     R"({"patient": {"mrn": "B1", "name": ")" + std::string(300, 'n') + "\"}}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "patient.name is \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...\" "
       "(300 bytes): at most 100 bytes"},
      {"FutureDeathDay",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.PatientService/UpdatePatient",
             R"({"mrn": "A2", "updateMask": ["status", "death_date"], "patient": {"status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2199, "month": 1, "day": 1}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "patient.death_date is 2199-01-01: in the future (today is ..."},
      {"UnknownPatient",
       [](Ctx& c) { return Json(c, "kefu.v1.PatientService/GetPatient", R"({"mrn": "Z9"})"); },
       KEFU_ERR_NOT_FOUND, "patient MRN \"Z9\" does not exist"},
      {"UpdateReadOnly",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/UpdatePatient",
                     R"({"mrn": "A1", "updateMask": ["created_at_ms"], "patient": {}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "update_mask[0] is \"created_at_ms\": a read-only field"},
      {"ListPageSize",
       [](Ctx& c) { return Json(c, "kefu.v1.PatientService/ListPatients", R"({"pageSize": -1})"); },
       KEFU_ERR_INVALID_ARGUMENT, "page_size is -1: must be 1..1000 (0 for the default)"},
      {"MergeIntoItself",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/MergePatients",
                     R"({"survivorMrn": "A1", "mergedMrn": "A1"})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "merged_mrn is \"A1\": the same record as survivor_mrn"},
      {"ImportHalfBad",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/Import",
                     R"({"patients": [{"mrn": "C1", "name": "ok"}, {"mrn": "C2", "name": ""}]})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "patients[1].name is \"\": must not be empty"},
      {"ImportDuplicateInside",
       [](Ctx& c) {
         return Json(c, "kefu.v1.PatientService/Import",
                     R"({"patients": [{"mrn": "C1", "name": "a"}, {"mrn": "C1", "name": "b"}]})");
       },
       KEFU_ERR_ALREADY_EXISTS, "patients[1].mrn is \"C1\": listed twice in the import"},
      {"DischargeBeforeAdmission",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/Discharge",
             R"({"hisVisitId": "V1", "dischargeDate": {"year": 2025, "month": 2, "day": 28}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "discharge_date is 2025-02-28: before the admission date 2025-03-01"},
      {"AdmitWithDischarge",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/Admit",
             R"({"encounter": {"patientMrn": "A1", "department": "d", "admissionDate": {"year": 2025, "month": 1, "day": 1}, "dischargeDate": {"year": 2025, "month": 1, "day": 2}}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "encounter.discharge_date is set: an admission has no discharge yet (use Discharge with the "
       "whole stay)"},
      {"VisitAsInpatient",
       [](Ctx& c) {
         return Json(c, "kefu.v1.EncounterService/RecordVisit",
                     R"({"encounter": {"kind": "ENCOUNTER_KIND_INPATIENT"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "encounter.kind is ENCOUNTER_KIND_INPATIENT: inpatient stays go to Admit and Discharge"},
      {"BadIcd10",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.EncounterService/RecordVisit",
             R"({"encounter": {"patientMrn": "A1", "department": "d", "admissionDate": {"year": 2025, "month": 1, "day": 1}, "diagnoses": [{"icd10": "e11"}]}})");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "encounter.diagnoses[0].icd10 is \"e11\": not an ICD-10 code (a capital letter, two digits, "
       "then .xxxx)"},
      {"CancelUnknown",
       [](Ctx& c) {
         return Json(c, "kefu.v1.EncounterService/CancelEncounter", R"({"encounterId": "77"})");
       },
       KEFU_ERR_NOT_FOUND, "encounter id 77 does not exist"},
      {"ContactUnknownEnum",
       [](Ctx& c) {
         return Json(c, "kefu.v1.TimelineService/RecordContact",
                     R"({"contact": {"patientMrn": "A1", "direction": 9}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "contact.direction is 9: unknown value"},
      {"ContactNegativeTime",
       [](Ctx& c) {
         return Json(c, "kefu.v1.TimelineService/RecordContact",
                     R"({"contact": {"patientMrn": "A1", "atMs": "-5"}})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "contact.at_ms is -5: before 1970"},
      {"NoteTooLong",
       [](Ctx& c) {
         return Json(
             c, "kefu.v1.TimelineService/AddNote",
             R"({"note": {"patientMrn": "A1", "text": ")" + std::string(10001, 'n') + "\"}}");
       },
       KEFU_ERR_INVALID_ARGUMENT,
       "note.text is \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...\" "
       "(10001 bytes): at most 10000 bytes"},
      {"TimelineNegativeLimit",
       [](Ctx& c) {
         return Json(c, "kefu.v1.TimelineService/ListTimeline",
                     R"({"patientMrn": "A1", "limit": -1})");
       },
       KEFU_ERR_INVALID_ARGUMENT, "limit is -1: must be 0 (all) or more"},
      {"AuditBadToken",
       [](Ctx& c) { return Json(c, "kefu.v1.AuditService/ListAudit", R"({"pageToken": "k-1"})"); },
       KEFU_ERR_INVALID_ARGUMENT, "page_token is \"k-1\": not a token this library handed out"},
      {"AuditNegativeTime",
       [](Ctx& c) { return Json(c, "kefu.v1.AuditService/ListAudit", R"({"fromMs": "-1"})"); },
       KEFU_ERR_INVALID_ARGUMENT, "from_ms and to_ms are Unix milliseconds: not negative"},
      {"BackupOverExisting",
       [](Ctx& c) {
         return Json(c, "kefu.v1.MaintenanceService/Backup", R"({"destinationPath": "/"})");
       },
       KEFU_ERR_ALREADY_EXISTS,
       "destination_path is \"/\": the file exists; kefu never overwrites a file with a backup"},
      {"BackupNoPath", [](Ctx& c) { return Json(c, "kefu.v1.MaintenanceService/Backup", "{}"); },
       KEFU_ERR_INVALID_ARGUMENT, "destination_path is \"\": must not be empty"},
  };
  return rows;
}

class BadInput : public testing::TestWithParam<Row> {
 protected:
  void SetUp() override {
    ASSERT_EQ(kefu_open(":memory:", &ctx_.db), KEFU_OK);
    ASSERT_EQ(kefu_session_open(ctx_.db, "his", &ctx_.s), KEFU_OK);
    ASSERT_EQ(kefu_cadence_builtin("standard", &ctx_.standard), KEFU_OK);
    ASSERT_EQ(Json(ctx_, "kefu.v1.PatientService/Import", R"({
        "patients": [{"mrn": "A1", "name": "甲", "phones": [{"number": "13800000001"}]},
                     {"mrn": "A2", "name": "乙"}],
        "encounters": [{"patientMrn": "A1", "hisVisitId": "V1", "department": "内科",
                        "admissionDate": {"year": 2025, "month": 3, "day": 1}}]})"),
              KEFU_OK);
  }
  void TearDown() override {
    kefu_cadence_free(ctx_.standard);
    kefu_session_close(ctx_.s);
    kefu_close(ctx_.db);
  }
  // Everything a call could have changed: counts, records, and the audit chain's head.
  std::string Snapshot() {
    std::string all;
    for (const char* method :
         {"kefu.v1.MaintenanceService/GetInfo", "kefu.v1.PatientService/ListPatients",
          "kefu.v1.AuditService/VerifyAudit"}) {
      kefu_buffer out{nullptr, 0};
      EXPECT_EQ(kefu_call_json(ctx_.s, method, "{}", &out), KEFU_OK);
      all.append(reinterpret_cast<char*>(out.data), out.size);
      kefu_buffer_free(&out);
    }
    return all;
  }
  Ctx ctx_;
};

TEST_P(BadInput, GetsItsStatusAndMessageAndChangesNothing) {
  const Row& row = GetParam();
  const std::string before = Snapshot();
  EXPECT_STREQ(kefu_status_name(row.call(ctx_)), kefu_status_name(row.status));
  const std::string message = kefu_last_error();
  const std::string& want = row.message;
  if (want.size() > 3 && want.compare(want.size() - 3, 3, "...") == 0) {
    EXPECT_EQ(message.substr(0, want.size() - 3), want.substr(0, want.size() - 3)) << message;
  } else {
    EXPECT_EQ(message, want);
  }
  EXPECT_EQ(Snapshot(), before);
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, testing::ValuesIn(Rows()),
                         [](const testing::TestParamInfo<Row>& row) {
                           return std::string(row.param.name);
                         });

TEST(BadInputTable, HasAtLeastSixtyCases) { EXPECT_GE(Rows().size(), 60u); }

}  // namespace
