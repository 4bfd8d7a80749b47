// The audit trail: append-only entries, each hash-chained to the one before it with SHA-256, so
// that Verify finds any entry altered, removed or inserted behind kefu's back.
//
// hash(n) = SHA-256(hash(n-1) || the entry's fields, each length-prefixed); hash(0) = 32 zero
// bytes. Entries are written in format 2 (schema 4 on): the records before and after kept as
// their binary kefu.v1 message, hashed as bytes, rendered as JSON (with the changed fields) when
// listed. Format 1 entries (JSON stored, kefu 0.1-0.2) keep verifying with the recipe they were
// written with. Appends happen inside the caller's write transaction, which serializes them.
#ifndef KEFU_SRC_AUDIT_AUDIT_HPP
#define KEFU_SRC_AUDIT_AUDIT_HPP

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "session/session.hpp"
#include "messages/v1.hpp"

namespace kefu::audit {

struct AuditRecord {
  std::string action;       // "patient.create"
  std::string record_type;  // "patient"
  std::int64_t record_id = 0;
  std::int64_t patient_id = 0;
  const google::protobuf::Message* before = nullptr;  // null for a creation
  const google::protobuf::Message* after = nullptr;   // null for a removal
};

// Appends one entry for the session's actor, now.
Status AppendAudit(Session& session, store::Connection& c, const AuditRecord& record);

// Checks the whole chain.
Status VerifyAudit(store::Connection& c, v1::VerifyAuditResponse* out);

Status ListAudit(store::Connection& c, const v1::ListAuditRequest& request,
                 v1::ListAuditResponse* out);

// A table of records (id, record) whose every change writes an audit entry of `type`, from the
// start or, where `complete_from_key` names a meta key, from the seq it holds (the schema version
// that began auditing every change; records last audited before it are not compared). Each module
// lists its own (archive/schema.hpp, followup/schema.hpp).
struct AuditedTable {
  const char* table;
  const char* type;
  const char* complete_from_key = nullptr;
};

// Whether every stored record of `tables` is the record its latest audit entry shows (the chain
// proves the entries; this proves the rows): one line per record edited, added or removed behind
// kefu's back. Records whose latest entry is of format 1 (kefu 0.1-0.2, JSON) are not compared.
Status CheckRecordsAgainstAudit(store::Connection& c, const std::vector<AuditedTable>& tables,
                                std::vector<std::string>* problems);

}  // namespace kefu::audit

#endif  // KEFU_SRC_AUDIT_AUDIT_HPP
