// kefu.v1.FollowUpConfigService: the hospital's follow-up rules as data — settings, plan rules,
// the never-call list, policies of its own. Every change is audited.
#include <set>

#include "audit/audit.hpp"
#include "archive/normalize.hpp"
#include "followup/calendar.hpp"
#include "followup/config.hpp"
#include "followup/planner.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

using audit::AppendAudit;
using audit::AuditRecord;

Status GetSettings(Session& session, const v1::GetSettingsRequest&, v1::FollowUpSettings* out) {
  return session.Read([&](store::Connection& c) { return followup::LoadSettings(c, out); });
}

Status UpdateSettings(Session& session, const v1::UpdateSettingsRequest& request,
                      v1::FollowUpSettings* out) {
  v1::FollowUpSettings settings = request.settings();
  KEFU_RETURN_IF_ERROR(followup::CheckSettings(settings));
  return session.Write([&](store::Connection& c) {
    v1::FollowUpSettings before;
    KEFU_RETURN_IF_ERROR(followup::LoadSettings(c, &before));
    // Read-only: unset, or the version the caller read (then nobody may have changed them since).
    if (settings.version() != 0 && settings.version() != before.version()) {
      return Status(Code::kFailedPrecondition,
                    "settings.version is " + std::to_string(settings.version()) +
                        " but the settings are at version " + std::to_string(before.version()) +
                        ": they were changed since you read them; read them again");
    }
    settings.set_version(before.version() + 1);
    if (settings.max_attempts_per_window() == 0) {
      settings.set_max_attempts_per_window(followup::kDefaultMaxAttempts);
    }
    KEFU_RETURN_IF_ERROR(followup::StoreSettings(c, settings));
    KEFU_RETURN_IF_ERROR(AppendAudit(
        session, c, AuditRecord{"followup.settings", "config", 0, 0, &before, &settings}));
    *out = settings;
    return Status::Ok();
  });
}

Status SetPlanRules(Session& session, const v1::SetPlanRulesRequest& request,
                    v1::ListPlanRulesResponse* out) {
  if (request.rules_size() > 1000) {
    return Status::InvalidArgument("rules has " + std::to_string(request.rules_size()) +
                                   " rules: at most 1000");
  }
  return session.Write([&](store::Connection& c) {
    for (int i = 0; i < request.rules_size(); ++i) {
      const v1::PlanRule& rule = request.rules(i);
      const std::string field = "rules[" + std::to_string(i) + "]";
      Cadence cadence;
      std::int32_t version = 0;
      KEFU_RETURN_IF_ERROR(
          followup::ResolvePolicy(c, rule.policy(), field + ".policy", &cadence, &version));
      KEFU_RETURN_IF_ERROR(
          archive::CheckText(rule.department(), field + ".department", 100, false));
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
    KEFU_RETURN_IF_ERROR(followup::LoadRules(c, &before));
    out->mutable_rules()->CopyFrom(request.rules());
    KEFU_RETURN_IF_ERROR(followup::StoreRules(c, *out));
    return AppendAudit(session, c, AuditRecord{"followup.rules", "config", 0, 0, &before, out});
  });
}

Status ListPlanRules(Session& session, const v1::ListPlanRulesRequest&,
                     v1::ListPlanRulesResponse* out) {
  return session.Read([&](store::Connection& c) { return followup::LoadRules(c, out); });
}

Status SetNeverCall(Session& session, const v1::SetNeverCallRequest& request,
                    v1::NeverCallList* out) {
  const v1::NeverCallList& list = request.never_call();
  for (int i = 0; i < list.departments_size(); ++i) {
    KEFU_RETURN_IF_ERROR(archive::CheckText(
        list.departments(i), "never_call.departments[" + std::to_string(i) + "]", 100, true));
  }
  for (int i = 0; i < list.diagnosis_prefixes_size(); ++i) {
    KEFU_RETURN_IF_ERROR(
        archive::CheckText(list.diagnosis_prefixes(i),
                           "never_call.diagnosis_prefixes[" + std::to_string(i) + "]", 8, true));
  }
  return session.Write([&](store::Connection& c) {
    v1::NeverCallList before;
    KEFU_RETURN_IF_ERROR(followup::LoadNeverCall(c, &before));
    *out = list;
    KEFU_RETURN_IF_ERROR(followup::StoreNeverCall(c, list));
    KEFU_RETURN_IF_ERROR(
        AppendAudit(session, c, AuditRecord{"followup.never_call", "config", 0, 0, &before, out}));
    // Plans opened before a department or diagnosis joined the list stop now.
    return followup::CloseNeverCallPlans(session, c, list);
  });
}

Status GetNeverCall(Session& session, const v1::GetNeverCallRequest&, v1::NeverCallList* out) {
  return session.Read([&](store::Connection& c) { return followup::LoadNeverCall(c, out); });
}

Status PutPolicy(Session& session, const v1::PutPolicyRequest& request, v1::StoredPolicy* out) {
  return session.Write([&](store::Connection& c) {
    KEFU_RETURN_IF_ERROR(followup::PutPolicy(c, request.policy(), out));
    return AppendAudit(session, c,
                       AuditRecord{"followup.policy", "config", out->version(), 0, nullptr, out});
  });
}

Status ListStoredPolicies(Session& session, const v1::ListStoredPoliciesRequest&,
                          v1::ListStoredPoliciesResponse* out) {
  return session.Read([&](store::Connection& c) { return followup::ListStoredPolicies(c, out); });
}

Status SetCalendarYear(Session& session, const v1::SetCalendarYearRequest& request,
                       v1::CalendarYear* out) {
  return session.Write([&](store::Connection& c) {
    v1::CalendarYear before;
    KEFU_RETURN_IF_ERROR(followup::GetCalendarYear(c, request.year().year(), &before));
    KEFU_RETURN_IF_ERROR(followup::SetCalendarYear(c, request.year(), out));
    return AppendAudit(session, c,
                       AuditRecord{"followup.calendar", "config", out->year(), 0, &before, out});
  });
}

Status GetCalendarYear(Session& session, const v1::GetCalendarYearRequest& request,
                       v1::CalendarYear* out) {
  if (request.year() < kMinYear || request.year() > kMaxYear) {
    return Status::InvalidArgument("year is " + std::to_string(request.year()) +
                                   ": must be 1900..2200");
  }
  return session.Read(
      [&](store::Connection& c) { return followup::GetCalendarYear(c, request.year(), out); });
}

Status PutStaff(Session& session, const v1::PutStaffRequest& request, v1::StaffMember* out) {
  const v1::StaffMember& member = request.staff();
  KEFU_RETURN_IF_ERROR(archive::CheckText(member.id(), "staff.id", 128, true));
  KEFU_RETURN_IF_ERROR(archive::CheckText(member.name(), "staff.name", 100, false));
  if (member.capacity_per_shift() < 0 || member.capacity_per_shift() > 1000) {
    return Status::InvalidArgument("staff.capacity_per_shift is " +
                                   std::to_string(member.capacity_per_shift()) +
                                   ": must be 0..1000");
  }
  return session.Write([&](store::Connection& c) {
    v1::FollowUpSettings settings;
    KEFU_RETURN_IF_ERROR(followup::LoadSettings(c, &settings));
    std::set<std::string> shifts;
    for (const auto& shift : followup::ShiftsOf(settings)) shifts.insert(shift.name());
    for (int i = 0; i < member.shifts_size(); ++i) {
      if (shifts.count(member.shifts(i)) == 0) {
        return Status::InvalidArgument("staff.shifts[" + std::to_string(i) + "] is " +
                                       Quote(member.shifts(i)) + ": no such shift in the settings");
      }
    }
    v1::ListStaffResponse staff;
    KEFU_RETURN_IF_ERROR(followup::LoadStaff(c, &staff));
    const v1::ListStaffResponse before = staff;
    bool replaced = false;
    for (auto& existing : *staff.mutable_staff()) {
      if (existing.id() == member.id()) {
        existing = member;
        replaced = true;
      }
    }
    if (!replaced) *staff.add_staff() = member;
    KEFU_RETURN_IF_ERROR(followup::StoreStaff(c, staff));
    KEFU_RETURN_IF_ERROR(
        AppendAudit(session, c, AuditRecord{"followup.staff", "config", 0, 0, &before, &staff}));
    *out = member;
    return Status::Ok();
  });
}

Status ListStaff(Session& session, const v1::ListStaffRequest&, v1::ListStaffResponse* out) {
  return session.Read([&](store::Connection& c) { return followup::LoadStaff(c, out); });
}

}  // namespace

void RegisterFollowUpConfigService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetSettings", &GetSettings);
  dispatcher.Add("kefu.v1.FollowUpConfigService/UpdateSettings", &UpdateSettings);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetPlanRules", &SetPlanRules);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListPlanRules", &ListPlanRules);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetNeverCall", &SetNeverCall);
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetNeverCall", &GetNeverCall);
  dispatcher.Add("kefu.v1.FollowUpConfigService/PutPolicy", &PutPolicy);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListStoredPolicies", &ListStoredPolicies);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetCalendarYear", &SetCalendarYear);
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetCalendarYear", &GetCalendarYear);
  dispatcher.Add("kefu.v1.FollowUpConfigService/PutStaff", &PutStaff);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListStaff", &ListStaff);
}

}  // namespace kefu::rpc
