// Follow-up operations: plans opened by discharges under the hospital's rules, skipped for those
// never to be called, superseded and withdrawn; the worklist and its order; every call outcome's
// effect, retries and termination; Explain; and the due index following other processes.
#include <map>

#include "followup/followup_fixture.hpp"

namespace kefu {
namespace {

TEST_F(FollowUp, ADischargeOpensAPlanWithItsFirstTask) {
  Create("P1", "张伟");
  Discharge("P1", "2026-11-20");
  const auto plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 1);
  const v1::Plan& plan = plans.plans(0);
  EXPECT_EQ(plan.state(), v1::PLAN_STATE_OPEN);
  EXPECT_EQ(plan.policy(), "standard");
  EXPECT_EQ(plan.rule_index(), 0);
  EXPECT_EQ(Day(plan.anchor()), "2026-11-20");
  ASSERT_EQ(plans.tasks_size(), 1);
  const v1::Task& task = plans.tasks(0);
  EXPECT_EQ(task.seq(), 1);
  EXPECT_EQ(Day(task.opens()), "2026-11-21");
  EXPECT_EQ(Day(task.due()), "2026-11-27");
  EXPECT_EQ(Day(task.next_attempt()), "2026-11-23");
  EXPECT_EQ(task.call_time().hours(), 20);
  EXPECT_EQ(task.purpose(), v1::PURPOSE_CONDITION_INQUIRY);
  EXPECT_EQ(task.policy(), "standard");
  EXPECT_EQ(task.state(), v1::TASK_STATE_PENDING);
}

TEST_F(FollowUp, OutpatientVisitsOpenPlansOnlyWhereTheHospitalWantsThat) {
  Create("P1", "x");
  const std::string visit = R"({"encounter": {"patientMrn": "P1", "department": "内分泌科",
      "admissionDate": {"year": 2026, "month": 11, "day": 20}, "hisVisitId": "MZ-)";
  Ok<v1::RecordVisitResponse>("kefu.v1.EncounterService/RecordVisit", visit + "1\"}}");
  EXPECT_EQ(Plans("P1").plans_size(), 0);
  Ok<v1::FollowUpSettings>("kefu.v1.FollowUpConfigService/UpdateSettings",
                           R"({"settings": {"followOutpatients": true}})");
  Ok<v1::RecordVisitResponse>("kefu.v1.EncounterService/RecordVisit", visit + "2\"}}");
  const auto plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 1);
  EXPECT_EQ(Day(plans.plans(0).anchor()), "2026-11-20") << "a visit anchors on its day";
  EXPECT_EQ(plans.plans(0).settings_version(), 1);
}

TEST_F(FollowUp, AnOldDischargeStartsAtTheWindowStillAhead) {
  Create("P1", "张伟");
  Discharge("P1", "2026-01-31");  // weeks 1..10 are long past: the quarterly calls remain
  const auto task = Plans("P1").tasks(0);
  EXPECT_EQ(task.seq(), 7);
  EXPECT_EQ(Day(task.due()), "2027-01-11");
}

TEST_F(FollowUp, RulesPickThePolicyInOrder) {
  Ok<v1::ListPlanRulesResponse>("kefu.v1.FollowUpConfigService/SetPlanRules", R"({"rules": [
      {"policy": "out-of-town", "locality": "LOCALITY_OUT_OF_TOWN"},
      {"policy": "local", "department": "妇科"},
      {"policy": "local", "diagnosisPrefix": "E11", "minAge": 60}]})");
  Create("FAR", "a", R"("locality": "LOCALITY_OUT_OF_TOWN")");
  Create("GYN", "b");
  Create("OLD", "c", R"("birthDate": {"year": 1950, "month": 1, "day": 1})");
  Create("YOUNG", "d", R"("birthDate": {"year": 1990, "month": 1, "day": 1})");
  Discharge("FAR", "2026-11-20", "妇科");
  Discharge("GYN", "2026-11-20", "妇科");
  Discharge("OLD", "2026-11-20", "内分泌科", "E11.9");
  Discharge("YOUNG", "2026-11-20", "内分泌科", "E11.9");
  EXPECT_EQ(Plans("FAR").plans(0).policy(), "out-of-town");
  EXPECT_EQ(Plans("FAR").plans(0).rule_index(), 1);
  EXPECT_EQ(Day(Plans("FAR").tasks(0).due()), "2026-11-23");
  EXPECT_EQ(Plans("GYN").plans(0).policy(), "local");
  EXPECT_EQ(Plans("OLD").plans(0).rule_index(), 3);
  EXPECT_EQ(Plans("YOUNG").plans(0).policy(), "standard");
  EXPECT_EQ(
      Call("kefu.v1.FollowUpConfigService/SetPlanRules", R"({"rules": [{"policy": "weekly"}]})")
          .ToString(),
      "KEFU_ERR_NOT_FOUND: rules[0].policy is \"weekly\": no built-in or stored policy of that "
      "name");
}

TEST_F(FollowUp, StoredPoliciesAreVersionedAndUsable) {
  const auto v1p = Ok<v1::StoredPolicy>("kefu.v1.FollowUpConfigService/PutPolicy", R"({"policy": {
      "name": "cardio", "steps": [{"offset": {"amount": 2, "unit": "TIME_UNIT_DAYS"}, "opensDaysBefore": 1}]}})");
  EXPECT_EQ(v1p.version(), 1);
  EXPECT_EQ(Ok<v1::StoredPolicy>("kefu.v1.FollowUpConfigService/PutPolicy", R"({"policy": {
      "name": "cardio", "steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}, "opensDaysBefore": 2}]}})")
                .version(),
            2);
  Ok<v1::ListPlanRulesResponse>("kefu.v1.FollowUpConfigService/SetPlanRules",
                                R"({"rules": [{"policy": "cardio"}]})");
  Create("P1", "x");
  Discharge("P1", "2026-11-22");
  const auto task = Plans("P1").tasks(0);
  EXPECT_EQ(task.policy(), "cardio");
  EXPECT_EQ(task.policy_version(), 2);
  EXPECT_EQ(Day(task.due()), "2026-11-25");
  EXPECT_EQ(Call("kefu.v1.FollowUpConfigService/PutPolicy", R"({"policy": {"name": "standard",
      "steps": [{"offset": {"amount": 1, "unit": "TIME_UNIT_DAYS"}}]}})")
                .message(),
            "policy.name is \"standard\": a built-in policy's name; choose another");
}

TEST_F(FollowUp, NoPlanForThoseNeverToBeCalledAndTheReasonIsRecorded) {
  Ok<v1::NeverCallList>("kefu.v1.FollowUpConfigService/SetNeverCall",
                        R"({"neverCall": {"departments": ["男科"], "diagnosisPrefixes": ["A5"]}})");
  Create("OPT", "a", R"("followUpOptOut": true)");
  Create(
      "DEAD", "b",
      R"("status": "PATIENT_STATUS_DECEASED", "deathDate": {"year": 2026, "month": 11, "day": 21})");
  Create("ANDRO", "c");
  Create("STD", "d");
  Discharge("OPT", "2026-11-20");
  Discharge("DEAD", "2026-11-20");
  Discharge("ANDRO", "2026-11-20", "男科");
  Discharge("STD", "2026-11-20", "皮肤科", "A54.2");
  const std::pair<const char*, const char*> expected[] = {
      {"OPT", "no follow-up: the patient opted out of follow-up"},
      {"DEAD", "no follow-up: the patient is recorded as deceased"},
      {"ANDRO", "no follow-up: department \"男科\" is on the never-call list"},
      {"STD", "no follow-up: diagnosis A54.2 falls under never-call prefix \"A5\""}};
  for (const auto& [mrn, reason] : expected) {
    const auto plans = Plans(mrn);
    ASSERT_EQ(plans.plans_size(), 1) << mrn;
    EXPECT_EQ(plans.plans(0).state(), v1::PLAN_STATE_SKIPPED) << mrn;
    EXPECT_EQ(plans.plans(0).reason(), reason);
    EXPECT_EQ(plans.tasks_size(), 0) << mrn;
  }
  EXPECT_EQ(Worklist().items_size(), 0);
}

TEST_F(FollowUp, DischargesAreIdempotentSupersedeAndWithdraw) {
  Create("P1", "x");
  Discharge("P1", "2026-11-01", "心内科", "I10", "ZY-1");
  Discharge("P1", "2026-11-01", "心内科", "I10", "ZY-1");  // the HIS retried
  EXPECT_EQ(Plans("P1").plans_size(), 1);
  Discharge("P1", "2026-11-20", "心内科", "I10", "ZY-2");  // readmitted and discharged again
  auto plans = Plans("P1");
  ASSERT_EQ(plans.plans_size(), 2);
  EXPECT_EQ(plans.plans(1).state(), v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(plans.plans(1).close_reason(), v1::CLOSE_REASON_SUPERSEDED);
  EXPECT_EQ(plans.plans(0).state(), v1::PLAN_STATE_OPEN);
  EXPECT_EQ(Worklist().items_size(), 1);
  Ok<v1::Encounter>("kefu.v1.EncounterService/CancelEncounter",
                    R"({"hisVisitId": "ZY-2", "reason": "wrong patient"})");
  plans = Plans("P1");
  EXPECT_EQ(plans.plans(0).close_reason(), v1::CLOSE_REASON_WITHDRAWN);
  EXPECT_EQ(plans.plans(0).reason(), "the HIS cancelled encounter 2: wrong patient");
  // The plan of the discharge before it takes over again, from its next window still ahead.
  EXPECT_EQ(plans.plans(1).state(), v1::PLAN_STATE_OPEN);
  EXPECT_EQ(plans.plans(1).reason(), "reopened: encounter 2, the newer discharge, was cancelled");
  ASSERT_EQ(plans.tasks_size(), 3);
  EXPECT_EQ(plans.tasks(1).state(), v1::TASK_STATE_CANCELLED);
  EXPECT_EQ(plans.tasks(0).plan_id(), plans.plans(1).id());
  EXPECT_EQ(plans.tasks(0).state(), v1::TASK_STATE_PENDING);
}

TEST_F(FollowUp, TheWorklistPutsOverdueFirstThenFirstContactsWithTheCase) {
  Create("LATE", "late");
  Create("FIRST", "first");
  Create("LATER", "later");
  Create("FUTURE", "future");
  Discharge("LATE", "2026-10-30");    // #2 (due 11-20) has passed; #3 opens only on 12-05
  Discharge("FIRST", "2026-11-20");   // #1 due 11-27
  Discharge("LATER", "2026-10-13");   // #3 due 11-24
  Discharge("FUTURE", "2026-11-23");  // #1 opens tomorrow
  Ok<v1::ContactEvent>("kefu.v1.TimelineService/RecordContact", R"({"contact": {
      "patientMrn": "FIRST", "direction": "DIRECTION_INBOUND", "notes": "asked about diet"}})");
  AdvanceDays(2);  // 2026-11-25: LATER's window (to 11-24) is overdue
  const auto list = Worklist();
  std::vector<std::string> order;
  for (const auto& item : list.items()) order.push_back(item.patient().mrn());
  EXPECT_EQ(order, (std::vector<std::string>{"LATER", "FIRST", "FUTURE"}));
  EXPECT_TRUE(list.items(0).overdue());
  EXPECT_EQ(list.items(0).days_overdue(), 1);
  EXPECT_EQ(list.items(1).last_encounter().diagnoses(0).icd10(), "I10");
  ASSERT_EQ(list.items(1).last_contacts_size(), 1);
  EXPECT_EQ(list.items(1).last_contacts(0).notes(), "asked about diet");
  EXPECT_EQ(Worklist("2026-11-23").items_size(), 2) << "on 11-23 FUTURE's window had not opened";
  // A limit keeps the head of the same order, each item with its case.
  const auto head = Ok<v1::WorklistResponse>("kefu.v1.FollowUpService/Worklist", R"({"limit": 2})");
  ASSERT_EQ(head.items_size(), 2);
  EXPECT_EQ(head.items(0).patient().mrn(), "LATER");
  EXPECT_EQ(head.items(1).patient().mrn(), "FIRST");
  EXPECT_EQ(head.items(1).last_contacts(0).notes(), "asked about diet");
}

TEST_F(FollowUp, EachWorklistItemCarriesItsOwnPatientsLastStayAndThreeNewestContacts) {
  Create("A", "a");
  Create("B", "b");
  Create("C", "c");
  Discharge("A", "2026-11-20", "心内科", "I10", "ZY-A");
  Discharge("B", "2026-11-20", "内分泌科", "E11.9", "ZY-B");
  Discharge("C", "2026-11-20", "肾内科", "N18.3", "ZY-C");
  for (const char* notes : {"a1", "a2", "a3", "a4", "a5"}) {
    Ok<v1::ContactEvent>(
        "kefu.v1.TimelineService/RecordContact",
        std::string(
            R"({"contact": {"patientMrn": "A", "direction": "DIRECTION_INBOUND", "notes": ")") +
            notes + R"("}})");
  }
  Ok<v1::ContactEvent>("kefu.v1.TimelineService/RecordContact", R"({"contact": {
      "patientMrn": "B", "direction": "DIRECTION_OUTBOUND", "notes": "b1"}})");
  AdvanceDays(4);  // 2026-11-27: every first call is due
  const auto list = Worklist();
  ASSERT_EQ(list.items_size(), 3);
  std::map<std::string, const v1::WorklistItem*> by_mrn;
  for (const auto& item : list.items()) by_mrn[item.patient().mrn()] = &item;
  ASSERT_EQ(by_mrn.size(), 3u);
  for (const auto& [mrn, item] : by_mrn) {
    EXPECT_EQ(item->task().patient_id(), item->patient().id()) << mrn;
    EXPECT_EQ(item->last_encounter().patient_mrn(), mrn);
  }
  EXPECT_EQ(by_mrn["B"]->last_encounter().diagnoses(0).icd10(), "E11.9");
  std::vector<std::string> notes;
  for (const auto& contact : by_mrn["A"]->last_contacts()) notes.push_back(contact.notes());
  EXPECT_EQ(notes, (std::vector<std::string>{"a5", "a4", "a3"})) << "newest first, at most 3";
  ASSERT_EQ(by_mrn["B"]->last_contacts_size(), 1);
  EXPECT_EQ(by_mrn["B"]->last_contacts(0).notes(), "b1");
  EXPECT_EQ(by_mrn["C"]->last_contacts_size(), 0);
}

TEST_F(FollowUp, TheWorklistsLastStayIsTheLatestThatWasNotCancelled) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20", "心内科", "I10", "ZY-1");
  auto admit = [&](const std::string& visit, int day) {
    Ok<v1::Encounter>(
        "kefu.v1.EncounterService/Admit",
        R"({"encounter": {"patientMrn": "P1", "department": "肾内科", "hisVisitId": ")" + visit +
            R"(", "admissionDate": {"year": 2026, "month": 11, "day": )" + std::to_string(day) +
            "}}}");
  };
  admit("ZY-2", 22);
  Ok<v1::Encounter>("kefu.v1.EncounterService/CancelEncounter", R"({"hisVisitId": "ZY-2"})");
  AdvanceDays(4);  // 2026-11-27: the first call is due
  auto list = Worklist();
  ASSERT_EQ(list.items_size(), 1);
  EXPECT_EQ(list.items(0).last_encounter().his_visit_id(), "ZY-1") << "ZY-2 was cancelled";
  admit("ZY-3", 21);
  admit("ZY-4", 21);  // the same day: the later record wins
  list = Worklist();
  ASSERT_EQ(list.items_size(), 1);
  EXPECT_EQ(list.items(0).last_encounter().his_visit_id(), "ZY-4");
  EXPECT_EQ(list.items(0).patient().mrn(), "P1");
}

TEST_F(FollowUp, AWorklistWhoseCaseRecordIsDamagedFailsAsCorrupt) {
  const std::string path = TempPath("worklist-corrupt.db");
  Reopen(path);
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  AdvanceDays(4);
  ASSERT_EQ(Worklist().items_size(), 1);
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    // A length prefix that runs past the end of the record.
    ASSERT_TRUE(c->Exec("UPDATE patients SET record = x'0a7f41' WHERE mrn = 'P1'").ok());
  }
  std::string out;
  const Status s = Call("kefu.v1.FollowUpService/Worklist", "{}", &out);
  EXPECT_EQ(s.code(), Code::kCorrupt) << s.ToString();
  EXPECT_NE(s.message().find("patient id 1 is stored in a form that does not decode"),
            std::string::npos)
      << s.message();
}

TEST_F(FollowUp, ReachedMovesToTheNextContact) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  const std::int64_t first = Plans("P1").tasks(0).id();
  const auto result =
      Attempt(first, "REACHED", R"("notes": "feels better; promised a call back from 刘医生")");
  EXPECT_EQ(result.task().state(), v1::TASK_STATE_DONE);
  EXPECT_EQ(result.next_task().seq(), 2);
  EXPECT_EQ(Day(result.next_task().opens()), "2026-12-05");
  EXPECT_EQ(result.contact().outcome(), "reached");
  EXPECT_EQ(result.contact().staff(), "nurse-0042");
  const auto timeline = Ok<v1::ListTimelineResponse>("kefu.v1.TimelineService/ListTimeline",
                                                     R"({"patientMrn": "P1"})");
  EXPECT_EQ(timeline.entries(0).contact().notes(),
            "feels better; promised a call back from 刘医生");
  EXPECT_EQ(Worklist().items_size(), 0) << "the next window opens on 12-05";
  EXPECT_EQ(
      Call("kefu.v1.FollowUpService/RecordAttempt",
           R"({"taskId": ")" + std::to_string(first) + R"(", "outcome": "CALL_OUTCOME_REACHED"})")
          .ToString(),
      "KEFU_ERR_FAILED_PRECONDITION: task id 1 is TASK_STATE_DONE: it is not to be called any "
      "more");
}

TEST_F(FollowUp, NoAnswerRetriesThenMissesAndFallsBackToALetter) {
  Ok<v1::FollowUpSettings>(
      "kefu.v1.FollowUpConfigService/UpdateSettings",
      R"({"settings": {"maxAttemptsPerWindow": 2, "fallbackChannel": "CHANNEL_LETTER"}})");
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  const std::int64_t task = Plans("P1").tasks(0).id();
  auto r = Attempt(task, "NO_ANSWER");
  EXPECT_EQ(r.task().state(), v1::TASK_STATE_PENDING);
  EXPECT_EQ(Day(r.task().next_attempt()), "2026-11-24");
  EXPECT_EQ(Worklist().items_size(), 0) << "retried tomorrow, not again today";
  AdvanceDays(1);
  ASSERT_EQ(Worklist().items_size(), 1);
  r = Attempt(task, "BUSY");
  EXPECT_EQ(r.task().state(), v1::TASK_STATE_MISSED);
  EXPECT_EQ(r.next_task().channel(), v1::CHANNEL_LETTER);
  EXPECT_EQ(r.next_task().fallback_of(), task);
  EXPECT_EQ(r.next_task().seq(), 1);
  // The letter goes out; the plan then continues with contact #2.
  AdvanceDays(1);
  r = Attempt(r.next_task().id(), "REACHED", R"("channel": "CHANNEL_LETTER")");
  EXPECT_EQ(r.next_task().seq(), 2);
  EXPECT_EQ(r.next_task().channel(), v1::CHANNEL_PHONE);
}

TEST_F(FollowUp, RetriesStayInsideTheWindow) {
  Create("P1", "x");
  Discharge("P1", "2026-11-17");  // #1 due 11-24
  const std::int64_t task = Plans("P1").tasks(0).id();
  EXPECT_EQ(Attempt(task, "NO_ANSWER").task().state(), v1::TASK_STATE_PENDING);
  AdvanceDays(1);  // 11-24, the due day: the second miss leaves no day inside the window
  const auto r = Attempt(task, "NO_ANSWER");
  EXPECT_EQ(r.task().state(), v1::TASK_STATE_MISSED);
  EXPECT_EQ(r.next_task().seq(), 2) << "no fallback configured: on to the next contact";
}

TEST_F(FollowUp, AWrongNumberWaitsForACorrection) {
  Create("P1", "x", R"("phones": [{"number": "13800000001"}, {"number": "13800000002"}])");
  Discharge("P1", "2026-11-20");
  const std::int64_t task = Plans("P1").tasks(0).id();
  EXPECT_EQ(Call("kefu.v1.FollowUpService/RecordAttempt",
                 R"({"taskId": ")" + std::to_string(task) +
                     R"(", "outcome": "CALL_OUTCOME_WRONG_NUMBER"})")
                .message(),
            "phone is unset: the patient has 2 numbers; say which one was wrong");
  const auto r = Attempt(task, "WRONG_NUMBER", R"("phone": "138-0000-0001")");
  EXPECT_EQ(r.task().state(), v1::TASK_STATE_WAITING_CORRECTION);
  const auto patient = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "P1"})");
  EXPECT_TRUE(patient.phones(0).wrong_number());
  EXPECT_FALSE(patient.phones(1).wrong_number());
  EXPECT_EQ(Worklist().items_size(), 0);
  Ok<v1::Patient>("kefu.v1.PatientService/UpdatePatient", R"({"mrn": "P1", "updateMask": ["phones"],
      "patient": {"phones": [{"number": "13900000009"}]}})");
  ASSERT_EQ(Worklist().items_size(), 1) << "a corrected number puts the task back";
  EXPECT_EQ(Worklist().items(0).task().state(), v1::TASK_STATE_PENDING);
}

TEST_F(FollowUp, ADeathClosesEveryPlanForGood) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  const std::int64_t task = Plans("P1").tasks(0).id();
  const auto r = Attempt(task, "DIED", R"("deathDate": {"year": 2026, "month": 11, "day": 22},
      "notes": "通话以慰问结束")");
  EXPECT_EQ(r.plan().state(), v1::PLAN_STATE_CLOSED);
  EXPECT_EQ(r.plan().close_reason(), v1::CLOSE_REASON_DECEASED);
  EXPECT_FALSE(r.has_next_task());
  const auto patient = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "P1"})");
  EXPECT_EQ(patient.status(), v1::PATIENT_STATUS_DECEASED);
  EXPECT_EQ(Day(patient.death_date()), "2026-11-22");
  // A late discharge message from the HIS opens nothing for a deceased patient.
  Discharge("P1", "2026-11-21", "心内科", "I10", "LATE");
  EXPECT_EQ(Plans("P1").plans(0).state(), v1::PLAN_STATE_SKIPPED);
  EXPECT_EQ(Worklist().items_size(), 0);
}

TEST_F(FollowUp, CuredRefusedAndOptedOutCloseThePlanWithThatReason) {
  const std::pair<const char*, v1::CloseReason> cases[] = {
      {"CURED", v1::CLOSE_REASON_CURED},
      {"REFUSED", v1::CLOSE_REASON_REFUSED},
      {"OPTED_OUT", v1::CLOSE_REASON_OPTED_OUT}};
  for (const auto& [outcome, reason] : cases) {
    Create(outcome, "x");
    Discharge(outcome, "2026-11-20");
    const auto r = Attempt(Plans(outcome).tasks(0).id(), outcome);
    EXPECT_EQ(r.plan().close_reason(), reason) << outcome;
    EXPECT_FALSE(r.has_next_task()) << outcome;
  }
  EXPECT_TRUE(Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "OPTED_OUT"})")
                  .follow_up_opt_out());
  EXPECT_EQ(Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "CURED"})").status(),
            v1::PATIENT_STATUS_CURED);
  EXPECT_EQ(Worklist().items_size(), 0);
}

TEST_F(FollowUp, ExplainSaysWhyThePatientIsDueToday) {
  Create("P1", "张伟");
  Discharge("P1", "2026-11-20", "心内科", "I10", "ZY-77");
  const std::int64_t task = Plans("P1").tasks(0).id();
  Attempt(task, "NO_ANSWER");
  const auto explained = Ok<v1::ExplainResponse>("kefu.v1.FollowUpService/Explain",
                                                 R"({"taskId": ")" + std::to_string(task) + "\"}");
  EXPECT_EQ(
      explained.text(),
      "Patient 张伟 (MRN P1) was discharged from 心内科 on 2026-11-20 (encounter 1, HIS visit "
      "ZY-77). No plan rule matched, so the default applies: the cadence policy \"standard\" "
      "(built in). Its contact #1 is due 7 days after that day, on 2026-11-27; its window "
      "opens on 2026-11-21 and closes at the end of the due day. Calls are made at about "
      "20:00. Attempts so far: 1 (last: CALL_OUTCOME_NO_ANSWER). The next call is planned "
      "for 2026-11-24.");
}

TEST_F(FollowUp, BadAttemptsAreRejected) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  EXPECT_EQ(Call("kefu.v1.FollowUpService/RecordAttempt", R"({"taskId": "1"})").message(),
            "outcome is unset: say how the call ended");
  EXPECT_EQ(Call("kefu.v1.FollowUpService/RecordAttempt",
                 R"({"taskId": "99", "outcome": "CALL_OUTCOME_REACHED"})")
                .ToString(),
            "KEFU_ERR_NOT_FOUND: task id 99 does not exist");
  EXPECT_EQ(
      Call(
          "kefu.v1.FollowUpService/RecordAttempt",
          R"({"taskId": "1", "outcome": "CALL_OUTCOME_DIED", "deathDate": {"year": 2027, "month": 1, "day": 1}})")
          .message(),
      "death_date is 2027-01-01: in the future (today is 2026-11-23)");
  EXPECT_EQ(Plans("P1").tasks(0).state(), v1::TASK_STATE_PENDING) << "nothing half-written";
}

TEST_F(FollowUp, TheDueIndexFollowsWritesFromAnotherProcess) {
  const std::string path = TempPath("followup.db");
  Reopen(path);
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  ASSERT_EQ(Worklist().items_size(), 1);  // the index is built
  {
    // Another process (its own Db on the same file) discharges a second patient.
    std::unique_ptr<Db> other;
    ASSERT_TRUE(rpc::OpenArchive(path, &other).ok());
    other->SetClockForTesting([] { return testing_util::kNowMs; });
    std::unique_ptr<Session> s;
    ASSERT_TRUE(Session::Open(*other, "his", &s).ok());
    std::string out;
    ASSERT_TRUE(rpc::Dispatcher::Get()
                    .CallJson(*s, "kefu.v1.PatientService/Import", R"({
        "patients": [{"mrn": "P2", "name": "y"}],
        "encounters": [{"patientMrn": "P2", "department": "d",
                        "admissionDate": {"year": 2026, "month": 11, "day": 1},
                        "dischargeDate": {"year": 2026, "month": 11, "day": 19}}]})",
                              &out)
                    .ok());
  }
  EXPECT_EQ(Worklist().items_size(), 2);
}

TEST_F(FollowUp, TheCallingCalendarSkipsDaysOffAndKeepsSwappedWorkingDays) {
  // 2026-11-28/29 is a weekend; suppose 11-30 (Mon) is a holiday and 11-29 (Sun) is worked.
  Ok<v1::CalendarYear>("kefu.v1.FollowUpConfigService/SetCalendarYear", R"({"year": {"year": 2026,
      "daysOff": [{"year": 2026, "month": 11, "day": 30}],
      "workingDays": [{"year": 2026, "month": 11, "day": 29}]}})");
  Create("P1", "x");
  Discharge("P1", "2026-11-20");  // #1 due 11-27 (Fri)
  const std::int64_t task = Plans("P1").tasks(0).id();
  AdvanceDays(4);  // Fri 11-27, the due day: a miss leaves no calling day inside the window
  EXPECT_EQ(Attempt(task, "NO_ANSWER").task().state(), v1::TASK_STATE_MISSED);
  // Standard #2 opens 12-05 (Sat): its first calling day is Mon 12-07.
  const auto next = Plans("P1").tasks(0);
  EXPECT_EQ(Day(next.opens()), "2026-12-05");
  EXPECT_EQ(Day(next.next_attempt()), "2026-12-07");
  EXPECT_FALSE(next.served_after_window());
  EXPECT_EQ(next.calendar_version(), 1);
  // A retry after Friday skips Saturday and lands on the worked Sunday.
  Create("P2", "y");
  Discharge("P2", "2026-11-23");  // #1 window 11-24..11-30
  const std::int64_t p2 = Plans("P2").tasks(0).id();
  EXPECT_EQ(Day(Attempt(p2, "BUSY").task().next_attempt()), "2026-11-29");
}

TEST_F(FollowUp, AWindowWithoutACallingDayIsServedOnTheFirstAfterIt) {
  Ok<v1::CalendarYear>("kefu.v1.FollowUpConfigService/SetCalendarYear", R"({"year": {"year": 2026,
      "daysOff": [{"year": 2026, "month": 11, "day": 24}, {"year": 2026, "month": 11, "day": 25},
                  {"year": 2026, "month": 11, "day": 26}]}})");
  Ok<v1::StoredPolicy>("kefu.v1.FollowUpConfigService/PutPolicy", R"({"policy": {"name": "short",
      "steps": [{"offset": {"amount": 3, "unit": "TIME_UNIT_DAYS"}, "opensDaysBefore": 1}]}})");
  Ok<v1::ListPlanRulesResponse>("kefu.v1.FollowUpConfigService/SetPlanRules",
                                R"({"rules": [{"policy": "short"}]})");
  Create("P1", "x");
  Discharge("P1", "2026-11-23");  // window 11-25..11-26: both days off
  const auto task = Plans("P1").tasks(0);
  EXPECT_EQ(Day(task.next_attempt()), "2026-11-27");
  EXPECT_TRUE(task.served_after_window());
  EXPECT_EQ(Call("kefu.v1.FollowUpConfigService/SetCalendarYear", R"({"year": {"year": 2026,
      "daysOff": [{"year": 2027, "month": 1, "day": 1}]}})")
                .message(),
            "year.days_off[0] is 2027-01-01: not in 2026");
}

TEST_F(FollowUp, ExpertQuestionsStayInSightUntilAnsweredAndOverdueOnesStandOut) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  const std::int64_t task = Plans("P1").tasks(0).id();
  EXPECT_EQ(
      Call("kefu.v1.FollowUpService/RecordAttempt",
           R"({"taskId": ")" + std::to_string(task) +
               R"(", "outcome": "CALL_OUTCOME_EXPERT_QUESTION"})")
          .message(),
      "expert_question is unset: name the doctor, the question and when the answer was promised");
  const std::int64_t promised = testing_util::kNowMs + 86400000;  // an answer by tomorrow
  const auto r = Attempt(task, "EXPERT_QUESTION",
                         R"("expertQuestion": {"doctor": "刘主任",
      "question": "可以停用阿司匹林吗？", "promisedByMs": ")" +
                             std::to_string(promised) + "\"}");
  EXPECT_EQ(r.escalation().state(), v1::ESCALATION_STATE_OPEN);
  EXPECT_EQ(r.task().state(), v1::TASK_STATE_DONE);
  auto list = Worklist();
  ASSERT_EQ(list.escalations_size(), 1);
  EXPECT_FALSE(list.escalations(0).overdue());
  AdvanceDays(2);
  list = Worklist();
  ASSERT_EQ(list.escalations_size(), 1);
  EXPECT_TRUE(list.escalations(0).overdue());
  auto report = Ok<v1::ReportResponse>("kefu.v1.FollowUpService/Report", R"({
      "from": {"year": 2026, "month": 11, "day": 1}, "to": {"year": 2026, "month": 11, "day": 30}})");
  EXPECT_EQ(report.open_escalations(), 1);
  EXPECT_EQ(report.overdue_escalations(), 1);
  const auto answered = Ok<v1::Escalation>("kefu.v1.FollowUpService/AnswerEscalation", R"({
      "escalationId": ")" + std::to_string(r.escalation().id()) + R"(", "answer": "继续服用"})");
  EXPECT_EQ(answered.state(), v1::ESCALATION_STATE_ANSWERED);
  EXPECT_EQ(answered.answered_by(), "nurse-0042");
  EXPECT_EQ(Worklist().escalations_size(), 0);
  EXPECT_EQ(Call("kefu.v1.FollowUpService/AnswerEscalation",
                 R"({"escalationId": ")" + std::to_string(r.escalation().id()) +
                     R"(", "answer": "again"})")
                .code(),
            Code::kFailedPrecondition);
}

TEST_F(FollowUp, AReturnVisitCanBeBookedInTheCall) {
  Create("P1", "x");
  Discharge("P1", "2026-11-20");
  const auto r = Attempt(Plans("P1").tasks(0).id(), "NEEDS_RETURN_VISIT", R"("appointment": {
      "date": {"year": 2026, "month": 12, "day": 2}, "department": "心内科", "expert": "王教授"})");
  EXPECT_GT(r.appointment().id(), 0);
  EXPECT_EQ(r.appointment().expert(), "王教授");
  EXPECT_EQ(r.next_task().seq(), 2);
  EXPECT_EQ(Call("kefu.v1.FollowUpService/RecordAttempt",
                 R"({"taskId": ")" + std::to_string(r.next_task().id()) +
                     R"(", "outcome": "CALL_OUTCOME_REACHED",
                 "appointment": {"date": {"year": 2026, "month": 12, "day": 2}, "department": "x"}})")
                .message(),
            "appointment is given but outcome is CALL_OUTCOME_REACHED: book return visits with "
            "CALL_OUTCOME_NEEDS_RETURN_VISIT");
}

TEST_F(FollowUp, TheReportCountsWhatWasDueAndWhatBecameOfIt) {
  Create("A", "a");
  Create("B", "b");
  Create("C", "c");
  Discharge("A", "2026-11-16", "心内科");          // #1 due 11-23
  Discharge("B", "2026-11-17", "心内科");          // #1 due 11-24
  Discharge("C", "2026-11-17", "外科");            // #1 due 11-24
  Attempt(Plans("A").tasks(0).id(), "NO_ANSWER");  // on its due day: no day left, missed
  Attempt(Plans("B").tasks(0).id(), "REACHED");
  AdvanceDays(2);
  Attempt(Plans("C").tasks(0).id(), "REACHED", R"("staff": "dr-zhou")");  // a day late
  const auto report = Ok<v1::ReportResponse>("kefu.v1.FollowUpService/Report", R"({
      "from": {"year": 2026, "month": 11, "day": 23}, "to": {"year": 2026, "month": 11, "day": 24},
      "by": "REPORT_BY_DEPARTMENT"})");
  ASSERT_EQ(report.rows_size(), 3);
  EXPECT_EQ(report.total().due(), 3);
  EXPECT_EQ(report.total().done_on_time(), 1);
  EXPECT_EQ(report.total().done_late(), 1);
  EXPECT_EQ(report.total().missed(), 1);
  EXPECT_EQ(report.total().open(), 0);
  EXPECT_DOUBLE_EQ(report.total().reach_rate(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(report.total().attempts_per_done(), 1.0);
  EXPECT_EQ(report.rows(0).group(), "心内科");  // 11-23: A
  EXPECT_EQ(report.rows(0).missed(), 1);
  EXPECT_EQ(report.rows(1).group(), "外科");  // 11-24: C, then B
  EXPECT_EQ(report.rows(1).done_late(), 1);
  EXPECT_EQ(report.rows(2).done_on_time(), 1);
  const auto by_staff = Ok<v1::ReportResponse>("kefu.v1.FollowUpService/Report", R"({
      "from": {"year": 2026, "month": 11, "day": 1}, "to": {"year": 2026, "month": 11, "day": 30},
      "period": "REPORT_PERIOD_MONTH", "by": "REPORT_BY_STAFF"})");
  std::vector<std::string> groups;
  for (const auto& row : by_staff.rows()) groups.push_back(row.group());
  EXPECT_EQ(groups, (std::vector<std::string>{"dr-zhou", "nurse-0042"}));
  EXPECT_EQ(
      Call("kefu.v1.FollowUpService/Report", R"({"from": {"year": 2026, "month": 11, "day": 30},
      "to": {"year": 2026, "month": 11, "day": 1}})")
          .message(),
      "to is 2026-11-01: before from 2026-11-30");
}

TEST_F(FollowUp, ScheduleSpreadsTheWorkAndSaysWhatCannotBeServed) {
  Ok<v1::FollowUpSettings>("kefu.v1.FollowUpConfigService/UpdateSettings",
                           R"({"settings": {"preferAttendingDoctor": true}})");
  Ok<v1::StaffMember>("kefu.v1.FollowUpConfigService/PutStaff", R"({"staff": {"id": "nurse-b",
      "name": "护士乙", "shifts": ["night"], "capacityPerShift": 1, "active": true}})");
  Ok<v1::StaffMember>("kefu.v1.FollowUpConfigService/PutStaff", R"({"staff": {"id": "nurse-a",
      "name": "护士甲", "shifts": ["early"], "capacityPerShift": 5, "active": true}})");
  Ok<v1::StaffMember>("kefu.v1.FollowUpConfigService/PutStaff", R"({"staff": {"id": "dr-liu",
      "name": "刘医生", "shifts": ["middle"], "capacityPerShift": 1, "active": true}})");
  EXPECT_EQ(Call("kefu.v1.FollowUpConfigService/PutStaff",
                 R"({"staff": {"id": "x", "shifts": ["dawn"]}})")
                .message(),
            "staff.shifts[0] is \"dawn\": no such shift in the settings");
  // Three patients whose first window is 11-24..11-27 (Tue..Fri), to be called at 20:00.
  for (const char* mrn : {"A", "B", "C"}) {
    Create(mrn, mrn);
    Discharge(mrn, "2026-11-20");
  }
  // And one of 刘医生's patients: he calls it himself, in his own (middle) shift.
  Create("D", "d");
  Ok<v1::DischargeResponse>("kefu.v1.EncounterService/Discharge",
                            R"({"encounter": {"patientMrn": "D",
      "department": "心内科", "attendingDoctor": "刘医生",
      "admissionDate": {"year": 2026, "month": 11, "day": 1},
      "dischargeDate": {"year": 2026, "month": 11, "day": 20}}})");
  // A fifth whose window (due 11-24) leaves only two days: the night shift is full by then.
  Create("E", "e");
  Discharge("E", "2026-11-17");
  const auto schedule =
      Ok<v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", R"({"days": 7})");
  std::map<std::string, std::string> when;
  for (const auto& t : schedule.assigned()) {
    when[Plans("A").tasks(0).id() == t.id()   ? "A"
         : Plans("B").tasks(0).id() == t.id() ? "B"
         : Plans("C").tasks(0).id() == t.id() ? "C"
         : Plans("D").tasks(0).id() == t.id() ? "D"
                                              : "E"] =
        Day(t.scheduled_day()) + " " + t.assigned_staff() + " " + t.assigned_shift();
  }
  // E is due first (11-24) and takes the first night; A, B, C spread over the following nights.
  EXPECT_EQ(when["E"], "2026-11-23 nurse-b night");
  EXPECT_EQ(when["A"], "2026-11-24 nurse-b night");
  EXPECT_EQ(when["B"], "2026-11-25 nurse-b night");
  EXPECT_EQ(when["C"], "2026-11-26 nurse-b night");
  EXPECT_EQ(when["D"], "2026-11-23 dr-liu middle");
  EXPECT_EQ(schedule.unservable_size(), 0);
  // Two more patients with the same window: five nights (11-23..11-27) for six calls.
  Create("F", "f");
  Discharge("F", "2026-11-20");
  Create("G", "g");
  Discharge("G", "2026-11-20");
  const auto again = Ok<v1::ScheduleResponse>("kefu.v1.FollowUpService/Schedule", R"({"days": 7})");
  ASSERT_EQ(again.unservable_size(), 1);
  EXPECT_EQ(again.unservable(0).task().id(), Plans("G").tasks(0).id()) << "the last by deadline";
  EXPECT_EQ(again.unservable(0).reason(),
            "no capacity left between 2026-11-23 and 2026-11-27 for a call at 20:00");
  // The night nurse's worklist for today holds just her task of the day.
  const auto mine =
      Ok<v1::WorklistResponse>("kefu.v1.FollowUpService/Worklist", R"({"staff": "nurse-b"})");
  ASSERT_EQ(mine.items_size(), 1);
  EXPECT_EQ(mine.items(0).patient().mrn(), "E");
}

}  // namespace
}  // namespace kefu
