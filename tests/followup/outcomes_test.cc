// Every call outcome, one row each: what a first call with that outcome does to the task, the
// plan, the patient and the next contact, and whether the patient is still on today's list.
// (followup/attempts.cc holds the same rows as kOutcomeRules; this table pins them from outside.)
#include "followup/followup_fixture.hpp"

namespace kefu {
namespace {

struct OutcomeRow {
  const char* outcome;  // after CALL_OUTCOME_
  const char* extra;    // more fields of the RecordAttemptRequest, JSON
  v1::TaskState task;
  v1::PlanState plan;
  v1::CloseReason close_reason;
  v1::PatientStatus patient;
  int next_seq;         // the next task's contact number; 0: no next task
  bool on_todays_list;  // the patient is still to be called today
};

class Outcome : public FollowUp, public testing::WithParamInterface<OutcomeRow> {};

TEST_P(Outcome, OfAFirstCallDoesWhatItsRowSays) {
  const OutcomeRow& row = GetParam();
  Create("P1", "x");
  Discharge("P1", "2026-11-20");  // contact #1 due 11-27, its window open today (11-23)
  const std::int64_t task = Plans("P1").tasks(0).id();
  const auto r = Attempt(task, row.outcome, row.extra);
  EXPECT_EQ(r.task().state(), row.task);
  EXPECT_EQ(r.plan().state(), row.plan);
  EXPECT_EQ(r.plan().close_reason(), row.close_reason);
  EXPECT_EQ(r.has_next_task() ? r.next_task().seq() : 0, row.next_seq);
  const auto patient = Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "P1"})");
  EXPECT_EQ(patient.status(), row.patient);
  EXPECT_EQ(Worklist().items_size(), row.on_todays_list ? 1 : 0);
  // The call itself is on the patient's timeline, whatever its outcome.
  const auto timeline = Ok<v1::ListTimelineResponse>("kefu.v1.TimelineService/ListTimeline",
                                                     R"({"patientMrn": "P1"})");
  ASSERT_GE(timeline.entries_size(), 1);
  EXPECT_EQ(r.contact().patient_id(), patient.id());
}

constexpr v1::PatientStatus kActive = v1::PATIENT_STATUS_ACTIVE;
constexpr v1::CloseReason kNoReason = v1::CLOSE_REASON_UNSPECIFIED;

INSTANTIATE_TEST_SUITE_P(
    Table, Outcome,
    testing::Values(OutcomeRow{"REACHED", "", v1::TASK_STATE_DONE, v1::PLAN_STATE_OPEN, kNoReason,
                               kActive, 2, false},
                    OutcomeRow{"NEEDS_RETURN_VISIT",
                               R"("appointment": {"date": {"year": 2026, "month": 12, "day": 2},
                                      "department": "心内科"})",
                               v1::TASK_STATE_DONE, v1::PLAN_STATE_OPEN, kNoReason, kActive, 2,
                               false},
                    OutcomeRow{"EXPERT_QUESTION",
                               R"("expertQuestion": {"doctor": "李医生", "question": "能否停药?",
                                         "promisedByMs": "1795651200000"})",
                               v1::TASK_STATE_DONE, v1::PLAN_STATE_OPEN, kNoReason, kActive, 2,
                               false},
                    OutcomeRow{"COMPLAINT", R"("notes": "waited two hours")", v1::TASK_STATE_DONE,
                               v1::PLAN_STATE_OPEN, kNoReason, kActive, 2, false},
                    // Retried tomorrow (11-24), inside the window: not again today.
                    OutcomeRow{"NO_ANSWER", "", v1::TASK_STATE_PENDING, v1::PLAN_STATE_OPEN,
                               kNoReason, kActive, 0, false},
                    OutcomeRow{"BUSY", "", v1::TASK_STATE_PENDING, v1::PLAN_STATE_OPEN, kNoReason,
                               kActive, 0, false},
                    // The only number is flagged; the task waits for a corrected one.
                    OutcomeRow{"WRONG_NUMBER", "", v1::TASK_STATE_WAITING_CORRECTION,
                               v1::PLAN_STATE_OPEN, kNoReason, kActive, 0, false},
                    OutcomeRow{"DIED", R"("deathDate": {"year": 2026, "month": 11, "day": 22})",
                               v1::TASK_STATE_DONE, v1::PLAN_STATE_CLOSED,
                               v1::CLOSE_REASON_DECEASED, v1::PATIENT_STATUS_DECEASED, 0, false},
                    OutcomeRow{"CURED", "", v1::TASK_STATE_DONE, v1::PLAN_STATE_CLOSED,
                               v1::CLOSE_REASON_CURED, v1::PATIENT_STATUS_CURED, 0, false},
                    OutcomeRow{"OPTED_OUT", "", v1::TASK_STATE_DONE, v1::PLAN_STATE_CLOSED,
                               v1::CLOSE_REASON_OPTED_OUT, v1::PATIENT_STATUS_OPTED_OUT, 0, false},
                    OutcomeRow{"REFUSED", "", v1::TASK_STATE_DONE, v1::PLAN_STATE_CLOSED,
                               v1::CLOSE_REASON_REFUSED, kActive, 0, false}),
    [](const testing::TestParamInfo<OutcomeRow>& row) { return std::string(row.param.outcome); });

}  // namespace
}  // namespace kefu
