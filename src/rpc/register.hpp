// Every kefu.v1 service registers its methods with the dispatcher here.
#ifndef KEFU_SRC_RPC_REGISTER_HPP
#define KEFU_SRC_RPC_REGISTER_HPP

namespace kefu::rpc {

class Dispatcher;

void RegisterCadenceService(Dispatcher& dispatcher);
void RegisterSystemService(Dispatcher& dispatcher);
void RegisterPatientService(Dispatcher& dispatcher);
void RegisterEncounterService(Dispatcher& dispatcher);
void RegisterTimelineService(Dispatcher& dispatcher);
void RegisterAuditService(Dispatcher& dispatcher);
void RegisterMaintenanceService(Dispatcher& dispatcher);
void RegisterFollowUpConfigService(Dispatcher& dispatcher);
void RegisterFollowUpService(Dispatcher& dispatcher);
void RegisterAccessService(Dispatcher& dispatcher);

inline void RegisterAll(Dispatcher& dispatcher) {
  RegisterCadenceService(dispatcher);
  RegisterSystemService(dispatcher);
  RegisterPatientService(dispatcher);
  RegisterEncounterService(dispatcher);
  RegisterTimelineService(dispatcher);
  RegisterAuditService(dispatcher);
  RegisterMaintenanceService(dispatcher);
  RegisterFollowUpConfigService(dispatcher);
  RegisterFollowUpService(dispatcher);
  RegisterAccessService(dispatcher);
}

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_REGISTER_HPP
