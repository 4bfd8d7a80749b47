// The audit trail: every change recorded with actor, time, record and values before and after;
// filters; and the hash chain catching edits made to the file behind kefu's back.
#include <openssl/evp.h>

#include "archive/archive_fixture.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace kefu {
namespace {

using testing_util::ArchiveTest;

class Audit : public ArchiveTest {
 protected:
  // Three patients, one update: four entries, by two actors at two times.
  void Populate() {
    Create("A", "甲");
    Create("B", "乙");
    now_ms_ += 3600000;
    Ok<v1::Patient>(
        "kefu.v1.PatientService/UpdatePatient",
        R"({"mrn": "A", "updateMask": ["address", "name"], "patient": {"address": "新地址", "name": "甲"}})");
    std::unique_ptr<Session> other;
    ASSERT_TRUE(Session::Open(*db_, "doctor-7", &other).ok());
    std::string out;
    ASSERT_TRUE(rpc::Dispatcher::Get()
                    .CallJson(*other, "kefu.v1.PatientService/CreatePatient",
                              R"({"patient": {"mrn": "C", "name": "丙"}})", &out)
                    .ok());
  }

  v1::VerifyAuditResponse Verify() {
    return Ok<v1::VerifyAuditResponse>("kefu.v1.AuditService/VerifyAudit", "{}");
  }

  // Runs SQL on the archive file with a connection of its own, as someone with file access would.
  void Tamper(const std::string& path, const std::string& sql) {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    ASSERT_TRUE(c->Exec("DROP TRIGGER IF EXISTS audit_no_update").ok());
    ASSERT_TRUE(c->Exec("DROP TRIGGER IF EXISTS audit_no_delete").ok());
    const Status s = c->Exec(sql);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
};

TEST_F(Audit, RecordsWhoWhatWhenAndTheValuesBeforeAndAfter) {
  Populate();
  const auto all = Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", "{}");
  ASSERT_EQ(all.entries_size(), 4);
  const v1::AuditEntry& update = all.entries(2);
  EXPECT_EQ(update.seq(), 3);
  EXPECT_EQ(update.action(), "patient.update");
  EXPECT_EQ(update.actor(), "nurse-0042");
  EXPECT_EQ(update.at_ms(), testing_util::kNowMs + 3600000);
  EXPECT_EQ(update.record_type(), "patient");
  EXPECT_EQ(update.record_id(), 1);
  EXPECT_EQ(update.patient_id(), 1);
  // Only what changed: the name was given again unchanged.
  EXPECT_EQ(
      std::vector<std::string>(update.changed_fields().begin(), update.changed_fields().end()),
      (std::vector<std::string>{"address", "updated_at_ms"}));
  EXPECT_EQ(update.before_json().find("新地址"), std::string::npos);
  EXPECT_NE(update.after_json().find("\"address\":\"新地址\""), std::string::npos)
      << update.after_json();
  EXPECT_EQ(update.hash().size(), 64u);
  EXPECT_EQ(all.entries(3).actor(), "doctor-7");

  auto count = [&](const std::string& json) {
    return Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", json).entries_size();
  };
  EXPECT_EQ(count(R"({"patientId": "1"})"), 2);
  EXPECT_EQ(count(R"({"actor": "doctor-7"})"), 1);
  EXPECT_EQ(count(R"({"fromMs": ")" + std::to_string(testing_util::kNowMs + 1) + "\"}"), 2);
  EXPECT_EQ(count(R"({"toMs": ")" + std::to_string(testing_util::kNowMs + 1) + "\"}"), 2);
  const auto page =
      Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", R"({"pageSize": 3})");
  EXPECT_EQ(page.entries_size(), 3);
  EXPECT_EQ(count(R"({"pageToken": ")" + page.next_page_token() + "\"}"), 1);
  EXPECT_EQ(Call("kefu.v1.AuditService/ListAudit", R"({"fromMs": "5", "toMs": "5"})").message(),
            "to_ms is 5: not after from_ms 5");
}

TEST_F(Audit, VerifiesAnIntactChain) {
  Populate();
  const auto result = Verify();
  EXPECT_TRUE(result.ok()) << result.problem();
  EXPECT_EQ(result.entries_checked(), 4);
  EXPECT_EQ(result.head_hash().size(), 64u);
}

TEST_F(Audit, KefuItselfCannotRewriteTheTrail) {
  std::unique_ptr<store::Connection> c;
  const std::string path = TempPath("append-only.db");
  Reopen(path);
  Populate();
  ASSERT_TRUE(store::Connection::Open(path, &c).ok());
  const Status s = c->Exec("UPDATE audit SET actor = 'nobody' WHERE seq = 1");
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("the audit trail is append-only"), std::string::npos) << s.message();
  EXPECT_EQ(c->Exec("DELETE FROM audit").code(), Code::kFailedPrecondition);
}

// Entries as kefu 0.1-0.2 wrote them (format 1: JSON and the changed fields stored, hashed as
// archive/audit.hpp describes), computed here independently of the library.
std::string Format1Hash(const std::string& prev, std::int64_t seq, std::int64_t at_ms,
                        const std::vector<std::string>& texts) {
  std::string buffer;
  auto add = [&](const std::string& v) { buffer += std::to_string(v.size()) + ":" + v; };
  add(prev);
  for (std::int64_t n : {seq, at_ms, std::int64_t{7}, std::int64_t{7}}) add(std::to_string(n));
  for (const std::string& t : texts) add(t);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(buffer.data(), buffer.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

TEST_F(Audit, EntriesWrittenInTheOlderJsonFormatStillVerifyAndList) {
  const std::string path = TempPath("format1.db");
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    ASSERT_TRUE(store::Migrate(*c, rpc::ArchiveSchema(), 3).ok());
    std::string prev(32, '\0');
    const std::vector<std::vector<std::string>> entries = {
        {"his", "patient.create", "patient", "", R"({"id":"7","mrn":"OLD"})", "id,mrn"},
        {"his", "patient.update", "patient", R"({"id":"7","mrn":"OLD"})",
         R"({"id":"7","mrn":"OLD","name":"老"})", "name"}};
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& t = entries[i];
      const auto seq = static_cast<std::int64_t>(i + 1);
      const std::string hash = Format1Hash(prev, seq, 1000 + seq, t);
      store::Statement insert;
      ASSERT_TRUE(
          c->Prepare("INSERT INTO audit VALUES (?, ?, ?, ?, ?, 7, 7, ?, ?, ?, ?, ?)", &insert)
              .ok());
      insert.Bind(1, seq).Bind(2, 1000 + seq).Bind(3, t[0]).Bind(4, t[1]).Bind(5, t[2]);
      insert.Bind(6, t[3]).Bind(7, t[4]).Bind(8, t[5]).BindBlob(9, prev).BindBlob(10, hash);
      ASSERT_TRUE(insert.Run().ok());
      prev = hash;
    }
  }
  Reopen(path);         // migrates to the current schema
  Create("NEW", "新");  // a format-2 entry chained to the old head
  const auto result = Verify();
  EXPECT_TRUE(result.ok()) << result.problem();
  EXPECT_EQ(result.entries_checked(), 3);
  const auto all = Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit", "{}");
  ASSERT_EQ(all.entries_size(), 3);
  EXPECT_EQ(all.entries(1).after_json(), R"({"id":"7","mrn":"OLD","name":"老"})");
  EXPECT_EQ(std::vector<std::string>(all.entries(1).changed_fields().begin(),
                                     all.entries(1).changed_fields().end()),
            (std::vector<std::string>{"name"}));
  EXPECT_NE(all.entries(2).after_json().find(R"("mrn":"NEW")"), std::string::npos)
      << all.entries(2).after_json();
  EXPECT_EQ(all.entries(2).before_json(), "");
  // A format-1 entry altered after the migration is still caught.
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    ASSERT_TRUE(c->Exec("DROP TRIGGER audit_no_update").ok());
    ASSERT_TRUE(
        c->Exec("UPDATE audit SET after_json = replace(after_json, '老', '新') WHERE seq = 2")
            .ok());
  }
  EXPECT_EQ(Verify().first_bad_seq(), 2);
}

TEST_F(Audit, AnEntryOfAnUnknownTypeListsAsCorrupt) {
  const std::string path = TempPath("unknown-type.db");
  Reopen(path);
  Create("A", "甲");
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    ASSERT_TRUE(c->Exec("DROP TRIGGER audit_no_update").ok());
    ASSERT_TRUE(c->Exec("UPDATE audit SET message = 'kefu.v1.NoSuchRecord'").ok());
  }
  const Status s = Call("kefu.v1.AuditService/ListAudit", "{}");
  EXPECT_EQ(s.code(), Code::kCorrupt);
  EXPECT_NE(s.message().find("\"kefu.v1.NoSuchRecord\", a type this library does not know"),
            std::string::npos)
      << s.message();
}

struct TamperCase {
  const char* name;
  const char* sql;
  std::int64_t first_bad_seq;
  const char* problem;
};

class AuditTampered : public Audit, public ::testing::WithParamInterface<TamperCase> {};

TEST_P(AuditTampered, VerificationFailsAtTheRightEntry) {
  const std::string path = TempPath(std::string(GetParam().name) + ".db");
  Reopen(path);
  Populate();
  ASSERT_TRUE(Verify().ok());
  session_.reset();
  db_.reset();
  Tamper(path, GetParam().sql);
  Reopen(path);
  const auto result = Verify();
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.first_bad_seq(), GetParam().first_bad_seq);
  EXPECT_EQ(result.problem(), GetParam().problem);
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_FALSE(check.ok());
  EXPECT_FALSE(check.audit_ok());
}

INSTANTIATE_TEST_SUITE_P(
    Table, AuditTampered,
    ::testing::Values(
        TamperCase{
            "AlteredValue",
            "UPDATE audit SET after_record = CAST(replace(CAST(after_record AS TEXT), '新地址', "
            "'旧地址') AS BLOB) WHERE seq = 3",
            3, "entry 3 does not match its hash: it was altered after it was written"},
        TamperCase{"AlteredType", "UPDATE audit SET message = 'kefu.v1.Encounter' WHERE seq = 3", 3,
                   "entry 3 does not match its hash: it was altered after it was written"},
        TamperCase{"AlteredFormat", "UPDATE audit SET format = 1 WHERE seq = 3", 3,
                   "entry 3 does not match its hash: it was altered after it was written"},
        TamperCase{"AlteredActor", "UPDATE audit SET actor = 'someone-else' WHERE seq = 4", 4,
                   "entry 4 does not match its hash: it was altered after it was written"},
        TamperCase{"Removed", "DELETE FROM audit WHERE seq = 2", 2,
                   "entry 2 is missing (the next is 3): entries were removed"},
        TamperCase{
            "RemovedAndRenumbered",
            "DELETE FROM audit WHERE seq = 2; UPDATE audit SET seq = seq - 1 WHERE seq > 2", 2,
            "entry 2 does not link to the entry before it: entries were inserted, removed or "
            "reordered"},
        TamperCase{
            "Inserted",
            "UPDATE audit SET seq = -seq WHERE seq >= 2; "
            "UPDATE audit SET seq = 1 - seq WHERE seq < 0; "
            "INSERT INTO audit SELECT 2, at_ms, actor, action, record_type, record_id, "
            "patient_id, before_json, after_json, changed_fields, prev_hash, hash, format, "
            "message, before_record, after_record, wall_ms FROM audit WHERE seq = 1",
            2,
            "entry 2 does not link to the entry before it: entries were inserted, removed or "
            "reordered"}),
    [](const ::testing::TestParamInfo<TamperCase>& row) { return std::string(row.param.name); });

// A dropped append-only trigger, or an index added or changed, is named by CheckIntegrity.
TEST_F(Audit, TheIntegrityCheckNamesSchemaObjectsChangedBehindKefusBack) {
  const std::string path = TempPath("schema.db");
  Reopen(path);
  Populate();
  EXPECT_TRUE(
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}").ok());
  Reopen(":memory:");
  std::unique_ptr<store::Connection> c;
  ASSERT_TRUE(store::Connection::Open(path, &c).ok());
  ASSERT_TRUE(
      c->Exec("DROP TRIGGER audit_no_delete; CREATE INDEX sneaky ON patients (name, mrn)").ok());
  c.reset();
  Reopen(path);
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(std::vector<std::string>(check.problems().begin(), check.problems().end()),
            (std::vector<std::string>{
                "schema: trigger \"audit_no_delete\" is missing (removed behind kefu's back)",
                "schema: index \"sneaky\" is not kefu's"}));
}

// A record edited, added or removed with SQLite behind kefu's back is named by CheckIntegrity,
// though the audit chain itself is intact; a merge's moves keep every record as audited.
TEST_F(Audit, TheIntegrityCheckNamesRecordsEditedBehindKefusBack) {
  const std::string path = TempPath("records.db");
  Reopen(path);
  Populate();
  Ok<v1::MergePatientsResponse>("kefu.v1.PatientService/MergePatients",
                                R"({"survivorMrn": "A", "mergedMrn": "B"})");
  EXPECT_TRUE(
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}").ok());
  Reopen(":memory:");
  v1::Patient edited;
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    store::Statement read;
    ASSERT_TRUE(c->Prepare("SELECT record FROM patients WHERE mrn = 'C'", &read).ok());
    bool row = false;
    ASSERT_TRUE(read.Step(&row).ok());
    ASSERT_TRUE(row && store::ParseColumn(read, 0, &edited));
  }
  edited.add_phones()->set_number("13999999999");  // a number someone wanted called
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    store::Statement write;
    ASSERT_TRUE(c->Prepare("UPDATE patients SET record = ? WHERE mrn = 'C'", &write).ok());
    ASSERT_TRUE(write.BindBlob(1, edited.SerializeAsString()).Run().ok());
  }
  Reopen(path);
  EXPECT_TRUE(Verify().ok()) << "the chain itself was not touched";
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(std::vector<std::string>(check.problems().begin(), check.problems().end()),
            std::vector<std::string>{"patient id 3 is not the record its latest audit entry shows: "
                                     "edited behind kefu's back"});
}

}  // namespace
}  // namespace kefu
