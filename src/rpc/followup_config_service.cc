// kefu.v1.FollowUpConfigService: the hospital's follow-up rules as data — settings, plan rules,
// the never-call list, policies of its own. Every change is audited.

#include "archive/normalize.hpp"
#include "followup/calendar.hpp"
#include "followup/config.hpp"
#include "followup/config_changes.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status GetSettings(Session& session, const v1::GetSettingsRequest&, v1::FollowUpSettings* out) {
  return session.Read([&](Txn& t) { return followup::LoadSettings(t, out); });
}

Status UpdateSettings(Session& session, const v1::UpdateSettingsRequest& request,
                      v1::FollowUpSettings* out) {
  v1::FollowUpSettings settings = request.settings();
  KEFU_RETURN_IF_ERROR(followup::CheckSettings(settings));
  return session.Write([&](Txn& t) { return followup::ChangeSettings(session, t, settings, out); });
}

Status SetPlanRules(Session& session, const v1::SetPlanRulesRequest& request,
                    v1::ListPlanRulesResponse* out) {
  if (request.rules_size() > 1000) {
    return Status::InvalidArgument("rules has " + std::to_string(request.rules_size()) +
                                   " rules: at most 1000");
  }
  return session.Write(
      [&](Txn& t) { return followup::ReplacePlanRules(session, t, request, out); });
}

Status ListPlanRules(Session& session, const v1::ListPlanRulesRequest&,
                     v1::ListPlanRulesResponse* out) {
  return session.Read([&](Txn& t) { return followup::LoadRules(t, out); });
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
  return session.Write([&](Txn& t) { return followup::ReplaceNeverCall(session, t, list, out); });
}

Status GetNeverCall(Session& session, const v1::GetNeverCallRequest&, v1::NeverCallList* out) {
  return session.Read([&](Txn& t) { return followup::LoadNeverCall(t, out); });
}

Status PutPolicy(Session& session, const v1::PutPolicyRequest& request, v1::StoredPolicy* out) {
  return session.Write([&](Txn& t) { return followup::AddPolicy(session, t, request, out); });
}

Status ListStoredPolicies(Session& session, const v1::ListStoredPoliciesRequest&,
                          v1::ListStoredPoliciesResponse* out) {
  return session.Read([&](Txn& t) { return followup::ListStoredPolicies(t, out); });
}

Status SetCalendarYear(Session& session, const v1::SetCalendarYearRequest& request,
                       v1::CalendarYear* out) {
  return session.Write(
      [&](Txn& t) { return followup::ChangeCalendarYear(session, t, request, out); });
}

Status GetCalendarYear(Session& session, const v1::GetCalendarYearRequest& request,
                       v1::CalendarYear* out) {
  if (request.year() < kMinYear || request.year() > kMaxYear) {
    return Status::InvalidArgument("year is " + std::to_string(request.year()) +
                                   ": must be 1900..2200");
  }
  return session.Read([&](Txn& t) { return followup::GetCalendarYear(t, request.year(), out); });
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
  return session.Write([&](Txn& t) { return followup::PutStaffMember(session, t, member, out); });
}

Status ListStaff(Session& session, const v1::ListStaffRequest&, v1::ListStaffResponse* out) {
  return session.Read([&](Txn& t) { return followup::LoadStaff(t, out); });
}

}  // namespace

void RegisterFollowUpConfigService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetSettings",
                 access::Permission::kFollowUpConfigRead, &GetSettings);
  dispatcher.Add("kefu.v1.FollowUpConfigService/UpdateSettings",
                 access::Permission::kFollowUpConfigWrite, &UpdateSettings);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetPlanRules",
                 access::Permission::kFollowUpConfigWrite, &SetPlanRules);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListPlanRules",
                 access::Permission::kFollowUpConfigRead, &ListPlanRules);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetNeverCall",
                 access::Permission::kFollowUpConfigWrite, &SetNeverCall);
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetNeverCall",
                 access::Permission::kFollowUpConfigRead, &GetNeverCall);
  dispatcher.Add("kefu.v1.FollowUpConfigService/PutPolicy",
                 access::Permission::kFollowUpConfigWrite, &PutPolicy);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListStoredPolicies",
                 access::Permission::kFollowUpConfigRead, &ListStoredPolicies);
  dispatcher.Add("kefu.v1.FollowUpConfigService/SetCalendarYear",
                 access::Permission::kFollowUpConfigWrite, &SetCalendarYear);
  dispatcher.Add("kefu.v1.FollowUpConfigService/GetCalendarYear",
                 access::Permission::kFollowUpConfigRead, &GetCalendarYear);
  dispatcher.Add("kefu.v1.FollowUpConfigService/PutStaff", access::Permission::kFollowUpConfigWrite,
                 &PutStaff);
  dispatcher.Add("kefu.v1.FollowUpConfigService/ListStaff", access::Permission::kFollowUpConfigRead,
                 &ListStaff);
}

}  // namespace kefu::rpc
