// The permissions kefu knows and the built-in roles a hospital starts from. A permission is a
// name ("patient.read") that each method requires one of (the dispatcher's table); a role is a
// set of them. Both catalogues are code, so that a new kefu brings its new permissions to the
// built-in roles of every archive; a hospital's own roles are data (access/roles.hpp).
#ifndef KEFU_SRC_ACCESS_PERMISSIONS_HPP
#define KEFU_SRC_ACCESS_PERMISSIONS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/status.hpp"

namespace kefu::access {

// One bit per permission: an actor's permissions are the union of its roles'.
enum class Permission : std::uint8_t {
  kSystemRead,      // the library's version, cadences, one's own access
  kPatientRead,     // patients, stays and timelines (personal data masked)
  kPatientWrite,    // create and change patients, contacts and notes
  kEncounterWrite,  // admissions, discharges, visits
  kPatientMerge,
  kPatientImport,
  kPatientExport,         // everything about one patient, unmasked, in one document
  kPersonalRead,          // phone, ID and address numbers in full (each such read is logged)
  kPersonalReadAssigned,  // the phone numbers of the patients one is given to call
  kFollowUpRead,          // plans, tasks, questions, the unreachable
  kWorklistRead,
  kFollowUpCall,    // record a call's outcome
  kFollowUpAnswer,  // answer a patient's question for an expert
  kFollowUpSchedule,
  kFollowUpConfigRead,
  kFollowUpConfigWrite,
  kReportRead,  // confidential: operating figures and enquiry volumes
  kAuditRead,
  kAccessLogRead,
  kMaintenanceRead,  // archive facts and the integrity check
  kMaintenanceBackup,
  kMaintenanceClock,  // move a simulated clock
  kAccessRead,        // roles, actors, which method needs what
  kAccessAdmin,       // change roles and actors, turn enforcement on or off
  kCount,
};

using PermissionSet = std::uint64_t;
static_assert(static_cast<int>(Permission::kCount) <= 64);

constexpr PermissionSet Bit(Permission p) { return PermissionSet{1} << static_cast<int>(p); }
constexpr bool Holds(PermissionSet set, Permission p) { return (set & Bit(p)) != 0; }

struct PermissionInfo {
  Permission permission;
  const char* name;
  const char* description;
  bool confidential;
};

// Every permission, in the order of the enum.
const std::vector<PermissionInfo>& Permissions();
const char* NameOf(Permission p);
// InvalidArgument naming `field` and the value unless `name` is a permission.
Status ParsePermission(std::string_view name, std::string_view field, Permission* out);
// The names of the permissions in `set`, sorted.
std::vector<std::string> Names(PermissionSet set);

struct BuiltinRole {
  const char* name;
  const char* description;
  PermissionSet permissions;
};

// The built-in roles, by name.
const std::vector<BuiltinRole>& BuiltinRoles();
const BuiltinRole* FindBuiltinRole(std::string_view name);
inline constexpr std::string_view kAdministrator = "administrator";

}  // namespace kefu::access

#endif  // KEFU_SRC_ACCESS_PERMISSIONS_HPP
