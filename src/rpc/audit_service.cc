// kefu.v1.AuditService: read the audit trail and prove it intact.
#include "audit/audit.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status ListAudit(Session& session, const v1::ListAuditRequest& request,
                 v1::ListAuditResponse* response) {
  if (request.from_ms() < 0 || request.to_ms() < 0) {
    return Status::InvalidArgument("from_ms and to_ms are Unix milliseconds: not negative");
  }
  if (request.to_ms() != 0 && request.to_ms() <= request.from_ms()) {
    return Status::InvalidArgument("to_ms is " + std::to_string(request.to_ms()) +
                                   ": not after from_ms " + std::to_string(request.from_ms()));
  }
  return session.Read([&](Txn& t) { return audit::ListAudit(t, request, response); });
}

Status VerifyAudit(Session& session, const v1::VerifyAuditRequest&,
                   v1::VerifyAuditResponse* response) {
  return session.Read([&](Txn& t) { return audit::VerifyAudit(t, response); });
}

}  // namespace

void RegisterAuditService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.AuditService/ListAudit", &ListAudit);
  dispatcher.Add("kefu.v1.AuditService/VerifyAudit", &VerifyAudit);
}

}  // namespace kefu::rpc
