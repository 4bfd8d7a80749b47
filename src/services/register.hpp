// Every kefu.v1 service registers its methods with the dispatcher here.
#ifndef KEFU_SRC_SERVICES_REGISTER_HPP
#define KEFU_SRC_SERVICES_REGISTER_HPP

namespace kefu::rpc {
class Dispatcher;
}

namespace kefu::services {

void RegisterCadenceService(rpc::Dispatcher& dispatcher);
void RegisterSystemService(rpc::Dispatcher& dispatcher);
void RegisterPatientService(rpc::Dispatcher& dispatcher);
void RegisterEncounterService(rpc::Dispatcher& dispatcher);
void RegisterTimelineService(rpc::Dispatcher& dispatcher);
void RegisterAuditService(rpc::Dispatcher& dispatcher);
void RegisterMaintenanceService(rpc::Dispatcher& dispatcher);
void RegisterFollowUpConfigService(rpc::Dispatcher& dispatcher);
void RegisterFollowUpService(rpc::Dispatcher& dispatcher);

inline void RegisterAll(rpc::Dispatcher& dispatcher) {
  RegisterCadenceService(dispatcher);
  RegisterSystemService(dispatcher);
  RegisterPatientService(dispatcher);
  RegisterEncounterService(dispatcher);
  RegisterTimelineService(dispatcher);
  RegisterAuditService(dispatcher);
  RegisterMaintenanceService(dispatcher);
  RegisterFollowUpConfigService(dispatcher);
  RegisterFollowUpService(dispatcher);
}

}  // namespace kefu::services

#endif  // KEFU_SRC_SERVICES_REGISTER_HPP
