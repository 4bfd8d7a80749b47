// EncounterService and TimelineService: admissions, discharges (idempotent per HIS visit id),
// visits, cancellations, what follow-up does with each (inside the same transaction), and the
// patient's timeline.
#include "archive/archive_fixture.hpp"

namespace kefu {
namespace {

using testing_util::ArchiveTest;

class Encounters : public ArchiveTest {
 protected:
  void SetUp() override {
    ArchiveTest::SetUp();
    Create("MRN-1", "陈静");
  }
  // What follow-up did with the stays, in order: its audit entries about plans, with the actor.
  std::vector<std::string> PlanActions() {
    std::vector<std::string> actions;
    const auto page =
        Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", R"({"pageSize": 1000})");
    for (const auto& e : page.entries()) {
      if (e.record_type() == "plan") actions.push_back(e.action() + "@" + e.actor());
    }
    return actions;
  }
};

constexpr const char* kAdmit = R"({"encounter": {"patientMrn": "MRN-1", "hisVisitId": "ZY-7",
    "department": "心内科", "attendingDoctor": "刘医生",
    "admissionDate": {"year": 2026, "month": 11, "day": 2},
    "diagnoses": [{"icd10": "I21.9", "text": "急性心肌梗死", "primary": true}]}})";

TEST_F(Encounters, AdmitThenDischargeOnceHoweverOftenTheHisSendsIt) {
  const auto admitted = Ok<v1::Encounter>("kefu.v1.EncounterService/Admit", kAdmit);
  EXPECT_EQ(admitted.state(), v1::ENCOUNTER_STATE_ADMITTED);
  EXPECT_EQ(admitted.kind(), v1::ENCOUNTER_KIND_INPATIENT);
  EXPECT_EQ(admitted.patient_id(), 1);
  EXPECT_EQ(Ok<v1::Encounter>("kefu.v1.EncounterService/Admit", kAdmit).id(), admitted.id())
      << "an admission delivered twice is one stay";

  const std::string discharge = R"({"hisVisitId": "ZY-7",
      "dischargeDate": {"year": 2026, "month": 11, "day": 12}, "disposition": "home",
      "medications": [{"name": "阿司匹林", "dose": "100 mg daily", "daysSupplied": 30}],
      "spendCents": "2345600"})";
  const auto first = Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", discharge);
  EXPECT_FALSE(first.already_recorded());
  EXPECT_EQ(first.encounter().state(), v1::ENCOUNTER_STATE_DISCHARGED);
  EXPECT_EQ(first.encounter().medications_size(), 1);
  EXPECT_EQ(first.encounter().diagnoses_size(), 1) << "kept from the admission";
  const auto second = Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", discharge);
  EXPECT_TRUE(second.already_recorded());
  EXPECT_EQ(PlanActions(), std::vector<std::string>{"plan.open@nurse-0042"})
      << "one discharge, one plan";

  EXPECT_EQ(Call("kefu.v1.EncounterService/Discharge", R"({"hisVisitId": "ZY-7",
      "dischargeDate": {"year": 2026, "month": 11, "day": 13}})")
                .ToString(),
            "KEFU_ERR_FAILED_PRECONDITION: encounter id 1 was already discharged on 2026-11-12; "
            "cancel that discharge first to record another day");
}

TEST_F(Encounters, AWholeStayInOneDischargeEvent) {
  const std::string stay = R"({"encounter": {"patientMrn": "MRN-1", "hisVisitId": "ZY-9",
      "department": "外科", "admissionDate": {"year": 2026, "month": 10, "day": 30},
      "dischargeDate": {"year": 2026, "month": 11, "day": 20}}})";
  EXPECT_FALSE(
      Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", stay).already_recorded());
  EXPECT_TRUE(
      Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", stay).already_recorded());
  EXPECT_EQ(PlanActions(), std::vector<std::string>{"plan.open@nurse-0042"});
}

TEST_F(Encounters, CancelWithdrawsAndFollowUpWithdrawsThePlan) {
  Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge", R"({"encounter": {
      "patientMrn": "MRN-1", "hisVisitId": "ZY-1", "department": "外科",
      "admissionDate": {"year": 2026, "month": 11, "day": 1},
      "dischargeDate": {"year": 2026, "month": 11, "day": 5}}})");
  const auto cancelled =
      Ok<v1::Encounter>("kefu.v1.EncounterService/CancelEncounter",
                        R"({"hisVisitId": "ZY-1", "reason": "entered in error"})");
  EXPECT_EQ(cancelled.state(), v1::ENCOUNTER_STATE_CANCELLED);
  EXPECT_EQ(cancelled.cancel_reason(), "entered in error");
  Ok<v1::Encounter>("kefu.v1.EncounterService/CancelEncounter", R"({"hisVisitId": "ZY-1"})");
  EXPECT_EQ(PlanActions(),
            (std::vector<std::string>{"plan.open@nurse-0042", "plan.close@nurse-0042"}))
      << "the second cancellation changes nothing";
  EXPECT_EQ(Call("kefu.v1.EncounterService/Discharge", R"({"hisVisitId": "ZY-1",
      "dischargeDate": {"year": 2026, "month": 11, "day": 5}})")
                .ToString(),
            "KEFU_ERR_FAILED_PRECONDITION: encounter id 1 was cancelled: \"entered in error\"");
}

// Follow-up's answer is part of the discharge: when it fails (here its settings were damaged
// behind kefu's back), the discharge is not recorded either.
TEST_F(Encounters, AFollowUpThatFailsRollsTheDischargeBack) {
  Ok<v1::Encounter>("kefu.v1.EncounterService/Admit", kAdmit);
  const std::int64_t audit = AuditCount();
  ASSERT_TRUE(session_
                  ->Write([](Txn& c) {
                    return c.connection().Exec(
                        "INSERT INTO followup_config (key, record) VALUES ('settings', x'ff')");
                  })
                  .ok());
  EXPECT_EQ(Call("kefu.v1.EncounterService/Discharge", R"({"hisVisitId": "ZY-7",
      "dischargeDate": {"year": 2026, "month": 11, "day": 12}})")
                .ToString(),
            "KEFU_ERR_CORRUPT: the follow-up settings do not decode");
  EXPECT_EQ(Ok<v1::Encounter>("kefu.v1.EncounterService/GetEncounter", R"({"hisVisitId": "ZY-7"})")
                .state(),
            v1::ENCOUNTER_STATE_ADMITTED);
  EXPECT_EQ(AuditCount(), audit);
}

TEST_F(Encounters, VisitsAreIdempotentToo) {
  Ok<v1::FollowUpSettings>("kefu.v1.FollowUpConfigService/UpdateSettings",
                           R"({"settings": {"followOutpatients": true}})");
  const std::string visit = R"({"encounter": {"patientMrn": "MRN-1", "hisVisitId": "MZ-3",
      "department": "内分泌科", "firstVisit": true, "admissionDate": {"year": 2026, "month": 11, "day": 20}}})";
  const auto first = Ok<v1::RecordVisitResponse>("kefu.v1.EncounterService/RecordVisit", visit);
  EXPECT_EQ(first.encounter().state(), v1::ENCOUNTER_STATE_VISITED);
  EXPECT_TRUE(Ok<v1::RecordVisitResponse>("kefu.v1.EncounterService/RecordVisit", visit)
                  .already_recorded());
  EXPECT_EQ(PlanActions(), std::vector<std::string>{"plan.open@nurse-0042"})
      << "one visit, one plan";
}

struct BadEncounter {
  const char* name;
  const char* method;
  const char* json;
  Code code;
  const char* message;
};

class EncounterRejected : public Encounters, public ::testing::WithParamInterface<BadEncounter> {};

TEST_P(EncounterRejected, WithFieldAndValueAndNothingWritten) {
  Ok<v1::Encounter>("kefu.v1.EncounterService/Admit", kAdmit);
  const std::int64_t audit = AuditCount();
  const Status s = Call(GetParam().method, GetParam().json);
  EXPECT_EQ(s.code(), GetParam().code) << s.ToString();
  EXPECT_EQ(s.message(), GetParam().message);
  EXPECT_EQ(AuditCount(), audit);
}

INSTANTIATE_TEST_SUITE_P(
    Table, EncounterRejected,
    ::testing::Values(
        BadEncounter{
            "DischargeBeforeAdmission", "kefu.v1.EncounterService/Discharge",
            R"({"hisVisitId": "ZY-7", "dischargeDate": {"year": 2026, "month": 11, "day": 1}})",
            Code::kInvalidArgument,
            "discharge_date is 2026-11-01: before the admission date 2026-11-02"},
        BadEncounter{
            "DischargeInTheFuture", "kefu.v1.EncounterService/Discharge",
            R"({"hisVisitId": "ZY-7", "dischargeDate": {"year": 2026, "month": 11, "day": 24}})",
            Code::kInvalidArgument,
            "discharge_date is 2026-11-24: in the future (today is 2026-11-23)"},
        BadEncounter{"DischargeWithoutDay", "kefu.v1.EncounterService/Discharge",
                     R"({"hisVisitId": "ZY-7"})", Code::kInvalidArgument,
                     "discharge_date is unset: give the discharge day"},
        BadEncounter{
            "DischargeUnknownVisit", "kefu.v1.EncounterService/Discharge",
            R"({"hisVisitId": "ZY-404", "dischargeDate": {"year": 2026, "month": 11, "day": 5}})",
            Code::kNotFound, "his_visit_id \"ZY-404\" does not exist"},
        BadEncounter{"DischargeNamesNothing", "kefu.v1.EncounterService/Discharge", "{}",
                     Code::kInvalidArgument,
                     "encounter_id and his_visit_id are unset: name the encounter by one of them"},
        BadEncounter{
            "UnknownPatient", "kefu.v1.EncounterService/Admit",
            R"({"encounter": {"patientMrn": "NOPE", "department": "x", "admissionDate": {"year": 2026, "month": 1, "day": 1}}})",
            Code::kNotFound, "patient MRN \"NOPE\" does not exist"},
        BadEncounter{
            "NoDepartment", "kefu.v1.EncounterService/Admit",
            R"({"encounter": {"patientMrn": "MRN-1", "admissionDate": {"year": 2026, "month": 1, "day": 1}}})",
            Code::kInvalidArgument, "encounter.department is \"\": must not be empty"},
        BadEncounter{"NoAdmissionDate", "kefu.v1.EncounterService/Admit",
                     R"({"encounter": {"patientMrn": "MRN-1", "department": "x"}})",
                     Code::kInvalidArgument,
                     "encounter.admission_date is unset: give the admission (or visit) day"},
        BadEncounter{
            "BadIcd10", "kefu.v1.EncounterService/Admit",
            R"({"encounter": {"patientMrn": "MRN-1", "department": "x", "admissionDate": {"year": 2026, "month": 1, "day": 1}, "diagnoses": [{"icd10": "diabetes"}]}})",
            Code::kInvalidArgument,
            "encounter.diagnoses[0].icd10 is \"diabetes\": not an ICD-10 code (a capital "
            "letter, two digits, then .xxxx)"},
        BadEncounter{
            "NegativeSpend", "kefu.v1.EncounterService/RecordVisit",
            R"({"encounter": {"patientMrn": "MRN-1", "department": "x", "admissionDate": {"year": 2026, "month": 1, "day": 1}, "spendCents": "-5"}})",
            Code::kInvalidArgument,
            "encounter.spend_cents is -5: must be 0..1000000000000 (integer cents)"},
        BadEncounter{
            "OutpatientToAdmit", "kefu.v1.EncounterService/Admit",
            R"({"encounter": {"kind": "ENCOUNTER_KIND_OUTPATIENT"}})", Code::kInvalidArgument,
            "encounter.kind is ENCOUNTER_KIND_OUTPATIENT: outpatient visits go to RecordVisit"},
        BadEncounter{
            "WholeStayEndingInTheFuture", "kefu.v1.EncounterService/Discharge",
            R"({"encounter": {"patientMrn": "MRN-1", "hisVisitId": "ZY-7", "department": "x", "admissionDate": {"year": 2026, "month": 11, "day": 2}, "dischargeDate": {"year": 2026, "month": 11, "day": 30}}})",
            Code::kInvalidArgument,
            "encounter.discharge_date is 2026-11-30: in the future (today is 2026-11-23)"},
        BadEncounter{
            "MedicationDays", "kefu.v1.EncounterService/RecordVisit",
            R"({"encounter": {"patientMrn": "MRN-1", "department": "x", "admissionDate": {"year": 2026, "month": 1, "day": 1}, "medications": [{"name": "m", "daysSupplied": 4000}]}})",
            Code::kInvalidArgument,
            "encounter.medications[0].days_supplied is 4000: must be 0..3650"},
        BadEncounter{"ContactForUnknownEncounter", "kefu.v1.TimelineService/RecordContact",
                     R"({"contact": {"patientMrn": "MRN-1", "encounterId": "99"}})",
                     Code::kNotFound, "contact.encounter_id 99 does not exist"},
        BadEncounter{"EmptyNote", "kefu.v1.TimelineService/AddNote",
                     R"({"note": {"patientMrn": "MRN-1", "text": ""}})", Code::kInvalidArgument,
                     "note.text is \"\": must not be empty"},
        BadEncounter{"NoteWithAuthor", "kefu.v1.TimelineService/AddNote",
                     R"({"note": {"patientMrn": "MRN-1", "text": "x", "author": "someone else"}})",
                     Code::kInvalidArgument,
                     "note.author is \"someone else\": set by kefu to the session's actor"}),
    [](const ::testing::TestParamInfo<BadEncounter>& row) { return std::string(row.param.name); });

TEST_F(Encounters, TimelineInterleavesEverythingNewestFirst) {
  Ok<v1::Encounter>("kefu.v1.EncounterService/Admit", kAdmit);  // 2026-11-02
  now_ms_ = testing_util::kNowMs - 86400000;                    // yesterday
  const auto call = Ok<v1::ContactEvent>("kefu.v1.TimelineService/RecordContact", R"({"contact": {
      "patientMrn": "MRN-1", "direction": "DIRECTION_OUTBOUND", "kind": "CONTACT_KIND_FOLLOW_UP",
      "outcome": "reached", "notes": "胸闷减轻\n情绪稳定"}})");
  EXPECT_EQ(call.staff(), "nurse-0042");
  EXPECT_EQ(call.channel(), v1::CHANNEL_PHONE);
  now_ms_ = testing_util::kNowMs;
  Ok<v1::Note>(
      "kefu.v1.TimelineService/AddNote",
      R"({"note": {"patientMrn": "MRN-1", "text": "promised a call from 刘医生 by Friday"}})");
  const auto timeline = Ok<v1::ListTimelineResponse>("kefu.v1.TimelineService/ListTimeline",
                                                     R"({"patientMrn": "MRN-1"})");
  ASSERT_EQ(timeline.entries_size(), 3);
  EXPECT_TRUE(timeline.entries(0).has_note());
  EXPECT_EQ(timeline.entries(0).note().author(), "nurse-0042");
  EXPECT_TRUE(timeline.entries(1).has_contact());
  EXPECT_TRUE(timeline.entries(2).has_encounter());
  // 2026-11-02 00:00 in UTC+8.
  EXPECT_EQ(timeline.entries(2).at_ms(), 1793548800000);
  EXPECT_EQ(Ok<v1::ListTimelineResponse>("kefu.v1.TimelineService/ListTimeline",
                                         R"({"patientMrn": "MRN-1", "limit": 1})")
                .entries_size(),
            1);
}

}  // namespace
}  // namespace kefu
