#include "store/schema.hpp"

#include <map>
#include <memory>
#include <string>

namespace kefu::store {
namespace {

// The store's own table, made at version 1: settings by key (each module keeps its own keys).
constexpr SchemaStep kMeta = {1, R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('utc_offset_minutes', '480');
)sql"};

Status Apply(Connection& c, const Schema& schema, int version) {
  if (version == kMeta.version) KEFU_RETURN_IF_ERROR(c.Exec(kMeta.sql));
  for (const SchemaStep& step : schema) {
    if (step.version > kSchemaVersion) {
      return Status::Internal("a schema step for version " + std::to_string(step.version) +
                              ", beyond kSchemaVersion " + std::to_string(kSchemaVersion));
    }
    if (step.version != version) continue;
    KEFU_RETURN_IF_ERROR(c.Exec(step.sql));
    if (step.fill != nullptr) KEFU_RETURN_IF_ERROR(step.fill(c));
  }
  return Status::Ok();
}

}  // namespace

Status Migrate(Connection& c, const Schema& schema, int target) {
  for (;;) {
    std::unique_ptr<Transaction> txn;
    KEFU_RETURN_IF_ERROR(Transaction::Begin(c, &txn));
    std::int64_t version = 0;
    KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &version));
    if (version > kSchemaVersion) {
      return Status(Code::kFailedPrecondition,
                    "the archive has schema version " + std::to_string(version) +
                        ", newer than this library knows (" + std::to_string(kSchemaVersion) +
                        "): open it with a newer kefu");
    }
    if (version >= target) return txn->Commit();
    const int next = static_cast<int>(version) + 1;
    KEFU_RETURN_IF_ERROR(Apply(c, schema, next));
    KEFU_RETURN_IF_ERROR(c.Exec("PRAGMA user_version = " + std::to_string(next)));
    KEFU_RETURN_IF_ERROR(txn->Commit());
  }
}

Status ReadUtcOffset(Connection& c, std::int64_t* minutes) {
  std::string text;
  KEFU_RETURN_IF_ERROR(
      c.QueryText("SELECT value FROM meta WHERE key = 'utc_offset_minutes'", &text));
  *minutes = text.empty() ? 480 : std::stoll(text);
  return Status::Ok();
}

namespace {

// type and name -> sql of every schema object but SQLite's own.
Status SchemaObjects(Connection& c,
                     std::map<std::pair<std::string, std::string>, std::string>* out) {
  Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
      &s));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    (*out)[{s.Text(0), s.Text(1)}] = s.Text(2);
  }
}

}  // namespace

Status CompareSchema(Connection& c, const Schema& schema, std::vector<std::string>* problems) {
  std::int64_t version = 0;
  KEFU_RETURN_IF_ERROR(c.QueryInt("PRAGMA user_version", &version));
  std::unique_ptr<Connection> fresh;
  KEFU_RETURN_IF_ERROR(Connection::Open(":memory:", &fresh));
  KEFU_RETURN_IF_ERROR(Migrate(*fresh, schema, static_cast<int>(version)));
  std::map<std::pair<std::string, std::string>, std::string> expected, actual;
  KEFU_RETURN_IF_ERROR(SchemaObjects(*fresh, &expected));
  KEFU_RETURN_IF_ERROR(SchemaObjects(c, &actual));
  for (const auto& [key, sql] : expected) {
    const auto found = actual.find(key);
    if (found == actual.end()) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) +
                          " is missing (removed behind kefu's back)");
    } else if (found->second != sql) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) +
                          " differs from kefu's (changed behind kefu's back)");
    }
  }
  for (const auto& [key, sql] : actual) {
    if (expected.count(key) == 0) {
      problems->push_back("schema: " + key.first + " " + Quote(key.second) + " is not kefu's");
    }
  }
  return Status::Ok();
}

}  // namespace kefu::store
