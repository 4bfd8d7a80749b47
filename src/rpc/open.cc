#include "rpc/open.hpp"

#include "access/directory.hpp"
#include "access/schema.hpp"
#include "archive/schema.hpp"
#include "audit/schema.hpp"
#include "followup/due_index.hpp"
#include "followup/planner.hpp"
#include "followup/schema.hpp"

namespace kefu::rpc {

const store::Schema& ArchiveSchema() {
  static const store::Schema schema = [] {
    store::Schema all;
    for (const store::Schema* module :
         {&audit::Schema(), &archive::Schema(), &followup::Schema(), &access::Schema()}) {
      all.insert(all.end(), module->begin(), module->end());
    }
    return all;
  }();
  return schema;
}

const std::vector<audit::AuditedTable>& AuditedTables() {
  static const std::vector<audit::AuditedTable> tables = [] {
    std::vector<audit::AuditedTable> all = archive::AuditedTables();
    all.insert(all.end(), followup::AuditedTables().begin(), followup::AuditedTables().end());
    all.insert(all.end(), access::AuditedTables().begin(), access::AuditedTables().end());
    return all;
  }();
  return tables;
}

Status OpenArchive(std::string_view path, std::unique_ptr<Db>* out) {
  return OpenArchive(path, OpenOptions{}, out);
}

Status OpenArchive(std::string_view path, const OpenOptions& options, std::unique_ptr<Db>* out) {
  KEFU_RETURN_IF_ERROR(Db::Open(path, options, ArchiveSchema(), out));
  // The due index lives in memory: rebuild it from the store now.
  std::unique_ptr<Session> session;
  KEFU_RETURN_IF_ERROR(Session::Open(**out, "kefu", &session));
  if (!options.admin.empty()) {
    // The first administrator, named by the one who creates the archive (kefu init --admin).
    KEFU_RETURN_IF_ERROR(CheckActorName(options.admin, "admin"));
    KEFU_RETURN_IF_ERROR(
        session->Write([&](Txn& t) { return access::FoundArchive(*session, t, options.admin); }));
  }
  return session->Read([&](Txn& t) { return followup::DueIndex::Of(**out).Load(t); });
}

}  // namespace kefu::rpc
