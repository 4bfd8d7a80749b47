#include "audit/audit.hpp"

#include <openssl/evp.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "base/paging.hpp"

namespace kefu::audit {
namespace {

using google::protobuf::Message;

constexpr std::size_t kHashBytes = 32;

std::string Json(const Message* message) {
  if (message == nullptr) return "";
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(*message, &json, options);
  return json;
}

// Collects the names of the top-level fields a comparison finds different.
class TopLevelFields : public google::protobuf::util::MessageDifferencer::Reporter {
 public:
  using Path = std::vector<google::protobuf::util::MessageDifferencer::SpecificField>;
  void ReportAdded(const Message&, const Message&, const Path& path) override { Add(path); }
  void ReportDeleted(const Message&, const Message&, const Path& path) override { Add(path); }
  void ReportModified(const Message&, const Message&, const Path& path) override { Add(path); }
  std::set<std::string> names;

 private:
  void Add(const Path& path) {
    if (!path.empty() && path[0].field != nullptr) names.insert(path[0].field->name());
  }
};

// The top-level fields whose values differ between before and after, comma-separated.
std::string ChangedFields(const Message* before, const Message* after) {
  const Message* any = after != nullptr ? after : before;
  if (any == nullptr) return "";
  std::unique_ptr<Message> empty(any->New());
  TopLevelFields reporter;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesTo(&reporter);
  differencer.Compare(before != nullptr ? *before : *empty, after != nullptr ? *after : *empty);
  std::string out;
  for (const std::string& name : reporter.names) out += (out.empty() ? "" : ",") + name;
  return out;
}

void AddField(std::string& buffer, std::string_view value) {
  buffer += std::to_string(value.size());
  buffer += ':';
  buffer += value;
}

// Entry formats. 1: the records before and after as JSON with the changed fields, written when
// the change was made (kefu 0.1-0.2). 2: the records as their binary kefu.v1 message, named by
// `message`; JSON and the changed fields are worked out when the entry is read. Printing JSON and
// comparing fields on every write was a third of a bulk import's time.
// 3: format 2 written under a simulated clock: at_ms is the simulated time, wall_ms the real one,
// and both are hashed.
constexpr std::int64_t kJsonFormat = 1;
constexpr std::int64_t kBinaryFormat = 2;
constexpr std::int64_t kSimulatedClockFormat = 3;

struct Entry {
  std::int64_t seq = 0, at_ms = 0, record_id = 0, patient_id = 0, format = kBinaryFormat;
  std::int64_t wall_ms = 0;  // format 3 only
  std::string actor, action, record_type, before, after, changed, prev_hash, hash;
  // Format 2: the message type ("kefu.v1.Patient") and the records (unset: none).
  std::string message;
  std::optional<std::string> before_record, after_record;
};

std::string Sha256(const std::string& bytes) {
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the implementation up again on every digest.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, sha256 != nullptr ? sha256 : EVP_sha256(),
             nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

// A record in a format-2 hash: "-" when there is none, else "+" and its bytes.
void AddRecord(std::string& buffer, const std::optional<std::string>& record) {
  if (!record.has_value()) {
    AddField(buffer, "-");
    return;
  }
  buffer += std::to_string(record->size() + 1);
  buffer += ":+";
  buffer += *record;
}

std::string HashOf(const Entry& e) {
  std::string buffer;
  AddField(buffer, e.prev_hash);
  if (e.format != kJsonFormat) AddField(buffer, std::to_string(e.format));
  for (std::int64_t n : {e.seq, e.at_ms, e.record_id, e.patient_id}) {
    AddField(buffer, std::to_string(n));
  }
  if (e.format == kJsonFormat) {
    for (const std::string* s :
         {&e.actor, &e.action, &e.record_type, &e.before, &e.after, &e.changed}) {
      AddField(buffer, *s);
    }
  } else {
    for (const std::string* s : {&e.actor, &e.action, &e.record_type, &e.message}) {
      AddField(buffer, *s);
    }
    AddRecord(buffer, e.before_record);
    AddRecord(buffer, e.after_record);
    if (e.format == kSimulatedClockFormat) AddField(buffer, std::to_string(e.wall_ms));
  }
  return Sha256(buffer);
}

std::string Hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += kDigits[u >> 4];
    out += kDigits[u & 15];
  }
  return out;
}

constexpr const char* kColumns =
    "seq, at_ms, actor, action, record_type, record_id, patient_id, before_json, after_json, "
    "changed_fields, prev_hash, hash, format, message, before_record, after_record, wall_ms";

Entry Read(const store::Statement& s) {
  Entry e;
  e.seq = s.Int(0);
  e.at_ms = s.Int(1);
  e.actor = s.Text(2);
  e.action = s.Text(3);
  e.record_type = s.Text(4);
  e.record_id = s.Int(5);
  e.patient_id = s.Int(6);
  e.before = s.Text(7);
  e.after = s.Text(8);
  e.changed = s.Text(9);
  e.prev_hash = s.Text(10);
  e.hash = s.Text(11);
  e.format = s.Int(12);
  e.message = s.Text(13);
  if (!s.IsNull(14)) e.before_record = std::string(s.Bytes(14));
  if (!s.IsNull(15)) e.after_record = std::string(s.Bytes(15));
  e.wall_ms = s.IsNull(16) ? 0 : s.Int(16);
  return e;
}

// A format-2 entry's record as a message of its type; null when there is none.
Status Decode(const Entry& e, const std::optional<std::string>& record,
              std::unique_ptr<Message>* out) {
  out->reset();
  if (!record.has_value()) return Status::Ok();
  const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
      "kefu_internal." + e.message.substr(e.message.rfind("kefu.", 0) == 0 ? 5 : 0));
  const Message* prototype =
      type != nullptr ? google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)
                      : nullptr;
  if (prototype == nullptr) {
    return Status(Code::kCorrupt, "audit entry " + std::to_string(e.seq) + " holds a " +
                                      Quote(e.message) + ", a type this library does not know");
  }
  out->reset(prototype->New());
  if (!(*out)->ParseFromString(*record)) {
    return Status(Code::kCorrupt,
                  "audit entry " + std::to_string(e.seq) + "'s " + e.message + " does not decode");
  }
  return Status::Ok();
}

// Fills a format-2 entry's JSON and changed fields from its records.
Status Render(Entry* e) {
  if (e->format == kJsonFormat) return Status::Ok();
  std::unique_ptr<Message> before, after;
  KEFU_RETURN_IF_ERROR(Decode(*e, e->before_record, &before));
  KEFU_RETURN_IF_ERROR(Decode(*e, e->after_record, &after));
  e->before = Json(before.get());
  e->after = Json(after.get());
  e->changed = ChangedFields(before.get(), after.get());
  return Status::Ok();
}

// The chain's last entry, read once per write transaction (only AppendAudit writes the trail).
struct Head {
  bool known = false;
  std::int64_t seq = 0;
  std::string hash;
};

}  // namespace

Status AppendAudit(Session& session, store::Connection& c, const AuditRecord& record) {
  Head& head = *session.TransactionState<Head>();
  if (!head.known) {
    store::Statement last;
    KEFU_RETURN_IF_ERROR(c.Prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &last));
    bool row = false;
    KEFU_RETURN_IF_ERROR(last.Step(&row));
    head.seq = row ? last.Int(0) : 0;
    head.hash = row ? last.Text(1) : std::string(kHashBytes, '\0');
    head.known = true;
  }
  Entry e;
  e.seq = head.seq + 1;
  e.prev_hash = head.hash;
  e.at_ms = session.db().NowMs();
  if (session.db().simulated_clock()) {
    e.format = kSimulatedClockFormat;
    e.wall_ms = session.db().WallMs();
  }
  e.actor = session.actor();
  e.action = record.action;
  e.record_type = record.record_type;
  e.record_id = record.record_id;
  e.patient_id = record.patient_id;
  const Message* any = record.after != nullptr ? record.after : record.before;
  if (any != nullptr) e.message = PublicName(any->GetDescriptor());
  if (record.before != nullptr) e.before_record = record.before->SerializeAsString();
  if (record.after != nullptr) e.after_record = record.after->SerializeAsString();
  e.hash = HashOf(e);
  store::Statement insert;
  KEFU_RETURN_IF_ERROR(
      c.Prepare(std::string("INSERT INTO audit (") + kColumns +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', ?, ?, ?, ?, ?, ?, ?)",
                &insert));
  insert.Bind(1, e.seq).Bind(2, e.at_ms).Bind(3, e.actor).Bind(4, e.action);
  insert.Bind(5, e.record_type).Bind(6, e.record_id).Bind(7, e.patient_id);
  insert.BindBlob(8, e.prev_hash).BindBlob(9, e.hash).Bind(10, e.format).Bind(11, e.message);
  if (e.before_record.has_value())
    insert.BindBlob(12, *e.before_record);
  else
    insert.BindNull(12);
  if (e.after_record.has_value())
    insert.BindBlob(13, *e.after_record);
  else
    insert.BindNull(13);
  if (e.format == kSimulatedClockFormat)
    insert.Bind(14, e.wall_ms);
  else
    insert.BindNull(14);
  KEFU_RETURN_IF_ERROR(insert.Run());
  head.seq = e.seq;
  head.hash = std::move(e.hash);
  return Status::Ok();
}

Status VerifyAudit(store::Connection& c, v1::VerifyAuditResponse* out) {
  store::Statement s;
  KEFU_RETURN_IF_ERROR(
      c.Prepare(std::string("SELECT ") + kColumns + " FROM audit ORDER BY seq", &s));
  std::string prev(kHashBytes, '\0');
  std::int64_t expected = 1;
  auto fail = [&](std::int64_t seq, std::string problem) {
    out->set_ok(false);
    out->set_first_bad_seq(seq);
    out->set_problem(std::move(problem));
    return Status::Ok();
  };
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    const Entry e = Read(s);
    out->set_entries_checked(out->entries_checked() + 1);
    if (e.seq != expected) {
      return fail(expected, "entry " + std::to_string(expected) + " is missing (the next is " +
                                std::to_string(e.seq) + "): entries were removed");
    }
    if (e.prev_hash != prev) {
      return fail(e.seq, "entry " + std::to_string(e.seq) +
                             " does not link to the entry before it: entries were inserted, "
                             "removed or reordered");
    }
    if (HashOf(e) != e.hash) {
      return fail(e.seq, "entry " + std::to_string(e.seq) +
                             " does not match its hash: it was altered after it was written");
    }
    prev = e.hash;
    ++expected;
  }
  out->set_ok(true);
  out->set_head_hash(Hex(prev));
  return Status::Ok();
}

Status ListAudit(store::Connection& c, const v1::ListAuditRequest& request,
                 v1::ListAuditResponse* out) {
  int page_size = 0;
  std::int64_t after = 0;
  KEFU_RETURN_IF_ERROR(
      ParsePaging(request.page_size(), 100, request.page_token(), &page_size, &after));
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit WHERE seq > ?1";
  if (request.patient_id() != 0) sql += " AND patient_id = ?2";
  if (!request.actor().empty()) sql += " AND actor = ?3";
  if (request.from_ms() != 0) sql += " AND at_ms >= ?4";
  if (request.to_ms() != 0) sql += " AND at_ms < ?5";
  sql += " ORDER BY seq LIMIT ?6";
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(sql, &s));
  s.Bind(1, after).Bind(2, request.patient_id()).Bind(3, request.actor());
  s.Bind(4, request.from_ms()).Bind(5, request.to_ms()).Bind(6, std::int64_t{page_size} + 1);
  bool row = false;
  int count = 0;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) break;
    if (++count > page_size) {
      out->set_next_page_token(PageToken(out->entries(page_size - 1).seq()));
      break;
    }
    Entry e = Read(s);
    KEFU_RETURN_IF_ERROR(Render(&e));
    v1::AuditEntry* entry = out->add_entries();
    entry->set_seq(e.seq);
    entry->set_at_ms(e.at_ms);
    entry->set_actor(e.actor);
    entry->set_action(e.action);
    entry->set_record_type(e.record_type);
    entry->set_record_id(e.record_id);
    entry->set_patient_id(e.patient_id);
    entry->set_before_json(e.before);
    entry->set_after_json(e.after);
    std::size_t start = 0;
    while (start < e.changed.size()) {
      std::size_t end = e.changed.find(',', start);
      if (end == std::string::npos) end = e.changed.size();
      entry->add_changed_fields(e.changed.substr(start, end - start));
      start = end + 1;
    }
    entry->set_hash(Hex(e.hash));
    if (e.format == kSimulatedClockFormat) {
      entry->set_simulated_clock(true);
      entry->set_wall_ms(e.wall_ms);
    }
  }
  return Status::Ok();
}

namespace {

// What the latest audit entry of a record says it is: a digest of its bytes, or nothing to
// compare (format 1, an entry without a record after it, or one older than its table's audit).
struct Latest {
  std::string digest;
  bool comparable = false;
};

Status CompleteFrom(store::Connection& c, const char* key, std::int64_t* seq) {
  *seq = 0;
  if (key == nullptr) return Status::Ok();
  std::string text;
  KEFU_RETURN_IF_ERROR(
      c.QueryText("SELECT value FROM meta WHERE key = '" + std::string(key) + "'", &text));
  *seq = text.empty() ? 0 : std::stoll(text);
  return Status::Ok();
}

// One pass over the trail in order: the last entry of each record wins.
Status LatestEntries(store::Connection& c, const std::vector<AuditedTable>& tables,
                     std::map<std::pair<std::string, std::int64_t>, Latest>* latest) {
  std::map<std::string, std::int64_t> complete_from;  // by record type
  std::string types;
  for (const AuditedTable& t : tables) {
    KEFU_RETURN_IF_ERROR(CompleteFrom(c, t.complete_from_key, &complete_from[t.type]));
    types += std::string(types.empty() ? "'" : ", '") + t.type + "'";
  }
  store::Statement s;
  KEFU_RETURN_IF_ERROR(c.Prepare(
      "SELECT record_type, record_id, format, after_record, seq FROM audit WHERE record_type IN (" +
          types + ") ORDER BY seq",
      &s));
  bool row = false;
  while (true) {
    KEFU_RETURN_IF_ERROR(s.Step(&row));
    if (!row) return Status::Ok();
    const std::string type = s.Text(0);
    Latest& entry = (*latest)[{type, s.Int(1)}];
    entry.comparable = s.Int(2) != kJsonFormat && !s.IsNull(3) && s.Int(4) >= complete_from[type];
    entry.digest = entry.comparable ? Sha256(std::string(s.Bytes(3))) : "";
  }
}

}  // namespace

Status CheckRecordsAgainstAudit(store::Connection& c, const std::vector<AuditedTable>& tables,
                                std::vector<std::string>* problems) {
  if (tables.empty()) return Status::Ok();
  std::map<std::pair<std::string, std::int64_t>, Latest> latest;
  KEFU_RETURN_IF_ERROR(LatestEntries(c, tables, &latest));
  for (const AuditedTable& audited : tables) {
    const std::string type = audited.type;
    store::Statement s;
    KEFU_RETURN_IF_ERROR(
        c.Prepare(std::string("SELECT id, record FROM ") + audited.table + " ORDER BY id", &s));
    bool row = false;
    while (true) {
      KEFU_RETURN_IF_ERROR(s.Step(&row));
      if (!row) break;
      const std::int64_t id = s.Int(0);
      const auto found = latest.find({type, id});
      if (found == latest.end()) {
        problems->push_back(type + " id " + std::to_string(id) +
                            " has no audit entry: written behind kefu's back");
        continue;
      }
      if (found->second.comparable && Sha256(std::string(s.Bytes(1))) != found->second.digest) {
        problems->push_back(type + " id " + std::to_string(id) +
                            " is not the record its latest audit entry shows: edited behind "
                            "kefu's back");
      }
      latest.erase(found);
    }
  }
  for (const auto& [key, entry] : latest) {
    problems->push_back(
        key.first + " id " + std::to_string(key.second) +
        " is in the audit trail but not in the archive: removed behind kefu's back");
  }
  return Status::Ok();
}

}  // namespace kefu::audit
