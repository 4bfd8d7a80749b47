// The access log: one row per patient whose personal data a call gave out in full (who looked at
// whom, when, through which method). Append-only like the audit trail, but not hash-chained: it
// records reads, which change nothing that a chain would protect, and it is written on the read
// path, where a chain would serialise every reader behind the chain's head.
#ifndef KEFU_SRC_AUDIT_ACCESS_LOG_HPP
#define KEFU_SRC_AUDIT_ACCESS_LOG_HPP

#include <cstdint>
#include <string_view>
#include <vector>

#include "messages/v1.hpp"
#include "session/session.hpp"

namespace kefu::audit {

// Appends one row per patient id (duplicates once) for the session's actor, now.
Status AppendAccessLog(Session& session, store::Connection& c, std::string_view method,
                       const std::vector<std::int64_t>& patient_ids);

Status ListAccessLog(store::Connection& c, const v1::ListAccessLogRequest& request,
                     v1::ListAccessLogResponse* out);

}  // namespace kefu::audit

#endif  // KEFU_SRC_AUDIT_ACCESS_LOG_HPP
