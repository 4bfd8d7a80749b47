// The worklist's records, read for all its tasks at once — a handful of statements over a JSON
// array of ids (SQLite's json_each) instead of four point queries per task: the tasks, and each
// task's case as the caller needs it (the patient, the last stay with its diagnoses and
// medications, the notes and promises of the last three contacts).
#ifndef KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP
#define KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP

#include <cstdint>
#include <vector>

#include "rpc/v1.hpp"
#include "store/sqlite.hpp"

namespace kefu::followup {

using WorklistItems = google::protobuf::RepeatedPtrField<v1::WorklistItem>;

// Appends one item per task id, with its task (in no particular order). Corrupt when a record
// does not decode; a task that no longer exists is left out.
Status LoadWorklistTasks(store::Connection& c, const std::vector<std::int64_t>& task_ids,
                         WorklistItems* items);

// Fills each item's patient, last_encounter and last_contacts (newest first, at most 3) in wire
// form: the stored records travel as the items' unknown fields 2, 3 and 4, which serialize
// exactly as the fields themselves. They read as set once the response is encoded and decoded
// (kefu_call, binary or JSON); in-process, item.patient() stays empty. Corrupt when a record's
// framing is broken.
Status LoadCases(store::Connection& c, WorklistItems* items);

}  // namespace kefu::followup

#endif  // KEFU_SRC_FOLLOWUP_CASE_CONTEXT_HPP
