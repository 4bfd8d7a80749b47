#include "audit/schema.hpp"

namespace kefu::audit {
namespace {

// Version 1: one row per change, each hashed with the one before it.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  patient_id INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_patient ON audit (patient_id, seq);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE INDEX audit_time ON audit (at_ms);
-- Append-only, as far as kefu's own SQL goes (an edit behind kefu's back is what Verify finds).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Version 4: audit entries keep the records before and after as their binary kefu.v1 message
// (`message` names its type) instead of JSON, which is rendered when they are listed (format 2;
// the entries written before stay in format 1 and verify as they did).
constexpr const char* kVersion4 = R"sql(
ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN before_record BLOB;
ALTER TABLE audit ADD COLUMN after_record BLOB;
)sql";

// Version 5: an audit entry written under a simulated clock (format 3) keeps the wall-clock time
// beside the simulated one; NULL for every entry written on the wall clock.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE audit ADD COLUMN wall_ms INTEGER;
)sql";

// Version 7: the access log, one row per patient whose personal data a call gave out in full.
constexpr const char* kVersion7 = R"sql(
CREATE TABLE access_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  method TEXT NOT NULL,
  patient_id INTEGER NOT NULL
);
CREATE INDEX access_log_patient ON access_log (patient_id, seq);
CREATE INDEX access_log_actor ON access_log (actor, seq);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
)sql";

}  // namespace

const store::Schema& Schema() {
  static const store::Schema schema = {
      {1, kVersion1}, {4, kVersion4}, {5, kVersion5}, {7, kVersion7}};
  return schema;
}

}  // namespace kefu::audit
