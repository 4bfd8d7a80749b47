// kefu.v1.AuditService: read the audit trail and prove it intact.
#include "audit/access_log.hpp"
#include "audit/audit.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/register.hpp"

namespace kefu::rpc {
namespace {

Status CheckTimeRange(std::int64_t from_ms, std::int64_t to_ms) {
  if (from_ms < 0 || to_ms < 0) {
    return Status::InvalidArgument("from_ms and to_ms are Unix milliseconds: not negative");
  }
  if (to_ms != 0 && to_ms <= from_ms) {
    return Status::InvalidArgument("to_ms is " + std::to_string(to_ms) + ": not after from_ms " +
                                   std::to_string(from_ms));
  }
  return Status::Ok();
}

Status ListAudit(Session& session, const v1::ListAuditRequest& request,
                 v1::ListAuditResponse* response) {
  KEFU_RETURN_IF_ERROR(CheckTimeRange(request.from_ms(), request.to_ms()));
  return session.Read([&](Txn& t) { return audit::ListAudit(t, request, response); });
}

Status ListAccessLog(Session& session, const v1::ListAccessLogRequest& request,
                     v1::ListAccessLogResponse* response) {
  KEFU_RETURN_IF_ERROR(CheckTimeRange(request.from_ms(), request.to_ms()));
  if (!request.actor().empty()) KEFU_RETURN_IF_ERROR(CheckActorName(request.actor(), "actor"));
  return session.Read([&](Txn& t) { return audit::ListAccessLog(t, request, response); });
}

Status VerifyAudit(Session& session, const v1::VerifyAuditRequest&,
                   v1::VerifyAuditResponse* response) {
  return session.Read([&](Txn& t) { return audit::VerifyAudit(t, response); });
}

}  // namespace

void RegisterAuditService(rpc::Dispatcher& dispatcher) {
  dispatcher.Add("kefu.v1.AuditService/ListAudit", access::Permission::kAuditRead, &ListAudit);
  dispatcher.Add("kefu.v1.AuditService/VerifyAudit", access::Permission::kAuditRead, &VerifyAudit);
  dispatcher.Add("kefu.v1.AuditService/ListAccessLog", access::Permission::kAccessLogRead,
                 &ListAccessLog);
}

}  // namespace kefu::rpc
