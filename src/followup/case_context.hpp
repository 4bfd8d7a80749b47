// The worklist's records, read for all its tasks at once — a handful of statements over a JSON
// array of ids (SQLite's json_each) instead of point queries per task: the tasks, and each
// task's case as the caller needs it (the patient, the last stay with its diagnoses and
// medications, the notes and promises of the last three contacts).
//
// Records stay in their stored form, which is their kefu.v1 message on the wire (store/schema.cc):
// the worklist passes them to the caller as they are (followup/worklist.hpp). Only their framing
// is checked, so that a damaged record fails the call as Corrupt instead of reaching the caller.
#ifndef KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP
#define KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "kefu/date.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

// A task on the worklist: what sorting needs, and its stored record.
struct DueTask {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  Day due = 0;
  std::int64_t seq = 0;  // 1 for the first contact after a discharge
  std::string record;    // a kefu.v1.Task
};

// A patient's case: stored records, each a kefu.v1 message.
struct CaseRecords {
  std::int64_t patient_id = 0;
  std::string patient;                               // kefu.v1.Patient
  std::string last_stay;                             // kefu.v1.Encounter; empty when there is none
  std::int64_t last_stay_day = 0, last_stay_id = 0;  // its start day and id (0: none)
  std::vector<std::string> contacts;  // kefu.v1.ContactEvent, newest first, at most 3
};

// The cases of a list of patients, in ascending patient id.
class Cases {
 public:
  // Lists the patients (in any order, repeats allowed), each with an empty case.
  void List(std::vector<std::int64_t> patient_ids);
  const std::vector<CaseRecords>& all() const { return cases_; }
  // The case of a listed patient, or null.
  const CaseRecords* Find(std::int64_t patient_id) const;
  // The case of a listed patient, to fill. Rows of a query arrive in the order of the ids, so
  // the next row's patient is almost always the current one or the next: a cursor finds it
  // without a search (Rewind before each query).
  CaseRecords& At(std::int64_t patient_id);
  void Rewind() { cursor_ = 0; }

 private:
  std::vector<CaseRecords> cases_;
  std::size_t cursor_ = 0;
};

// One entry per task id that still exists, in no particular order.
Status LoadDueTasks(store::Connection& c, const std::vector<std::int64_t>& task_ids,
                    std::vector<DueTask>* tasks);

// The last stay is the latest by start day (then id) that was not cancelled.
// Fills the case of every listed patient.
Status LoadCases(store::Connection& c, Cases* cases);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP
