// PatientService: create, get, update, search, merge and import, with every rejection naming
// its field and value and leaving the archive as it was.
#include "archive/archive_fixture.hpp"

namespace kefu {
namespace {

using testing_util::ArchiveTest;

class Patients : public ArchiveTest {};

TEST_F(Patients, CreateNormalizesAndGetFindsByIdAndMrn) {
  const v1::Patient created = Create("MRN-1", "王芳", R"("sex": "SEX_FEMALE",
      "birthDate": {"year": 1961, "month": 3, "day": 9},
      "phones": [{"number": "138-0013 8000"}, {"number": "+86 (10) 6512-3456", "owner": "PHONE_OWNER_CHILD"}],
      "regionCode": "131002", "locality": "LOCALITY_LOCAL", "tags": ["diabetes"])");
  EXPECT_EQ(created.id(), 1);
  EXPECT_EQ(created.phones(0).number(), "13800138000");
  EXPECT_EQ(created.phones(0).owner(), v1::PHONE_OWNER_SELF);
  EXPECT_EQ(created.phones(1).number(), "+861065123456");
  EXPECT_EQ(created.status(), v1::PATIENT_STATUS_ACTIVE);
  EXPECT_EQ(created.created_at_ms(), testing_util::kNowMs);
  const auto by_mrn = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "MRN-1"})");
  const auto by_id = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"id": "1"})");
  EXPECT_EQ(by_mrn.SerializeAsString(), created.SerializeAsString());
  EXPECT_EQ(by_id.SerializeAsString(), created.SerializeAsString());
}

struct BadPatient {
  const char* name;
  std::string patient_json;
  Code code;
  const char* message;
};

class PatientRejected : public ArchiveTest, public ::testing::WithParamInterface<BadPatient> {};

TEST_P(PatientRejected, WithFieldAndValueAndNothingWritten) {
  Create("TAKEN", "Existing Patient");
  const std::int64_t audit = AuditCount();
  const Status s = Call("kefu.v1.PatientService/CreatePatient",
                        R"({"patient": )" + GetParam().patient_json + "}");
  EXPECT_EQ(s.code(), GetParam().code) << s.ToString();
  EXPECT_EQ(s.message(), GetParam().message);
  EXPECT_EQ(AuditCount(), audit);
  EXPECT_EQ(
      Ok<v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients", "{}").patients_size(), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PatientRejected,
    ::testing::Values(
        BadPatient{"DuplicateMrn", R"({"mrn": "TAKEN", "name": "Other"})", Code::kAlreadyExists,
                   "mrn is \"TAKEN\": already the MRN of patient id 1"},
        BadPatient{"NoMrn", R"({"name": "Nobody"})", Code::kInvalidArgument,
                   "patient.mrn is \"\": must not be empty"},
        BadPatient{"BlankName", R"({"mrn": "M", "name": "   "})", Code::kInvalidArgument,
                   "patient.name is \"   \": must not be empty"},
        BadPatient{"LongName", R"({"mrn": "M", "name": ")" + std::string(101, 'x') + R"("})",
                   Code::kInvalidArgument,
                   "patient.name is "
                   "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" "
                   "(101 bytes): at most 100 bytes"},
        BadPatient{"PhoneWithLetters",
                   R"({"mrn": "M", "name": "N", "phones": [{"number": "call me"}]})",
                   Code::kInvalidArgument,
                   "patient.phones[0].number is \"call me\": not a phone number (digits, with an "
                   "optional '+')"},
        BadPatient{"PhoneTooShort", R"({"mrn": "M", "name": "N", "phones": [{"number": "110"}]})",
                   Code::kInvalidArgument,
                   "patient.phones[0].number is \"110\": not a phone number (5 to 20 digits)"},
        BadPatient{
            "PhoneTwice",
            R"({"mrn": "M", "name": "N", "phones": [{"number": "13800138000"}, {"number": "138 0013 8000"}]})",
            Code::kInvalidArgument, "patient.phones[1].number is \"138 0013 8000\": listed twice"},
        BadPatient{
            "FutureDeath",
            R"({"mrn": "M", "name": "N", "status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2026, "month": 12, "day": 1}})",
            Code::kInvalidArgument,
            "patient.death_date is 2026-12-01: in the future (today is 2026-11-23)"},
        BadPatient{"DeceasedWithoutDay",
                   R"({"mrn": "M", "name": "N", "status": "PATIENT_STATUS_DECEASED"})",
                   Code::kInvalidArgument,
                   "patient.death_date is unset: a deceased patient needs the day of death"},
        BadPatient{
            "DeathDayButAlive",
            R"({"mrn": "M", "name": "N", "deathDate": {"year": 2020, "month": 1, "day": 1}})",
            Code::kInvalidArgument,
            "patient.death_date is 2020-01-01: only a deceased patient has a day of death "
            "(status is PATIENT_STATUS_ACTIVE)"},
        BadPatient{
            "DeathBeforeBirth",
            R"({"mrn": "M", "name": "N", "status": "PATIENT_STATUS_DECEASED", "birthDate": {"year": 1990, "month": 1, "day": 1}, "deathDate": {"year": 1980, "month": 1, "day": 1}})",
            Code::kInvalidArgument,
            "patient.death_date is 1980-01-01: before the birth date 1990-01-01"},
        BadPatient{
            "ImpossibleBirth",
            R"({"mrn": "M", "name": "N", "birthDate": {"year": 2023, "month": 2, "day": 29}})",
            Code::kInvalidArgument, "patient.birth_date is 2023-02-29: no such day in that month"},
        BadPatient{
            "FutureBirth",
            R"({"mrn": "M", "name": "N", "birthDate": {"year": 2027, "month": 1, "day": 1}})",
            Code::kInvalidArgument,
            "patient.birth_date is 2027-01-01: in the future (today is 2026-11-23)"},
        BadPatient{"RegionTooLong", R"({"mrn": "M", "name": "N", "regionCode": "1310021234567"})",
                   Code::kInvalidArgument,
                   "patient.region_code is \"1310021234567\" (13 bytes): at most 12 bytes"},
        BadPatient{
            "RegionLetters", R"({"mrn": "M", "name": "N", "regionCode": "13A0"})",
            Code::kInvalidArgument,
            "patient.region_code is \"13A0\": an administrative division code is digits only"},
        BadPatient{"MergedStatus",
                   R"({"mrn": "M", "name": "N", "status": "PATIENT_STATUS_MERGED"})",
                   Code::kInvalidArgument,
                   "patient.status is PATIENT_STATUS_MERGED: set only by MergePatients"},
        BadPatient{"UnknownSex", R"({"mrn": "M", "name": "N", "sex": 7})", Code::kInvalidArgument,
                   "patient.sex is 7: unknown value"},
        BadPatient{"GivenId", R"({"id": "9", "mrn": "M", "name": "N"})", Code::kInvalidArgument,
                   "patient.id is 9: assigned by kefu, leave it unset"},
        BadPatient{"ControlCharacter", R"({"mrn": "M\u0007", "name": "N"})", Code::kInvalidArgument,
                   "patient.mrn is \"M\\x07\": holds a control character"},
        BadPatient{"FamilyWithoutName",
                   R"({"mrn": "M", "name": "N", "family": [{"relation": "son"}]})",
                   Code::kInvalidArgument, "patient.family[0].name is \"\": must not be empty"}),
    [](const ::testing::TestParamInfo<BadPatient>& row) { return std::string(row.param.name); });

TEST_F(Patients, MissingPatientIsInvalid) {
  EXPECT_EQ(Call("kefu.v1.PatientService/CreatePatient", "{}").message(), "patient is unset");
  EXPECT_EQ(Call("kefu.v1.PatientService/GetPatient", R"({"mrn": "NOPE"})").ToString(),
            "KEFU_ERR_NOT_FOUND: patient MRN \"NOPE\" does not exist");
  EXPECT_EQ(Call("kefu.v1.PatientService/GetPatient", "{}").message(),
            "key is unset: name the patient by id or MRN");
}

TEST_F(Patients, UpdateReplacesOnlyTheMaskedFields) {
  Create("MRN-1", "李雷", R"("address": "old street", "occupation": "teacher")");
  now_ms_ += 60000;
  const auto updated = Ok<v1::Patient>("kefu.v1.PatientService/UpdatePatient", R"({
      "mrn": "MRN-1", "updateMask": ["address", "phones"],
      "patient": {"address": "new street", "occupation": "ignored", "phones": [{"number": "13900000001"}]}})");
  EXPECT_EQ(updated.address(), "new street");
  EXPECT_EQ(updated.occupation(), "teacher");
  EXPECT_EQ(updated.phones_size(), 1);
  EXPECT_EQ(updated.updated_at_ms(), testing_util::kNowMs + 60000);
  EXPECT_EQ(updated.created_at_ms(), testing_util::kNowMs);

  EXPECT_EQ(Call("kefu.v1.PatientService/UpdatePatient",
                 R"({"mrn": "MRN-1", "updateMask": ["colour"], "patient": {}})")
                .message(),
            "update_mask[0] is \"colour\": kefu.v1.Patient has no such field");
  EXPECT_EQ(Call("kefu.v1.PatientService/UpdatePatient",
                 R"({"mrn": "MRN-1", "updateMask": ["id"], "patient": {"id": "5"}})")
                .message(),
            "update_mask[0] is \"id\": a read-only field");
  EXPECT_EQ(
      Call("kefu.v1.PatientService/UpdatePatient", R"({"mrn": "MRN-1", "patient": {}})").message(),
      "update_mask is empty: name the fields to replace");
  Create("MRN-2", "韩梅梅");
  EXPECT_EQ(Call("kefu.v1.PatientService/UpdatePatient",
                 R"({"mrn": "MRN-2", "updateMask": ["mrn"], "patient": {"mrn": "MRN-1"}})")
                .ToString(),
            "KEFU_ERR_ALREADY_EXISTS: patient.mrn is \"MRN-1\": already the MRN of patient id 1");
  // Clearing the name is refused: the update must leave a valid record.
  EXPECT_EQ(Call("kefu.v1.PatientService/UpdatePatient",
                 R"({"mrn": "MRN-2", "updateMask": ["name"], "patient": {}})")
                .message(),
            "patient.name is \"\": must not be empty");
}

TEST_F(Patients, SearchFiltersAndPages) {
  for (int i = 0; i < 7; ++i) {
    Create("P" + std::to_string(i), i % 2 == 0 ? "张伟" + std::to_string(i) : "刘洋",
           R"("regionCode": ")" + std::string(i < 3 ? "131002" : "110105") +
               R"(", "phones": [{"number": "1390000000)" + std::to_string(i) + "\"}]");
  }
  Ok<v1::Patient>("kefu.v1.PatientService/UpdatePatient", R"({"mrn": "P5", "updateMask": ["family"],
      "patient": {"family": [{"name": "女儿", "phone": "13600000000"}]}})");
  auto search = [&](const std::string& json) {
    std::vector<std::string> mrns;
    const auto found = Ok<v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients", json);
    for (const auto& p : found.patients()) mrns.push_back(p.mrn());
    return mrns;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(search(R"({"nameContains": "张"})"), (V{"P0", "P2", "P4", "P6"}));
  EXPECT_EQ(search(R"({"nameContains": "%"})"), V{}) << "LIKE wildcards are literal";
  EXPECT_EQ(search(R"({"regionPrefix": "1310"})"), (V{"P0", "P1", "P2"}));
  EXPECT_EQ(search(R"({"phone": "139-0000-0003"})"), V{"P3"});
  EXPECT_EQ(search(R"({"phone": "13600000000"})"), V{"P5"}) << "a family member's number";
  EXPECT_EQ(search(R"({"mrn": "P4", "nameContains": "张"})"), V{"P4"});
  EXPECT_EQ(search(R"({"status": "PATIENT_STATUS_DECEASED"})"), V{});

  V all;
  std::string token;
  int pages = 0;
  do {
    const auto page = Ok<v1::ListPatientsResponse>(
        "kefu.v1.PatientService/ListPatients", R"({"pageSize": 3, "pageToken": ")" + token + "\"}");
    for (const auto& p : page.patients()) all.push_back(p.mrn());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(all, (V{"P0", "P1", "P2", "P3", "P4", "P5", "P6"}));

  EXPECT_EQ(Call("kefu.v1.PatientService/ListPatients", R"({"pageSize": 1001})").message(),
            "page_size is 1001: must be 1..1000 (0 for the default)");
  EXPECT_EQ(Call("kefu.v1.PatientService/ListPatients", R"({"pageToken": "xyz"})").message(),
            "page_token is \"xyz\": not a token this library handed out");
  EXPECT_EQ(Call("kefu.v1.PatientService/ListPatients", R"({"phone": "abc"})").message(),
            "phone is \"abc\": not a phone number (digits, with an optional '+')");
}

TEST_F(Patients, MergeKeepsEverythingOfBothRecords) {
  Create("OLD", "赵敏", R"("phones": [{"number": "13700000001"}], "tags": ["a"])");
  Create("NEW", "赵敏", R"("phones": [{"number": "13700000002"}], "tags": ["a", "b"])");
  Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", R"({"encounter": {
      "patientMrn": "OLD", "department": "内科", "hisVisitId": "V1",
      "admissionDate": {"year": 2026, "month": 10, "day": 1},
      "dischargeDate": {"year": 2026, "month": 10, "day": 9}}})");
  Ok<v1::RecordVisitResponse>("kefu.v1.EncounterService/RecordVisit", R"({"encounter": {
      "patientMrn": "NEW", "department": "内科", "admissionDate": {"year": 2026, "month": 11, "day": 1}}})");
  const auto contact = Ok<v1::ContactEvent>(
      "kefu.v1.TimelineService/RecordContact",
      R"({"contact": {"patientMrn": "OLD", "kind": "CONTACT_KIND_FOLLOW_UP", "outcome": "reached"}})");
  Ok<v1::Note>("kefu.v1.TimelineService/AddNote",
               R"({"note": {"patientMrn": "OLD", "contactId": ")" + std::to_string(contact.id()) +
                   R"(", "text": "sleeps better"}})");

  const auto merged = Ok<v1::MergePatientsResponse>(
      "kefu.v1.PatientService/MergePatients", R"({"survivorMrn": "NEW", "mergedMrn": "OLD"})");
  EXPECT_EQ(merged.encounters_moved(), 1);
  EXPECT_EQ(merged.contacts_moved(), 1);
  EXPECT_EQ(merged.notes_moved(), 1);
  EXPECT_EQ(merged.survivor().phones_size(), 2);
  EXPECT_EQ(merged.survivor().tags_size(), 2);

  const auto encounters = Ok<v1::ListEncountersResponse>("kefu.v1.EncounterService/ListEncounters",
                                                         R"({"patientMrn": "NEW"})");
  ASSERT_EQ(encounters.encounters_size(), 2);
  EXPECT_EQ(encounters.encounters(1).patient_mrn(), "NEW");
  const auto timeline = Ok<v1::ListTimelineResponse>("kefu.v1.TimelineService/ListTimeline",
                                                     R"({"patientMrn": "NEW"})");
  EXPECT_EQ(timeline.entries_size(), 4);

  const auto old = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "OLD"})");
  EXPECT_EQ(old.status(), v1::PATIENT_STATUS_MERGED);
  EXPECT_EQ(old.merged_into_id(), merged.survivor().id());
  const auto by_phone = Ok<v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients",
                                                     R"({"phone": "13700000001"})");
  ASSERT_EQ(by_phone.patients_size(), 1);
  EXPECT_EQ(by_phone.patients(0).mrn(), "NEW");

  EXPECT_EQ(
      Call("kefu.v1.PatientService/MergePatients", R"({"survivorMrn": "NEW", "mergedMrn": "OLD"})")
          .ToString(),
      "KEFU_ERR_FAILED_PRECONDITION: patient \"OLD\" was merged into patient id 2: use the "
      "surviving record");
  EXPECT_EQ(
      Call("kefu.v1.TimelineService/AddNote", R"({"note": {"patientMrn": "OLD", "text": "x"}})")
          .code(),
      Code::kFailedPrecondition);
  EXPECT_EQ(
      Call("kefu.v1.PatientService/MergePatients", R"({"survivorMrn": "NEW", "mergedMrn": "NEW"})")
          .message(),
      "merged_mrn is \"NEW\": the same record as survivor_mrn");
}

TEST_F(Patients, ImportIsAllOrNothing) {
  std::string patients, encounters;
  for (int i = 0; i < 3000; ++i) {
    const std::string mrn = "H" + std::to_string(100000 + i);
    patients += (i ? "," : "") + std::string(R"({"mrn": ")") + mrn + R"(", "name": "患者)" +
                std::to_string(i) + R"(", "phones": [{"number": "1380000)" +
                std::to_string(1000 + i) + "\"}]}";
    encounters +=
        (i ? "," : "") + std::string(R"({"patientMrn": ")") + mrn + R"(", "hisVisitId": "Z)" +
        std::to_string(i) +
        R"(", "department": "心内科", "admissionDate": {"year": 2026, "month": 9, "day": 1})" +
        (i % 3 == 0 ? R"(, "dischargeDate": {"year": 2026, "month": 9, "day": 12})" : "") +
        R"(, "diagnoses": [{"icd10": "I10", "text": "高血压"}]})";
  }
  // One bad encounter at the very end: nothing at all is written.
  const std::string bad =
      R"(,{"patientMrn": "H100000", "department": "x", "admissionDate": {"year": 2026, "month": 9, "day": 2}, "dischargeDate": {"year": 2026, "month": 9, "day": 1}})";
  const Status s =
      Call("kefu.v1.PatientService/Import",
           "{\"patients\": [" + patients + "], \"encounters\": [" + encounters + bad + "]}");
  EXPECT_EQ(s.ToString(),
            "KEFU_ERR_INVALID_ARGUMENT: encounters[3000].discharge_date is 2026-09-01: before the "
            "admission date 2026-09-02");
  EXPECT_EQ(AuditCount(), 0);
  EXPECT_EQ(AuditCount("plan.open"), 0) << "no discharge reached follow-up";

  const auto done = Ok<v1::ImportResponse>(
      "kefu.v1.PatientService/Import",
      "{\"patients\": [" + patients + "], \"encounters\": [" + encounters + "]}");
  EXPECT_EQ(done.patients_created(), 3000);
  EXPECT_EQ(done.encounters_created(), 3000);
  EXPECT_EQ(done.discharges(), 1000);
  EXPECT_EQ(AuditCount("plan.open"), 1000) << "each discharge opened its plan, in the import";
  EXPECT_EQ(AuditCount(), 6000);

  // The same export again (nightly exports overlap): everything is already present.
  const auto overlap = Ok<v1::ImportResponse>(
      "kefu.v1.PatientService/Import",
      "{\"patients\": [" + patients + "], \"encounters\": [" + encounters + "]}");
  EXPECT_EQ(overlap.patients_created(), 0);
  EXPECT_EQ(overlap.patients_unchanged(), 3000);
  EXPECT_EQ(overlap.encounters_unchanged(), 3000);
  EXPECT_EQ(AuditCount(), 6000) << "nothing is written for records already present";

  // A contradiction against the archive fails the whole import.
  const Status again =
      Call("kefu.v1.PatientService/Import", R"({"patients": [{"mrn": "NEW-1", "name": "a"}],
      "encounters": [{"patientMrn": "H100000", "hisVisitId": "Z0", "department": "心内科",
                      "admissionDate": {"year": 2026, "month": 9, "day": 1},
                      "dischargeDate": {"year": 2026, "month": 9, "day": 13}}]})");
  EXPECT_EQ(
      again.ToString(),
      "KEFU_ERR_FAILED_PRECONDITION: encounters[0].discharge_date is 2026-09-13 but HIS visit "
      "\"Z0\" (encounter 1) was discharged on 2026-09-12: cancel that discharge first to record "
      "another day");
  EXPECT_EQ(Call("kefu.v1.PatientService/GetPatient", R"({"mrn": "NEW-1"})").code(),
            Code::kNotFound);
}

TEST_F(Patients, AReimportUpdatesWhatChangedAndKeepsWhatKefuLearnt) {
  const std::string first =
      R"({"patients": [{"mrn": "H1", "name": "张伟", "phones": [{"number": "13800000001"}]}],
      "encounters": [{"patientMrn": "H1", "hisVisitId": "ZY-1", "department": "心内科",
                      "admissionDate": {"year": 2026, "month": 11, "day": 1}}]})";
  Ok<v1::ImportResponse>("kefu.v1.PatientService/Import", first);
  // A call found the number wrong, and the patient was recorded deceased.
  Ok<v1::Patient>("kefu.v1.PatientService/UpdatePatient", R"({"mrn": "H1", "patient": {
      "status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2026, "month": 11, "day": 20},
      "phones": [{"number": "13800000001", "wrongNumber": true}]},
      "updateMask": ["status", "death_date", "phones"]})");
  const std::int64_t audited = AuditCount();
  // The HIS exports the patient again with a new address, as active, and the stay discharged.
  const auto again = Ok<v1::ImportResponse>("kefu.v1.PatientService/Import", R"({"patients": [
      {"mrn": "H1", "name": "张伟", "address": "新地址", "status": "PATIENT_STATUS_ACTIVE",
       "phones": [{"number": "13800000001"}]}],
      "encounters": [{"patientMrn": "H1", "hisVisitId": "ZY-1", "department": "心内科",
                      "admissionDate": {"year": 2026, "month": 11, "day": 1},
                      "dischargeDate": {"year": 2026, "month": 11, "day": 10}}]})");
  EXPECT_EQ(again.patients_updated(), 1);
  EXPECT_EQ(again.encounters_updated(), 1);
  EXPECT_EQ(again.discharges(), 1);
  const auto patient = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "H1"})");
  EXPECT_EQ(patient.address(), "新地址");
  EXPECT_EQ(patient.status(), v1::PATIENT_STATUS_DECEASED)
      << "an export never undoes a recorded death";
  EXPECT_TRUE(patient.phones(0).wrong_number());
  const auto stay =
      Ok<v1::Encounter>("kefu.v1.EncounterService/GetEncounter", R"({"hisVisitId": "ZY-1"})");
  EXPECT_EQ(stay.state(), v1::ENCOUNTER_STATE_DISCHARGED);
  EXPECT_EQ(AuditCount(), audited + 2);
  // A merged-away MRN is not imported into.
  Ok<v1::Patient>("kefu.v1.PatientService/CreatePatient",
                  R"({"patient": {"mrn": "H2", "name": "x"}})");
  Ok<v1::MergePatientsResponse>("kefu.v1.PatientService/MergePatients",
                                R"({"survivorMrn": "H1", "mergedMrn": "H2"})");
  EXPECT_EQ(
      Call("kefu.v1.PatientService/Import", R"({"patients": [{"mrn": "H2", "name": "y"}]})")
          .ToString(),
      "KEFU_ERR_FAILED_PRECONDITION: patients[0].mrn is \"H2\": merged into patient id 1; import "
      "into the surviving record");
}

}  // namespace
}  // namespace kefu
