// Plans: opened by discharges (and outpatient visits, where the hospital wants that) through the
// archive's encounter events, skipped with a recorded reason for patients never to be called,
// superseded by a newer discharge, withdrawn with a cancelled one. A plan holds one live task;
// the next is computed from the cadence when it ends.
#ifndef KEFU_SRC_FOLLOWUP_PLANNER_HPP
#define KEFU_SRC_FOLLOWUP_PLANNER_HPP

#include <string>

#include "archive/followers.hpp"
#include "session/session.hpp"
#include "kefu/cadence.hpp"
#include "messages/v1.hpp"

namespace kefu::followup {

// Follow-up's answers to the archive's changes: a discharge or visit opens a plan (or records why
// not), a cancellation withdraws it, a patient's change closes, pauses, resumes or moves plans.
// Handlers pass these to the archive's operations that make such changes.
Status FollowEncounter(Session& session, store::Connection& c, archive::EncounterEvent event,
                       const v1::Encounter& e);
archive::Followers Followers();

// The cadence a plan follows, as it is now.
Status CadenceOf(store::Connection& c, const v1::Plan& plan, Cadence* cadence,
                 std::int32_t* version);

// Opens the plan's task for the first window due on or after `from`; *opened is false (and the
// plan closed as ended) when the cadence has none.
Status OpenNextTask(Session& session, store::Connection& c, v1::Plan* plan, Day from,
                    v1::Task* task, bool* opened);

// Closes an open or paused plan with a reason, cancelling its live task.
Status ClosePlan(Session& session, store::Connection& c, v1::Plan* plan, v1::CloseReason reason,
                 const std::string& why);

// Pauses an open plan (the patient cannot be reached), cancelling its live task.
Status PausePlan(Session& session, store::Connection& c, v1::Plan* plan, const std::string& why);

// Opens a paused or closed plan again (`action` names it in the audit trail: "plan.resume",
// "plan.reopen") with its next contact after the last one it was due, from today on.
Status ContinuePlan(Session& session, store::Connection& c, v1::Plan* plan, const char* action,
                    const std::string& why);

// Closes every open or paused plan whose encounter the never-call list now covers.
Status CloseNeverCallPlans(Session& session, store::Connection& c, const v1::NeverCallList& never);

// Why an encounter is on the hospital's never-call list, in words; empty when it is not.
std::string NeverCallReason(const v1::NeverCallList& never, const v1::Encounter& e);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_PLANNER_HPP
