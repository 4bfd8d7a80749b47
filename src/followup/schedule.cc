#include "followup/schedule.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "audit/audit.hpp"
#include "archive/patient_store.hpp"
#include "followup/calendar.hpp"
#include "followup/config.hpp"
#include "followup/configuration.hpp"
#include "followup/due_index.hpp"
#include "followup/guard.hpp"
#include "followup/plan_store.hpp"

namespace kefu::followup {
namespace {

struct Slot {
  Day day;
  std::string staff, shift;
  int used = 0;
  int capacity = 0;
};

// The shifts of `member` that cover a call at `minutes` after midnight; all of them when none does.
std::vector<std::string> ShiftsFor(const v1::StaffMember& member,
                                   const std::vector<v1::Shift>& shifts, int minutes, bool any) {
  std::vector<std::string> out;
  for (const auto& name : member.shifts()) {
    for (const auto& shift : shifts) {
      if (shift.name() == name &&
          (any || (shift.start_minutes() <= minutes && minutes < shift.end_minutes()))) {
        out.push_back(name);
      }
    }
  }
  return out;
}

// Who may call: the attending doctor where wanted and on staff (`doctor`), else the shift staff.
Status PeopleFor(store::Connection& c, const v1::Task& task, const v1::FollowUpSettings& settings,
                 const v1::ListStaffResponse& staff, std::vector<const v1::StaffMember*>* people,
                 bool* doctor) {
  if (settings.prefer_attending_doctor()) {
    v1::Plan plan;
    v1::Encounter encounter;
    KEFU_RETURN_IF_ERROR(LoadPlan(c, task.plan_id(), &plan));
    KEFU_RETURN_IF_ERROR(archive::LoadEncounter(c, plan.encounter_id(), &encounter));
    const std::string& attending = encounter.attending_doctor();
    for (const auto& member : staff.staff()) {
      if (member.active() && !attending.empty() &&
          (member.name() == attending || member.id() == attending)) {
        people->push_back(&member);
      }
    }
  }
  *doctor = !people->empty();
  if (!*doctor) {
    for (const auto& member : staff.staff()) people->push_back(&member);
  }
  return Status::Ok();
}

// A slot with room, less loaded than `best` (by share of its capacity; the earlier day on a tie).
bool LessLoaded(const Slot& slot, const Slot* best) {
  if (slot.used >= slot.capacity) return false;
  if (best == nullptr) return true;
  const std::int64_t mine = static_cast<std::int64_t>(slot.used) * best->capacity;
  const std::int64_t theirs = static_cast<std::int64_t>(best->used) * slot.capacity;
  return mine < theirs || (mine == theirs && slot.day < best->day);
}

std::string NoCapacityReason(Day earliest, Day latest, int minutes) {
  return "no capacity left between " + FormatDay(earliest) + " and " + FormatDay(latest) +
         " for a call at " + std::to_string(minutes / 60) + ":" + (minutes % 60 < 10 ? "0" : "") +
         std::to_string(minutes % 60);
}

// Gives the task to the slot's person and shift; a changed assignment is saved and audited
// ("task.assign"), so that every stored task is the record of its latest audit entry.
Status Assign(Session& session, store::Connection& c, const Slot& slot, v1::Task* task) {
  const v1::Task before = *task;
  *task->mutable_scheduled_day() = DateOf(slot.day);
  task->set_assigned_staff(slot.staff);
  task->set_assigned_shift(slot.shift);
  if (DayOf(before.scheduled_day()) == slot.day && before.has_scheduled_day() &&
      before.assigned_staff() == slot.staff && before.assigned_shift() == slot.shift) {
    return Status::Ok();
  }
  KEFU_RETURN_IF_ERROR(SaveTask(session, c, task));
  return audit::AppendAudit(
      session, c,
      audit::AuditRecord{"task.assign", "task", task->id(), task->patient_id(), &before, task});
}

// The tasks to schedule, each checked against its patient and the never-call list: one that must
// not be called is suppressed (guard.hpp) instead.
Status LoadCallable(Session& session, store::Connection& c, const std::vector<std::int64_t>& ids,
                    const std::string& list, std::vector<v1::Task>* out) {
  v1::NeverCallList never_call;
  KEFU_RETURN_IF_ERROR(LoadNeverCall(c, &never_call));
  std::map<std::int64_t, v1::Patient> patients;
  for (const std::int64_t id : ids) {
    v1::Task task;
    KEFU_RETURN_IF_ERROR(LoadTask(c, id, &task));
    auto [at, fresh] = patients.try_emplace(task.patient_id());
    if (fresh) KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, task.patient_id(), &at->second));
    if (HoldBackReason(task, at->second, never_call).empty()) {
      out->push_back(std::move(task));
    } else {
      KEFU_RETURN_IF_ERROR(SuppressTask(session, c, id, list));
    }
  }
  return Status::Ok();
}

using Slots = std::map<std::tuple<Day, std::string, std::string>, Slot>;

// Every (calling day, person, shift) from `from` to `last` with its capacity.
Slots SlotsBetween(Day from, Day last, const CallingCalendar& calendar,
                   const v1::ListStaffResponse& staff) {
  Slots slots;
  for (Day day = from; day <= last; ++day) {
    if (!calendar.IsCallingDay(day)) continue;
    for (const auto& member : staff.staff()) {
      if (!member.active() || member.capacity_per_shift() <= 0) continue;
      for (const auto& shift : member.shifts()) {
        slots[{day, member.id(), shift}] =
            Slot{day, member.id(), shift, 0, member.capacity_per_shift()};
      }
    }
  }
  return slots;
}

// Deadline first; among equal deadlines, first contacts first.
bool ScheduledBefore(const v1::Task& a, const v1::Task& b) {
  const Day da = DayOf(a.due()), db = DayOf(b.due());
  if (da != db) return da < db;
  if ((a.seq() == 1) != (b.seq() == 1)) return a.seq() == 1;
  return a.id() < b.id();
}

// What one Schedule works with, loaded once: the transaction's configuration and the staff.
struct Team {
  const Configuration* config = nullptr;
  v1::ListStaffResponse staff;
  std::vector<v1::Shift> shifts;
  const v1::FollowUpSettings& settings() const { return config->settings; }
  const CallingCalendar& calendar() const { return config->calendar; }
};

Status LoadTeam(Session& session, store::Connection& c, Team* team) {
  Configuration* config = nullptr;
  KEFU_RETURN_IF_ERROR(Configuration::Of(session, c, &config));
  team->config = config;
  KEFU_RETURN_IF_ERROR(LoadStaff(c, &team->staff));
  team->shifts = ShiftsOf(config->settings);
  return Status::Ok();
}

// The least loaded slot a person who may call the task has inside its window (between
// `from` and `last`), given to the task; the reason in `out` when there is none.
Status Place(Session& session, store::Connection& c, const Team& team, Day from, Day last,
             Slots* slots, v1::Task* task, v1::ScheduleResponse* out) {
  const int minutes = task->call_time().hours() * 60 + task->call_time().minutes();
  bool doctor = false;
  std::vector<const v1::StaffMember*> people;
  KEFU_RETURN_IF_ERROR(PeopleFor(c, *task, team.settings(), team.staff, &people, &doctor));
  // Overdue work is done as soon as possible; the rest anywhere inside its window.
  const Day earliest = std::max(DayOf(task->next_attempt()), from);
  const Day latest = std::max(std::min(DayOf(task->due()), last), earliest);
  Slot* best = nullptr;
  for (const v1::StaffMember* member : people) {
    for (const std::string& shift : ShiftsFor(*member, team.shifts, minutes, doctor)) {
      for (Day day = earliest; day <= latest; ++day) {
        auto it = slots->find({day, member->id(), shift});
        if (it != slots->end() && LessLoaded(it->second, best)) best = &it->second;
      }
    }
  }
  if (best == nullptr) {
    v1::UnservableTask* u = out->add_unservable();
    *u->mutable_task() = *task;
    u->set_reason(people.empty() ? "no staff" : NoCapacityReason(earliest, latest, minutes));
    return Status::Ok();
  }
  ++best->used;
  KEFU_RETURN_IF_ERROR(Assign(session, c, *best, task));
  *out->add_assigned() = *task;
  return Status::Ok();
}

}  // namespace

Status Schedule(Session& session, const v1::ScheduleRequest& request, v1::ScheduleResponse* out) {
  Day from = session.db().Today();
  if (request.has_from()) {
    KEFU_RETURN_IF_ERROR(DayFromYmd(request.from().year(), request.from().month(),
                                    request.from().day(), "from", &from));
  }
  if (request.days() < 0 || request.days() > 62) {
    return Status::InvalidArgument("days is " + std::to_string(request.days()) +
                                   ": must be 1..62 (0 for 14)");
  }
  const Day last = std::min<Day>(from + (request.days() == 0 ? 14 : request.days()) - 1, kMaxDay);
  return session.Write([&](Txn& c) {
    Team team;
    KEFU_RETURN_IF_ERROR(LoadTeam(session, c, &team));
    Slots slots = SlotsBetween(from, last, team.calendar(), team.staff);
    std::vector<std::int64_t> ids;
    KEFU_RETURN_IF_ERROR(DueIndex::Of(session.db()).Due(c, last, &ids));
    std::vector<v1::Task> tasks;
    KEFU_RETURN_IF_ERROR(
        LoadCallable(session, c, ids, "the schedule from " + FormatDay(from), &tasks));
    std::sort(tasks.begin(), tasks.end(), ScheduledBefore);
    for (v1::Task& task : tasks) {
      KEFU_RETURN_IF_ERROR(Place(session, c, team, from, last, &slots, &task, out));
    }
    for (const auto& [key, slot] : slots) {
      v1::DayLoad* load = out->add_load();
      *load->mutable_day() = DateOf(slot.day);
      load->set_staff(slot.staff);
      load->set_shift(slot.shift);
      load->set_tasks(slot.used);
      load->set_capacity(slot.capacity);
    }
    return Status::Ok();
  });
}

}  // namespace kefu::followup
