// kefu.v1.AccessService: roles, actors and their grants, the enforcement switch, one's own
// access, and a patient's data exported whole.
#include "access/directory.hpp"
#include "access/gate.hpp"
#include "archive/checks.hpp"
#include "archive/lists.hpp"
#include "archive/patient_store.hpp"
#include "audit/access_log.hpp"
#include "audit/audit.hpp"
#include "base/paging.hpp"
#include "followup/escalations.hpp"
#include "followup/plan_store.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status ListPermissions(Session&, const v1::ListPermissionsRequest&,
                       v1::ListPermissionsResponse* response) {
  for (const access::PermissionInfo& info : access::Permissions()) {
    v1::Permission* p = response->add_permissions();
    p->set_name(info.name);
    p->set_description(info.description);
    p->set_confidential(info.confidential);
  }
  std::sort(response->mutable_permissions()->begin(), response->mutable_permissions()->end(),
            [](const v1::Permission& a, const v1::Permission& b) { return a.name() < b.name(); });
  const Dispatcher& dispatcher = Dispatcher::Get();
  for (const std::string& method : dispatcher.Methods()) {
    access::Permission permission{};
    (void)dispatcher.PermissionOf(method, &permission);
    v1::MethodPermission* m = response->add_methods();
    m->set_method(method);
    m->set_permission(access::NameOf(permission));
  }
  return Status::Ok();
}

Status ListRoles(Session& session, const v1::ListRolesRequest&, v1::ListRolesResponse* response) {
  return session.Read([&](Txn& t) { return access::ListRoles(t, response); });
}

Status PutRole(Session& session, const v1::PutRoleRequest& request, v1::Role* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_role(), "role"));
  return session.Write(
      [&](Txn& t) { return access::PutRole(session, t, request.role(), response); });
}

Status RemoveRole(Session& session, const v1::RemoveRoleRequest& request, v1::RemoveRoleResponse*) {
  return session.Write([&](Txn& t) { return access::RemoveRole(session, t, request.name()); });
}

Status PutActor(Session& session, const v1::PutActorRequest& request, v1::Actor* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_actor(), "actor"));
  return session.Write(
      [&](Txn& t) { return access::PutActor(session, t, request.actor(), response); });
}

Status GetActor(Session& session, const v1::GetActorRequest& request, v1::Actor* response) {
  KEFU_RETURN_IF_ERROR(CheckActorName(request.name(), "name"));
  return session.Read(
      [&](Txn& t) { return access::GetActor(t, request.name(), "name", response); });
}

Status ListActors(Session& session, const v1::ListActorsRequest& request,
                  v1::ListActorsResponse* response) {
  return session.Read([&](Txn& t) { return access::ListActors(t, request, response); });
}

Status GrantRole(Session& session, const v1::GrantRoleRequest& request, v1::Actor* response) {
  return session.Write([&](Txn& t) {
    return access::GrantRole(session, t, request.actor(), request.role(), response);
  });
}

Status RevokeRole(Session& session, const v1::RevokeRoleRequest& request, v1::Actor* response) {
  return session.Write([&](Txn& t) {
    return access::RevokeRole(session, t, request.actor(), request.role(), response);
  });
}

Status MergeActors(Session& session, const v1::MergeActorsRequest& request, v1::Actor* response) {
  return session.Write([&](Txn& t) {
    return access::MergeActors(session, t, request.merged(), request.survivor(), response);
  });
}

Status GetAccess(Session& session, const v1::GetAccessRequest&, v1::Access* response) {
  std::shared_ptr<const access::Grants> grants;
  KEFU_RETURN_IF_ERROR(access::Resolve(session, &grants));
  access::Describe(session, *grants, response);
  return Status::Ok();
}

Status SetEnforcement(Session& session, const v1::SetEnforcementRequest& request,
                      v1::Access* response) {
  KEFU_RETURN_IF_ERROR(session.Write([&](Txn& t) {
    return access::SetEnforcement(session, t, request.enforced(), session.actor());
  }));
  return GetAccess(session, {}, response);
}

// Every audit entry and access-log row about one patient, page after page.
Status CollectTrails(Txn& c, std::int64_t patient_id, v1::PatientDataExport* out) {
  v1::ListAuditRequest audit_request;
  audit_request.set_patient_id(patient_id);
  audit_request.set_page_size(kMaxPageSize);
  do {
    v1::ListAuditResponse page;
    KEFU_RETURN_IF_ERROR(audit::ListAudit(c, audit_request, &page));
    for (v1::AuditEntry& e : *page.mutable_entries()) *out->add_audit() = std::move(e);
    audit_request.set_page_token(page.next_page_token());
  } while (!audit_request.page_token().empty());
  v1::ListAccessLogRequest log_request;
  log_request.set_patient_id(patient_id);
  log_request.set_page_size(kMaxPageSize);
  do {
    v1::ListAccessLogResponse page;
    KEFU_RETURN_IF_ERROR(audit::ListAccessLog(c, log_request, &page));
    for (v1::AccessLogEntry& e : *page.mutable_entries()) *out->add_access_log() = std::move(e);
    log_request.set_page_token(page.next_page_token());
  } while (!log_request.page_token().empty());
  return Status::Ok();
}

template <class Record>
void MoveAll(std::vector<Record>* from, google::protobuf::RepeatedPtrField<Record>* to) {
  for (Record& r : *from) *to->Add() = std::move(r);
}

Status Export(Session& session, Txn& c, std::int64_t id, v1::PatientDataExport* out) {
  KEFU_RETURN_IF_ERROR(archive::LoadPatient(c, id, out->mutable_patient()));
  std::vector<v1::Patient> merged;
  KEFU_RETURN_IF_ERROR(archive::MergedInto(c, id, &merged));
  MoveAll(&merged, out->mutable_merged_records());
  std::vector<v1::Encounter> encounters;
  KEFU_RETURN_IF_ERROR(archive::EncountersOf(c, id, &encounters));
  MoveAll(&encounters, out->mutable_encounters());
  std::vector<v1::TimelineEntry> timeline;
  KEFU_RETURN_IF_ERROR(archive::Timeline(c, id, session.db().utc_offset_minutes(), &timeline));
  MoveAll(&timeline, out->mutable_timeline());
  std::vector<v1::Plan> plans;
  KEFU_RETURN_IF_ERROR(followup::PlansOf(c, id, 0, &plans));
  MoveAll(&plans, out->mutable_plans());
  std::vector<v1::Task> tasks;
  KEFU_RETURN_IF_ERROR(followup::TasksOfPatient(c, id, &tasks));
  MoveAll(&tasks, out->mutable_tasks());
  std::vector<v1::Escalation> escalations;
  KEFU_RETURN_IF_ERROR(
      followup::ListEscalations(c, id, /*answered=*/true, session.db().NowMs(), &escalations));
  MoveAll(&escalations, out->mutable_escalations());
  std::vector<v1::Appointment> appointments;
  KEFU_RETURN_IF_ERROR(followup::AppointmentsOf(c, id, &appointments));
  MoveAll(&appointments, out->mutable_appointments());
  KEFU_RETURN_IF_ERROR(CollectTrails(c, id, out));
  out->set_exported_at_ms(session.db().NowMs());
  out->set_exported_by(session.actor());
  return Status::Ok();
}

Status ExportPatientData(Session& session, const v1::ExportPatientDataRequest& request,
                         v1::PatientDataExport* response) {
  return session.Read([&](Txn& t) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(archive::ResolvePatient(t, request.id(), request.mrn(), "key", &id));
    return Export(session, t, id, response);
  });
}

}  // namespace

void RegisterAccessService(Dispatcher& dispatcher) {
  using access::Permission;
  const std::string service = "kefu.v1.AccessService/";
  dispatcher.Add(service + "ListPermissions", Permission::kAccessRead, &ListPermissions);
  dispatcher.Add(service + "ListRoles", Permission::kAccessRead, &ListRoles);
  dispatcher.Add(service + "PutRole", Permission::kAccessAdmin, &PutRole);
  dispatcher.Add(service + "RemoveRole", Permission::kAccessAdmin, &RemoveRole);
  dispatcher.Add(service + "PutActor", Permission::kAccessAdmin, &PutActor);
  dispatcher.Add(service + "GetActor", Permission::kAccessRead, &GetActor);
  dispatcher.Add(service + "ListActors", Permission::kAccessRead, &ListActors);
  dispatcher.Add(service + "GrantRole", Permission::kAccessAdmin, &GrantRole);
  dispatcher.Add(service + "RevokeRole", Permission::kAccessAdmin, &RevokeRole);
  dispatcher.Add(service + "MergeActors", Permission::kAccessAdmin, &MergeActors);
  dispatcher.Add(service + "SetEnforcement", Permission::kAccessAdmin, &SetEnforcement);
  dispatcher.Add(service + "GetAccess", Permission::kSystemRead, &GetAccess);
  dispatcher.Add(service + "ExportPatientData", Permission::kPatientExport, &ExportPatientData);
}

}  // namespace kefu::rpc
