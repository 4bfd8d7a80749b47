// Opening an archive with every module's tables and every module attached to its events: what
// kefu_open does.
#ifndef KEFU_SRC_RPC_OPEN_HPP
#define KEFU_SRC_RPC_OPEN_HPP

#include <memory>
#include <string_view>

#include <vector>

#include "audit/audit.hpp"
#include "session/session.hpp"

namespace kefu::rpc {

// Every module's tables, in the order they are made within a schema version: the audit trail's,
// the archive's, follow-up's. A new module adds its own here.
const store::Schema& ArchiveSchema();
// Every module's audited tables.
const std::vector<audit::AuditedTable>& AuditedTables();

Status OpenArchive(std::string_view path, std::unique_ptr<Db>* out);
Status OpenArchive(std::string_view path, const OpenOptions& options, std::unique_ptr<Db>* out);

}  // namespace kefu::rpc

#endif  // KEFU_SRC_RPC_OPEN_HPP
