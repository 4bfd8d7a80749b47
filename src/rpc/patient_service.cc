// kefu.v1.PatientService: create, read, update, search and merge patients; bulk import.
#include <google/protobuf/descriptor.h>

#include "archive/import.hpp"
#include "archive/lists.hpp"
#include "archive/checks.hpp"
#include "archive/patients.hpp"
#include "followup/planner.hpp"
#include "base/paging.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status CreatePatient(Session& session, const v1::CreatePatientRequest& request,
                     v1::Patient* response) {
  KEFU_RETURN_IF_ERROR(archive::Require(request.has_patient(), "patient"));
  v1::Patient patient = request.patient();
  KEFU_RETURN_IF_ERROR(archive::CheckNewPatient(patient, "patient."));
  KEFU_RETURN_IF_ERROR(archive::NormalizePatient(&patient, session.db().Today(), "patient."));
  return session.Write(
      [&](Txn& t) { return archive::CreatePatient(session, t, patient, response); });
}

Status GetPatient(Session& session, const v1::GetPatientRequest& request, v1::Patient* response) {
  return session.Read([&](Txn& t) {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(archive::ResolvePatient(t, request.id(), request.mrn(), "key", &id));
    return archive::LoadPatient(t, id, response);
  });
}

const std::set<std::string>& ReadOnlyPatientFields() {
  static const std::set<std::string> fields = {"id", "merged_into_id", "created_at_ms",
                                               "updated_at_ms"};
  return fields;
}

Status UpdatePatient(Session& session, const v1::UpdatePatientRequest& request,
                     v1::Patient* response) {
  if (request.update_mask().empty()) {
    return Status::InvalidArgument("update_mask is empty: name the fields to replace");
  }
  const auto* descriptor = v1::Patient::descriptor();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  for (int i = 0; i < request.update_mask_size(); ++i) {
    const std::string& name = request.update_mask(i);
    const auto* field = descriptor->FindFieldByName(name);
    const std::string where = "update_mask[" + std::to_string(i) + "]";
    if (field == nullptr) {
      return Status::InvalidArgument(where + " is " + Quote(name) +
                                     ": kefu.v1.Patient has no such field");
    }
    if (ReadOnlyPatientFields().count(name) != 0) {
      return Status::InvalidArgument(where + " is " + Quote(name) + ": a read-only field");
    }
    fields.push_back(field);
  }
  archive::PatientUpdate update;
  update.id = request.id();
  update.mrn = request.mrn();
  update.incoming = &request.patient();
  update.fields = std::move(fields);
  return session.Write([&](Txn& t) {
    return archive::UpdatePatient(session, t, update, followup::Followers(), response);
  });
}

Status ListPatients(Session& session, const v1::ListPatientsRequest& request,
                    v1::ListPatientsResponse* response) {
  int page_size = 0;
  std::int64_t after = 0;
  KEFU_RETURN_IF_ERROR(
      ParsePaging(request.page_size(), 50, request.page_token(), &page_size, &after));
  std::string phone;
  if (!request.phone().empty()) {
    KEFU_RETURN_IF_ERROR(archive::NormalizePhone(request.phone(), "phone", &phone));
  }
  if (request.status() < 0 || request.status() > v1::PatientStatus_MAX) {
    return Status::InvalidArgument("status is " + std::to_string(request.status()) +
                                   ": unknown value");
  }
  for (const char ch : request.region_prefix()) {
    if (ch < '0' || ch > '9') {
      return Status::InvalidArgument("region_prefix is " + Quote(request.region_prefix()) +
                                     ": digits only");
    }
  }
  return session.Read(
      [&](Txn& t) { return archive::FindPatients(t, request, phone, after, page_size, response); });
}

Status MergePatients(Session& session, const v1::MergePatientsRequest& request,
                     v1::MergePatientsResponse* response) {
  if (request.survivor_mrn().empty()) return Status::InvalidArgument("survivor_mrn is empty");
  if (request.merged_mrn().empty()) return Status::InvalidArgument("merged_mrn is empty");
  if (request.survivor_mrn() == request.merged_mrn()) {
    return Status::InvalidArgument("merged_mrn is " + Quote(request.merged_mrn()) +
                                   ": the same record as survivor_mrn");
  }
  return session.Write([&](Txn& t) {
    return archive::Merge(session, t, request.survivor_mrn(), request.merged_mrn(), response,
                          followup::Followers());
  });
}

Status Import(Session& session, const v1::ImportRequest& request, v1::ImportResponse* response) {
  return archive::Import(session, request, response, followup::Followers());
}

}  // namespace

void RegisterPatientService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.PatientService/CreatePatient", access::Permission::kPatientWrite,
                 &CreatePatient);
  dispatcher.Add("kefu.v1.PatientService/GetPatient", access::Permission::kPatientRead,
                 &GetPatient);
  dispatcher.Add("kefu.v1.PatientService/UpdatePatient", access::Permission::kPatientWrite,
                 &UpdatePatient);
  dispatcher.Add("kefu.v1.PatientService/ListPatients", access::Permission::kPatientRead,
                 &ListPatients);
  dispatcher.Add("kefu.v1.PatientService/MergePatients", access::Permission::kPatientMerge,
                 &MergePatients);
  dispatcher.Add("kefu.v1.PatientService/Import", access::Permission::kPatientImport, &Import);
}

}  // namespace kefu::rpc
