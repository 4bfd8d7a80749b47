// kefu.v1.SystemService: what this library is, for diagnostics and compatibility checks.
#include "kefu/kefu.h"
#include "messages/v1.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status GetVersion(Session&, const v1::GetVersionRequest&, v1::GetVersionResponse* response) {
  response->set_version(KEFU_VERSION_STRING);
  response->set_abi_version(KEFU_ABI_VERSION);
  response->set_major(KEFU_VERSION_MAJOR);
  response->set_minor(KEFU_VERSION_MINOR);
  response->set_patch(KEFU_VERSION_PATCH);
  for (const std::string& method : rpc::Dispatcher::Get().Methods()) {
    response->add_methods(method);
  }
  return Status::Ok();
}

Status GetClock(Session& session, const v1::GetClockRequest&, v1::GetClockResponse* response) {
  response->set_now_ms(session.db().NowMs());
  response->set_utc_offset_minutes(session.db().utc_offset_minutes());
  response->set_simulated_clock(session.db().simulated_clock());
  return Status::Ok();
}

}  // namespace

void RegisterSystemService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.SystemService/GetVersion", access::Permission::kSystemRead, &GetVersion);
  dispatcher.Add("kefu.v1.SystemService/GetClock", access::Permission::kSystemRead, &GetClock);
}

}  // namespace kefu::rpc
