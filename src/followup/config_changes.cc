#include "followup/config_changes.hpp"

#include <set>
#include <string>

#include "archive/normalize.hpp"
#include "audit/audit.hpp"
#include "followup/calendar.hpp"
#include "followup/config.hpp"
#include "followup/planner.hpp"

namespace kefu::followup {

using audit::AppendAudit;
using audit::AuditRecord;

Status ChangeSettings(Session& session, store::Connection& c, v1::FollowUpSettings settings,
                      v1::FollowUpSettings* out) {
  v1::FollowUpSettings before;
  KEFU_RETURN_IF_ERROR(LoadSettings(c, &before));
  // Read-only: unset, or the version the caller read (then nobody may have changed them since).
  if (settings.version() != 0 && settings.version() != before.version()) {
    return Status(Code::kFailedPrecondition,
                  "settings.version is " + std::to_string(settings.version()) +
                      " but the settings are at version " + std::to_string(before.version()) +
                      ": they were changed since you read them; read them again");
  }
  settings.set_version(before.version() + 1);
  if (settings.max_attempts_per_window() == 0) {
    settings.set_max_attempts_per_window(kDefaultMaxAttempts);
  }
  KEFU_RETURN_IF_ERROR(StoreSettings(c, settings));
  KEFU_RETURN_IF_ERROR(AppendAudit(
      session, c, AuditRecord{"followup.settings", "config", 0, 0, &before, &settings}));
  *out = settings;
  return Status::Ok();
}

Status ReplacePlanRules(Session& session, store::Connection& c,
                        const v1::SetPlanRulesRequest& request, v1::ListPlanRulesResponse* out) {
  for (int i = 0; i < request.rules_size(); ++i) {
    const v1::PlanRule& rule = request.rules(i);
    const std::string field = "rules[" + std::to_string(i) + "]";
    Cadence cadence;
    std::int32_t version = 0;
    KEFU_RETURN_IF_ERROR(ResolvePolicy(c, rule.policy(), field + ".policy", &cadence, &version));
    KEFU_RETURN_IF_ERROR(archive::CheckText(rule.department(), field + ".department", 100, false));
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(rule.diagnosis_prefix(), field + ".diagnosis_prefix", 8, false));
    if (rule.min_age() < 0 || rule.max_age() < 0 ||
        (rule.max_age() > 0 && rule.max_age() < rule.min_age())) {
      return Status::InvalidArgument(field + ".max_age is " + std::to_string(rule.max_age()) +
                                     " with min_age " + std::to_string(rule.min_age()) +
                                     ": ages are 0 (no bound) or a range");
    }
    if (rule.locality() < 0 || rule.locality() > v1::Locality_MAX) {
      return Status::InvalidArgument(field + ".locality is " + std::to_string(rule.locality()) +
                                     ": unknown value");
    }
    if (rule.kind() < 0 || rule.kind() > v1::EncounterKind_MAX) {
      return Status::InvalidArgument(field + ".kind is " + std::to_string(rule.kind()) +
                                     ": unknown value");
    }
  }
  v1::ListPlanRulesResponse before;
  KEFU_RETURN_IF_ERROR(LoadRules(c, &before));
  out->mutable_rules()->CopyFrom(request.rules());
  KEFU_RETURN_IF_ERROR(StoreRules(c, *out));
  return AppendAudit(session, c, AuditRecord{"followup.rules", "config", 0, 0, &before, out});
}

Status ReplaceNeverCall(Session& session, store::Connection& c, const v1::NeverCallList& list,
                        v1::NeverCallList* out) {
  v1::NeverCallList before;
  KEFU_RETURN_IF_ERROR(LoadNeverCall(c, &before));
  *out = list;
  KEFU_RETURN_IF_ERROR(StoreNeverCall(c, list));
  KEFU_RETURN_IF_ERROR(
      AppendAudit(session, c, AuditRecord{"followup.never_call", "config", 0, 0, &before, out}));
  // Plans opened before a department or diagnosis joined the list stop now.
  return CloseNeverCallPlans(session, c, list);
}

Status AddPolicy(Session& session, store::Connection& c, const v1::PutPolicyRequest& request,
                 v1::StoredPolicy* out) {
  KEFU_RETURN_IF_ERROR(PutPolicy(c, request.policy(), out));
  return AppendAudit(session, c,
                     AuditRecord{"followup.policy", "config", out->version(), 0, nullptr, out});
}

Status ChangeCalendarYear(Session& session, store::Connection& c,
                          const v1::SetCalendarYearRequest& request, v1::CalendarYear* out) {
  v1::CalendarYear before;
  KEFU_RETURN_IF_ERROR(GetCalendarYear(c, request.year().year(), &before));
  KEFU_RETURN_IF_ERROR(SetCalendarYear(c, request.year(), out));
  return AppendAudit(session, c,
                     AuditRecord{"followup.calendar", "config", out->year(), 0, &before, out});
}

Status PutStaffMember(Session& session, store::Connection& c, const v1::StaffMember& member,
                      v1::StaffMember* out) {
  v1::FollowUpSettings settings;
  KEFU_RETURN_IF_ERROR(LoadSettings(c, &settings));
  std::set<std::string> shifts;
  for (const auto& shift : ShiftsOf(settings)) shifts.insert(shift.name());
  for (int i = 0; i < member.shifts_size(); ++i) {
    if (shifts.count(member.shifts(i)) == 0) {
      return Status::InvalidArgument("staff.shifts[" + std::to_string(i) + "] is " +
                                     Quote(member.shifts(i)) + ": no such shift in the settings");
    }
  }
  v1::ListStaffResponse staff;
  KEFU_RETURN_IF_ERROR(LoadStaff(c, &staff));
  const v1::ListStaffResponse before = staff;
  bool replaced = false;
  for (auto& existing : *staff.mutable_staff()) {
    if (existing.id() == member.id()) {
      existing = member;
      replaced = true;
    }
  }
  if (!replaced) *staff.add_staff() = member;
  KEFU_RETURN_IF_ERROR(StoreStaff(c, staff));
  KEFU_RETURN_IF_ERROR(
      AppendAudit(session, c, AuditRecord{"followup.staff", "config", 0, 0, &before, &staff}));
  *out = member;
  return Status::Ok();
}

}  // namespace kefu::followup
