#include "followup/worklist.hpp"

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>

#include "followup/callable.hpp"
#include "followup/case_context.hpp"
#include "followup/config.hpp"
#include "followup/due_index.hpp"
#include "followup/escalations.hpp"
#include "followup/plan_store.hpp"
#include "followup/schema.hpp"

namespace kefu::followup {
namespace {

using google::protobuf::internal::WireFormatLite;

// With a shift or staff member: the tasks Schedule gave them for the day, or before it.
Status KeepAssigned(const v1::WorklistRequest& request, Day day, std::vector<DueTask>* tasks) {
  if (request.staff().empty() && request.shift().empty()) return Status::Ok();
  std::vector<DueTask> kept;
  v1::Task task;
  for (DueTask& due : *tasks) {
    if (!task.ParseFromString(due.record)) return kTasks.Undecodable(due.id);
    const bool scheduled = task.has_scheduled_day() && DayOf(task.scheduled_day()) <= day;
    if (scheduled && (request.staff().empty() || task.assigned_staff() == request.staff()) &&
        (request.shift().empty() || task.assigned_shift() == request.shift())) {
      kept.push_back(std::move(due));
    }
  }
  tasks->swap(kept);
  return Status::Ok();
}

// Whether a task must be left out: its patient must not be called (read off the stored record),
// or its department is on the never-call list.
Status HeldBack(const DueTask& due, const CaseRecords* case_records,
                const v1::NeverCallList& never_call, bool* hold) {
  *hold = case_records != nullptr && StoredPatientStopsFollowUp(case_records->patient);
  if (*hold || never_call.departments().empty()) return Status::Ok();
  v1::Task task;
  if (!task.ParseFromString(due.record)) return kTasks.Undecodable(due.id);
  for (const std::string& department : never_call.departments()) {
    *hold = *hold || department == task.department();
  }
  return Status::Ok();
}

// Overdue first (the longest overdue first), then first contacts, then by due day, then by id.
void Order(Day day, std::vector<DueTask>* tasks) {
  auto key = [day](const DueTask& t) {
    const bool overdue = t.due < day;
    return std::tuple(!overdue, overdue ? t.due : 0, t.seq != 1, t.due, t.id);
  };
  std::sort(tasks->begin(), tasks->end(),
            [&](const DueTask& a, const DueTask& b) { return key(a) < key(b); });
}

// One WorklistItem in wire form.
std::string Item(const DueTask& task, const CaseRecords* case_records, Day day) {
  std::size_t size = task.record.size() + 32;
  if (case_records != nullptr) {
    size += case_records->patient.size() + case_records->last_stay.size();
    for (const std::string& contact : case_records->contacts) size += contact.size() + 8;
  }
  std::string item;
  item.reserve(size);
  {
    google::protobuf::io::StringOutputStream stream(&item);
    google::protobuf::io::CodedOutputStream out(&stream);
    WireFormatLite::WriteBytes(v1::WorklistItem::kTaskFieldNumber, task.record, &out);
    if (case_records != nullptr) {
      WireFormatLite::WriteBytes(v1::WorklistItem::kPatientFieldNumber, case_records->patient,
                                 &out);
      if (!case_records->last_stay.empty()) {
        WireFormatLite::WriteBytes(v1::WorklistItem::kLastEncounterFieldNumber,
                                   case_records->last_stay, &out);
      }
      for (const std::string& contact : case_records->contacts) {
        WireFormatLite::WriteBytes(v1::WorklistItem::kLastContactsFieldNumber, contact, &out);
      }
    }
    if (task.due < day) {
      WireFormatLite::WriteBool(v1::WorklistItem::kOverdueFieldNumber, true, &out);
      WireFormatLite::WriteInt32(v1::WorklistItem::kDaysOverdueFieldNumber,
                                 static_cast<std::int32_t>(day - task.due), &out);
    }
  }
  return item;
}

}  // namespace

Status BuildWorklist(Session& session, store::Connection& c, Day day,
                     const v1::WorklistRequest& request, v1::WorklistResponse* response,
                     std::vector<std::int64_t>* held) {
  std::vector<std::int64_t> ids;
  KEFU_RETURN_IF_ERROR(DueIndex::Of(session.db()).Due(c, day, &ids));
  std::vector<DueTask> tasks;
  KEFU_RETURN_IF_ERROR(LoadDueTasks(c, ids, &tasks));
  KEFU_RETURN_IF_ERROR(KeepAssigned(request, day, &tasks));
  Order(day, &tasks);
  v1::NeverCallList never_call;
  KEFU_RETURN_IF_ERROR(LoadNeverCall(c, &never_call));
  // The cases are read for the head of the order; a task held back makes room for the next.
  const std::size_t want = request.limit() > 0
                               ? std::min(tasks.size(), static_cast<std::size_t>(request.limit()))
                               : tasks.size();
  std::vector<std::unique_ptr<Cases>> read;
  std::vector<std::pair<const DueTask*, const CaseRecords*>> listed;
  for (std::size_t next = 0; listed.size() < want && next < tasks.size();) {
    const std::size_t end = std::min(tasks.size(), next + (want - listed.size()));
    std::vector<std::int64_t> patient_ids;
    patient_ids.reserve(end - next);
    for (std::size_t i = next; i < end; ++i) patient_ids.push_back(tasks[i].patient_id);
    auto cases = std::make_unique<Cases>();
    cases->List(std::move(patient_ids));
    KEFU_RETURN_IF_ERROR(LoadCases(c, cases.get()));
    for (std::size_t i = next; i < end; ++i) {
      const CaseRecords* found = cases->Find(tasks[i].patient_id);
      bool hold = false;
      KEFU_RETURN_IF_ERROR(HeldBack(tasks[i], found, never_call, &hold));
      if (hold) {
        held->push_back(tasks[i].id);
      } else {
        listed.emplace_back(&tasks[i], found);
      }
    }
    read.push_back(std::move(cases));
    next = end;
  }
  auto* unknown = response->GetReflection()->MutableUnknownFields(response);
  for (const auto& [task, case_records] : listed) {
    *unknown->AddLengthDelimited(v1::WorklistResponse::kItemsFieldNumber) =
        Item(*task, case_records, day);
  }
  // Questions promised an answer stay in sight until answered; overdue ones first.
  std::vector<v1::Escalation> open;
  KEFU_RETURN_IF_ERROR(ListEscalations(c, 0, false, session.db().NowMs(), &open));
  for (auto& e : open) *response->add_escalations() = std::move(e);
  return Status::Ok();
}

}  // namespace kefu::followup
