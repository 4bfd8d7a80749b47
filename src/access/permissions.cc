#include "access/permissions.hpp"

#include <algorithm>

namespace kefu::access {
namespace {

using P = Permission;

constexpr PermissionSet Of(std::initializer_list<Permission> list) {
  PermissionSet set = 0;
  for (const Permission p : list) set |= Bit(p);
  return set;
}

// What every role may do: know the library and itself.
constexpr PermissionSet kEveryone = Of({P::kSystemRead});

}  // namespace

const std::vector<PermissionInfo>& Permissions() {
  static const std::vector<PermissionInfo> all = {
      {P::kSystemRead, "system.read", "the library's version, cadences, one's own access", false},
      {P::kPatientRead, "patient.read", "patients, stays and timelines (personal data masked)",
       false},
      {P::kPatientWrite, "patient.write", "create and change patients, contacts and notes", false},
      {P::kEncounterWrite, "encounter.write", "admissions, discharges, visits, cancellations",
       false},
      {P::kPatientMerge, "patient.merge", "merge duplicate patient records", false},
      {P::kPatientImport, "patient.import", "bulk import of patients and stays", false},
      {P::kPatientExport, "patient.export",
       "everything about one patient, unmasked, in one document (logged)", false},
      {P::kPersonalRead, "personal.read",
       "phone, ID and address in full wherever a patient is shown (each read logged)", false},
      {P::kPersonalReadAssigned, "personal.read.assigned",
       "the phone numbers of the patients on one's own worklist", false},
      {P::kFollowUpRead, "followup.read", "plans, tasks, questions for experts, the unreachable",
       false},
      {P::kWorklistRead, "worklist.read", "the day's worklist", false},
      {P::kFollowUpCall, "followup.call", "record a follow-up call and its outcome", false},
      {P::kFollowUpAnswer, "followup.answer", "answer a patient's question for an expert", false},
      {P::kFollowUpSchedule, "followup.schedule", "give the day's calls to staff and shifts",
       false},
      {P::kFollowUpConfigRead, "followup.config.read", "the follow-up settings, rules and staff",
       false},
      {P::kFollowUpConfigWrite, "followup.config.write",
       "change the follow-up settings, rules, calendar and staff", false},
      {P::kReportRead, "report.read",
       "operating figures and enquiry volumes (confidential: the general manager's)", true},
      {P::kAuditRead, "audit.read", "the audit trail and its verification", false},
      {P::kAccessLogRead, "access_log.read", "who read which patient's data in full", false},
      {P::kMaintenanceRead, "maintenance.read", "archive facts and the integrity check", false},
      {P::kMaintenanceBackup, "maintenance.backup", "back the archive up", false},
      {P::kMaintenanceClock, "maintenance.clock", "move a simulated clock", false},
      {P::kAccessRead, "access.read", "roles, actors and which method needs what", false},
      {P::kAccessAdmin, "access.admin",
       "change roles and actors, grant and revoke roles, turn enforcement on or off", false},
  };
  return all;
}

const char* NameOf(Permission p) { return Permissions()[static_cast<std::size_t>(p)].name; }

Status ParsePermission(std::string_view name, std::string_view field, Permission* out) {
  for (const PermissionInfo& info : Permissions()) {
    if (name == info.name) {
      *out = info.permission;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument(std::string(field) + " is " + Quote(name) +
                                 ": not a permission (AccessService/ListPermissions lists them)");
}

std::vector<std::string> Names(PermissionSet set) {
  std::vector<std::string> names;
  for (const PermissionInfo& info : Permissions()) {
    if (Holds(set, info.permission)) names.emplace_back(info.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<BuiltinRole>& BuiltinRoles() {
  // Personal data in full only where the work needs it; operating figures only for the
  // general manager (seeds 003, 004: reports go to the general manager, and through the
  // general manager to others).
  static const std::vector<BuiltinRole> roles = {
      {"administrator", "runs the system: actors, roles, backups; sees no patient in full",
       kEveryone | Of({P::kAccessRead, P::kAccessAdmin, P::kMaintenanceRead, P::kMaintenanceBackup,
                       P::kMaintenanceClock, P::kFollowUpConfigRead, P::kFollowUpConfigWrite,
                       P::kAuditRead})},
      {"archive_clerk", "keeps the patient archive: records, stays, merges, imports, exports",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kEncounterWrite, P::kPatientMerge,
                       P::kPatientImport, P::kPatientExport, P::kPersonalRead})},
      {"auditor", "reads the audit trail and the access log, checks the archive",
       kEveryone | Of({P::kAuditRead, P::kAccessLogRead, P::kAccessRead, P::kMaintenanceRead,
                       P::kPatientRead})},
      {"consultant", "answers enquiries: patients, contacts and notes (personal data masked)",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kFollowUpRead})},
      {"doctor", "treats patients: their records in full, questions for experts",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kEncounterWrite, P::kPersonalRead,
                       P::kFollowUpRead, P::kFollowUpAnswer})},
      {"followup_agent", "calls discharged patients: the worklist, with its patients' numbers",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kFollowUpRead, P::kWorklistRead,
                       P::kFollowUpCall, P::kPersonalReadAssigned, P::kFollowUpConfigRead})},
      {"general_manager", "the customer-service system's head: every figure, every record",
       kEveryone | Of({P::kPatientRead, P::kPersonalRead, P::kFollowUpRead, P::kWorklistRead,
                       P::kFollowUpConfigRead, P::kReportRead, P::kAuditRead, P::kAccessLogRead,
                       P::kAccessRead, P::kMaintenanceRead})},
      {"guide", "receives patients at the front desk (导医): records and visits, masked",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kEncounterWrite})},
      {"his_interface", "the hospital information system's feed: patients and stays",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kEncounterWrite, P::kPatientImport,
                       P::kPatientMerge, P::kPersonalRead})},
      {"nurse", "cares for patients on the ward: stays, visits, notes",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kEncounterWrite, P::kFollowUpRead})},
      {"supervisor", "oversees the follow-up team: its lists, schedule and rules",
       kEveryone | Of({P::kPatientRead, P::kFollowUpRead, P::kWorklistRead, P::kFollowUpSchedule,
                       P::kFollowUpConfigRead, P::kFollowUpConfigWrite, P::kAccessRead})},
      {"team_lead", "leads a follow-up group: schedules and calls",
       kEveryone | Of({P::kPatientRead, P::kPatientWrite, P::kFollowUpRead, P::kWorklistRead,
                       P::kFollowUpCall, P::kFollowUpSchedule, P::kPersonalReadAssigned,
                       P::kFollowUpConfigRead})},
  };
  return roles;
}

const BuiltinRole* FindBuiltinRole(std::string_view name) {
  for (const BuiltinRole& role : BuiltinRoles()) {
    if (name == role.name) return &role;
  }
  return nullptr;
}

}  // namespace kefu::access
