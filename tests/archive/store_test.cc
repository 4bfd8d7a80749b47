// The store: file archives in WAL with synchronous=FULL, forward migrations from an older
// schema, refusing newer schemas and files that are not archives, online backup, integrity
// checks, and many writers at once (threads and processes) without losing a write.
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "archive/archive_fixture.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace kefu {
namespace {

using testing_util::ArchiveTest;

class Store : public ArchiveTest {};

TEST_F(Store, FileArchivesAreDurableByDefault) {
  const std::string path = TempPath("durable.db");
  Reopen(path);
  const auto info = Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}");
  EXPECT_EQ(info.journal_mode(), "wal");
  EXPECT_EQ(info.synchronous(), "FULL");
  EXPECT_EQ(info.schema_version(), store::kSchemaVersion);
  EXPECT_EQ(info.utc_offset_minutes(), 480);
  Create("M1", "周杰");
  Reopen(path);
  EXPECT_EQ(Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "M1"})").name(),
            "周杰");
}

TEST_F(Store, OpensAnArchiveMadeByAnOlderSchema) {
  const std::string path = TempPath("version1.db");
  {
    // An archive as kefu's first schema made it, with a patient stored the way it stored them.
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(path, &c).ok());
    ASSERT_TRUE(store::Migrate(*c, rpc::ArchiveSchema(), 1).ok());
    v1::Patient p;
    p.set_id(1);
    p.set_mrn("OLD-1");
    p.set_name("老患者");
    p.add_phones()->set_number("13512345678");
    p.add_family()->set_phone("13687654321");
    store::Statement insert;
    ASSERT_TRUE(
        c->Prepare(
             "INSERT INTO patients (id, mrn, name, status, record) VALUES (1, 'OLD-1', ?, 1, ?)",
             &insert)
            .ok());
    ASSERT_TRUE(insert.Bind(1, p.name()).BindBlob(2, p.SerializeAsString()).Run().ok());
    std::int64_t version = 0;
    ASSERT_TRUE(c->QueryInt("PRAGMA user_version", &version).ok());
    ASSERT_EQ(version, 1);
  }
  Reopen(path);
  EXPECT_EQ(Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").schema_version(),
            store::kSchemaVersion);
  // Version 2's phone index was filled from the stored records.
  for (const char* phone : {"13512345678", "13687654321"}) {
    const auto found = Ok<v1::ListPatientsResponse>("kefu.v1.PatientService/ListPatients",
                                                    std::string(R"({"phone": ")") + phone + "\"}");
    ASSERT_EQ(found.patients_size(), 1) << phone;
    EXPECT_EQ(found.patients(0).mrn(), "OLD-1");
  }
  Create("NEW-1", "新患者");
  // The old patient was written above with SQL, not through kefu, so it has no audit entry: the
  // integrity check says exactly that, and nothing else.
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_TRUE(check.audit_ok());
  EXPECT_EQ(
      std::vector<std::string>(check.problems().begin(), check.problems().end()),
      std::vector<std::string>{"patient id 1 has no audit entry: written behind kefu's back"});
}

TEST_F(Store, RefusesANewerSchemaAndFilesThatAreNotArchives) {
  const std::string newer = TempPath("newer.db");
  {
    std::unique_ptr<store::Connection> c;
    ASSERT_TRUE(store::Connection::Open(newer, &c).ok());
    ASSERT_TRUE(c->Exec("PRAGMA user_version = 99").ok());
  }
  std::unique_ptr<Db> db;
  Status s = Db::Open(newer, rpc::ArchiveSchema(), &db);
  EXPECT_EQ(s.ToString(),
            "KEFU_ERR_FAILED_PRECONDITION: the archive has schema version 99, newer than this "
            "library knows (" +
                std::to_string(store::kSchemaVersion) + "): open it with a newer kefu");
  const std::string text = TempPath("notes.txt");
  std::ofstream(text) << std::string(5000, 'x');
  s = Db::Open(text, rpc::ArchiveSchema(), &db);
  EXPECT_EQ(s.code(), Code::kCorrupt) << s.ToString();
  s = Db::Open("/nonexistent-dir/archive.db", rpc::ArchiveSchema(), &db);
  EXPECT_EQ(s.code(), Code::kIo) << s.ToString();
}

TEST_F(Store, BacksUpOnlineAndTheCopyIsAWholeArchive) {
  const std::string path = TempPath("live.db");
  const std::string copy = TempPath("copy.db");
  Reopen(path);
  for (int i = 0; i < 50; ++i) Create("B" + std::to_string(i), "患者");
  // Another session keeps writing while the backup runs.
  std::unique_ptr<Session> writer;
  ASSERT_TRUE(Session::Open(*db_, "his", &writer).ok());
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    for (int i = 0; !stop; ++i) {
      std::string out;
      (void)rpc::Dispatcher::Get().CallJson(
          *writer, "kefu.v1.PatientService/CreatePatient",
          R"({"patient": {"mrn": "W)" + std::to_string(i) + R"(", "name": "w"}})", &out);
    }
  });
  const auto backup = Ok<v1::BackupResponse>("kefu.v1.MaintenanceService/Backup",
                                             R"({"destinationPath": ")" + copy + "\"}");
  stop = true;
  busy.join();
  EXPECT_GT(backup.bytes(), 0);
  EXPECT_EQ(
      Call("kefu.v1.MaintenanceService/Backup", R"({"destinationPath": ")" + copy + "\"}").code(),
      Code::kAlreadyExists);
  EXPECT_EQ(Call("kefu.v1.MaintenanceService/Backup", R"({"destinationPath": ""})").message(),
            "destination_path is \"\": must not be empty");
  const auto audit = Ok<v1::ListAuditResponse>("kefu.v1.AuditService/ListAudit",
                                               R"({"actor": "nurse-0042", "pageSize": 1000})");
  EXPECT_EQ(audit.entries(audit.entries_size() - 1).action(), "archive.backup");

  Reopen(copy);
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_TRUE(check.ok());
  EXPECT_TRUE(check.audit_ok());
  EXPECT_GE(Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").patients(), 50);
  EXPECT_EQ(Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "B49"})").mrn(), "B49");
}

// A backup killed half-way leaves only "<destination>.partial" (and its journal), never a file at
// the destination that looks like a backup: the next backup to the same path clears the partial
// copy and succeeds, and the copy holds everything in its main file.
TEST_F(Store, ABackupThatNeverFinishedDoesNotBlockTheNextAndLeavesNothingBehind) {
  const std::string path = TempPath("live2.db");
  const std::string copy = TempPath("copy2.db");
  Reopen(path);
  for (int i = 0; i < 20; ++i) Create("P" + std::to_string(i), "患者");
  // What a killed copy leaves: a large partial file and its rollback journal.
  std::ofstream(copy + ".partial") << std::string(1 << 16, 'x');
  std::ofstream(copy + ".partial-journal") << std::string(512, 'j');
  Ok<v1::BackupResponse>("kefu.v1.MaintenanceService/Backup",
                         R"({"destinationPath": ")" + copy + "\"}");
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial-journal"));
  EXPECT_FALSE(std::filesystem::exists(copy + "-journal"));
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal") &&
               std::filesystem::file_size(copy + "-wal") > 0);
  Reopen(copy);
  EXPECT_TRUE(
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}").ok());
  EXPECT_EQ(Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}").patients(), 20);
}

// A write inside a transaction already open on the session's connection (how the fuzzers run
// every input, to roll it back) is a savepoint of it: it lands, and goes with the outer rollback.
TEST_F(Store, AWriteInsideAnOpenTransactionIsASavepointOfIt) {
  ASSERT_TRUE(session_->Use([](Txn& c) { return c.connection().Exec("BEGIN"); }).ok());
  Create("S1", "内");
  EXPECT_EQ(Ok<v1::Patient>("kefu.v1.PatientService/GetPatient", R"({"mrn": "S1"})").mrn(), "S1");
  // A failing write rolls back to its savepoint only.
  EXPECT_EQ(
      Call("kefu.v1.PatientService/CreatePatient", R"({"patient": {"mrn": "S1", "name": "x"}})")
          .code(),
      Code::kAlreadyExists);
  ASSERT_TRUE(session_->Use([](Txn& c) { return c.connection().Exec("ROLLBACK"); }).ok());
  EXPECT_EQ(Call("kefu.v1.PatientService/GetPatient", R"({"mrn": "S1"})").code(), Code::kNotFound);
  Create("S2", "外");  // and writes go on as usual afterwards
  EXPECT_EQ(AuditCount(), 1);
}

// Writers on threads (each its own session) and in processes (each its own Db) at once.
TEST_F(Store, ManyWritersLoseNothing) {
  const std::string path = TempPath("busy.db");
  Reopen(path);
  constexpr int kThreads = 4, kProcesses = 3, kEach = 40;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      std::unique_ptr<Db> db;
      std::unique_ptr<Session> s;
      if (!Db::Open(path, rpc::ArchiveSchema(), &db).ok() || !Session::Open(*db, "proc", &s).ok())
        _exit(2);
      for (int i = 0; i < kEach; ++i) {
        std::string out;
        const Status st =
            rpc::Dispatcher::Get().CallJson(*s, "kefu.v1.PatientService/CreatePatient",
                                            R"({"patient": {"mrn": "P)" + std::to_string(p) + "-" +
                                                std::to_string(i) + R"(", "name": "x"}})",
                                            &out);
        if (!st.ok()) _exit(3);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::unique_ptr<Session> s;
      if (!Session::Open(*db_, "thread-" + std::to_string(t), &s).ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        std::string out;
        const std::string mrn = "T" + std::to_string(t) + "-" + std::to_string(i);
        Status st = rpc::Dispatcher::Get().CallJson(
            *s, "kefu.v1.PatientService/CreatePatient",
            R"({"patient": {"mrn": ")" + mrn + R"(", "name": "x"}})", &out);
        if (st.ok()) {
          st = rpc::Dispatcher::Get().CallJson(
              *s, "kefu.v1.EncounterService/Discharge",
              R"({"encounter": {"patientMrn": ")" + mrn + R"(", "department": "d",
                  "admissionDate": {"year": 2026, "month": 11, "day": 1},
                  "dischargeDate": {"year": 2026, "month": 11, "day": 10}}})",
              &out);
        }
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  EXPECT_EQ(failures, 0);
  const auto info = Ok<v1::GetInfoResponse>("kefu.v1.MaintenanceService/GetInfo", "{}");
  EXPECT_EQ(info.patients(), kThreads * kEach + kProcesses * kEach);
  EXPECT_EQ(info.encounters(), kThreads * kEach);
  // A patient and a discharge each, plus the plan and first task each discharge opens.
  EXPECT_EQ(info.audit_entries(), 4 * kThreads * kEach + kProcesses * kEach);
  const auto check =
      Ok<v1::CheckIntegrityResponse>("kefu.v1.MaintenanceService/CheckIntegrity", "{}");
  EXPECT_TRUE(check.ok());
  EXPECT_TRUE(check.audit_ok());
}

}  // namespace
}  // namespace kefu
