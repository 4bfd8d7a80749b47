// Archive writes on a file archive in WAL mode, through libkefu.so with the caller's own kefu.v1
// messages (as a HIS sends them), with synchronous=FULL (the default) and as configured for speed
// (DURABILITY_NORMAL):
//   Discharge_per_call/<durability>/<calls>   one EncounterService/Discharge per call, each one
//                                             opening a follow-up plan and its first task
//   Bulk_import/<durability>/<discharges>     PatientService/Import of 5,000 patients with their
//                                             discharged stays per call, plans included
//   Record_outcome/<durability>/<calls>       FollowUpService/RecordAttempt per call (reached:
//                                             the task closes and the next one is planned)
//   Worklist_full/kefu/<tasks>                 FollowUpService/Worklist: every task due today with
//                                             its case context (patient, stay, earlier contacts);
//                                             the time includes decoding the response, the counter
//                                             call_ms is the time inside kefu_call alone
//   Access_worklist/<who>/<tasks>             the same worklist on an archive that checks
//                                             permissions, as a follow-up agent (its numbers),
//                                             a supervisor (all masked) and the general manager
//                                             (all in full, each patient logged); <who> = open:
//                                             the same archive made without an administrator,
//                                             which checks nothing (the baseline)
//   Access_get_patient/<who>                  one PatientService/GetPatient per iteration, by
//                                             the same actors (consultant: masked)
//   Bulk_import/sqlite_rows/<rows>            baseline: the same number of bare due rows loaded
//                                             into an indexed SQLite table in one transaction
//   Bulk_import/sqlite_same_rows/<discharges> ceiling: bare SQLite writing the very rows kefu
//                                             writes per discharge into kefu's schema (4 audit
//                                             entries each; _1_audit: one)
// Items are discharges, calls or rows. Per-call benchmarks report the latency of one call as
// counters p50_us and p99_us. Archives are created under $TMPDIR (default /tmp) and removed.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kefu/kefu.h"
#include "kefu/v1/access.pb.h"
#include "kefu/v1/encounter.pb.h"
#include "kefu/v1/followup.pb.h"
#include "kefu/v1/maintenance.pb.h"
#include "kefu/v1/patient.pb.h"
#include "support/bench_support.hpp"
#include "support/client_dates.hpp"

namespace {

using kefu_bench::CountItems;
using kefu_bench::SetDate;
using Clock = std::chrono::steady_clock;

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/kefu_bench_" +
         std::to_string(getpid()) + "_" + name + ".db";
}

void RemoveArchive(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "archive_bench: %s: %s\n", what.c_str(), kefu_last_error());
  std::abort();
}

// A fresh file archive, opened with the durability under test, removed afterwards. Named with
// an administrator (`admin`), it checks permissions from the start.
class Archive {
 public:
  Archive(const std::string& name, kefu::v1::Durability durability, const std::string& admin = "")
      : path_(TempPath(name)) {
    RemoveArchive(path_);
    kefu::v1::OpenOptions options;
    options.set_durability(durability);
    options.set_admin(admin);
    const std::string bytes = options.SerializeAsString();
    if (kefu_open_with_options(path_.c_str(), bytes.data(), bytes.size(), &db_) != KEFU_OK) {
      Die("opening " + path_);
    }
    As(admin.empty() ? "bench" : admin);
  }

  // The calls that follow act as `actor`.
  void As(const std::string& actor) {
    kefu_session_close(session_);
    session_ = nullptr;
    if (kefu_session_open(db_, actor.c_str(), &session_) != KEFU_OK) Die("acting as " + actor);
  }
  ~Archive() {
    kefu_session_close(session_);
    kefu_close(db_);
    RemoveArchive(path_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  void Call(const char* method, const google::protobuf::Message& request,
            google::protobuf::Message* response) {
    request.SerializeToString(&request_bytes_);
    kefu_buffer out{nullptr, 0};
    const Clock::time_point start = Clock::now();
    const kefu_status status =
        kefu_call(session_, method, request_bytes_.data(), request_bytes_.size(), &out);
    last_call_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (status != KEFU_OK || !response->ParseFromArray(out.data, static_cast<int>(out.size))) {
      Die(method);
    }
    kefu_buffer_free(&out);
  }

  // How long the last kefu_call took inside the library (without the caller's encoding and
  // decoding of its messages).
  double last_call_ms() const { return last_call_ms_; }

 private:
  std::string path_;
  std::string request_bytes_;
  double last_call_ms_ = 0;
  kefu_db* db_ = nullptr;
  kefu_session* session_ = nullptr;
};

// Today as the archive sees it: the wall clock in the archive's zone (China, UTC+8, the default).
// Stays are dated from it, not from the fixed night of the cadence benchmarks, so that a plan's
// first call is due when the benchmark expects it whatever day it runs.
std::int32_t ArchiveToday() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  return static_cast<std::int32_t>((ms + std::int64_t{8} * 3600 * 1000) / 86400000);
}

// "B17": a prefix and a number. (One function rather than `"B" + std::to_string(i)` inlined at
// every call, on which GCC 12 gives a false -Wrestrict warning.)
std::string Numbered(std::string prefix, std::int64_t n) {
  prefix += std::to_string(n);
  return prefix;
}

// `count` patients numbered from `first`, each with a stay: discharged `days_ago` days before
// today (spread over a year when days_ago is negative), or still admitted.
// With `personal`, each patient has an address and a family member's number too (what masking
// hides).
kefu::v1::ImportRequest Stays(int first, int count, bool discharged, int days_ago = -1,
                              bool personal = false) {
  const std::int32_t today = ArchiveToday();
  kefu::v1::ImportRequest request;
  for (int i = first; i < first + count; ++i) {
    const std::string mrn = Numbered("B", i);
    kefu::v1::Patient* p = request.add_patients();
    p->set_mrn(mrn);
    p->set_name(Numbered("患者", i));
    p->add_phones()->set_number(Numbered("138", 10000000 + i));
    if (personal) {
      p->set_address(Numbered("河北省廊坊市广阳区新华路", i % 200) + "号");
      kefu::v1::FamilyMember* family = p->add_family();
      family->set_name("家属");
      family->set_phone(Numbered("139", 10000000 + i));
    }
    kefu::v1::Encounter* e = request.add_encounters();
    e->set_patient_mrn(mrn);
    e->set_his_visit_id(Numbered("V", i));
    e->set_kind(kefu::v1::ENCOUNTER_KIND_INPATIENT);
    e->set_department("心内科");
    const std::int32_t out = today - (days_ago >= 0 ? days_ago : 1 + i % 365);
    SetDate(out - 5, e->mutable_admission_date());
    if (discharged) SetDate(out, e->mutable_discharge_date());
    auto* diagnosis = e->add_diagnoses();
    diagnosis->set_icd10("I10");
    diagnosis->set_text("原发性高血压");
    diagnosis->set_primary(true);
  }
  return request;
}

void ReportLatency(benchmark::State& state, std::vector<double>* micros) {
  if (micros->empty()) return;
  std::sort(micros->begin(), micros->end());
  const auto at = [&](double q) {
    return (*micros)[std::min(micros->size() - 1,
                              static_cast<std::size_t>(q * static_cast<double>(micros->size())))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
}

kefu::v1::Durability Level(bool full) {
  return full ? kefu::v1::DURABILITY_FULL : kefu::v1::DURABILITY_NORMAL;
}

void Discharge_per_call(benchmark::State& state, bool full) {
  const int calls = static_cast<int>(state.range(0));
  std::vector<double> micros;
  Archive archive("discharge", Level(full));
  kefu::v1::ImportResponse imported;
  archive.Call("kefu.v1.PatientService/Import", Stays(0, calls, false), &imported);
  kefu::v1::DischargeRequest request;
  kefu::v1::DischargeResponse response;
  SetDate(ArchiveToday() - 1, request.mutable_discharge_date());
  for (auto _ : state) {  // one iteration (the stays can be discharged once)
    for (int i = 0; i < calls; ++i) {
      const Clock::time_point start = Clock::now();
      request.set_his_visit_id(Numbered("V", i));
      archive.Call("kefu.v1.EncounterService/Discharge", request, &response);
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
  }
  CountItems(state, state.range(0));
  ReportLatency(state, &micros);
}
BENCHMARK_CAPTURE(Discharge_per_call, full, true)->Arg(1000)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(Discharge_per_call, normal, false)->Arg(1000)->Iterations(1)->UseRealTime();

constexpr int kImportBatch = 5000;

void Bulk_import(benchmark::State& state, bool full) {
  const int discharges = static_cast<int>(state.range(0));
  Archive archive("import", Level(full));
  std::vector<kefu::v1::ImportRequest> batches;
  for (int first = 0; first < discharges; first += kImportBatch) {
    batches.push_back(Stays(first, std::min(kImportBatch, discharges - first), true));
  }
  kefu::v1::ImportResponse response;
  for (auto _ : state) {  // one iteration (the patients can be imported once)
    for (const auto& batch : batches)
      archive.Call("kefu.v1.PatientService/Import", batch, &response);
  }
  CountItems(state, state.range(0));
}
BENCHMARK_CAPTURE(Bulk_import, full, true)->Arg(1000)->Arg(50000)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(Bulk_import, normal, false)->Arg(1000)->Arg(50000)->Iterations(1)->UseRealTime();

void Record_outcome(benchmark::State& state, bool full) {
  const int calls = static_cast<int>(state.range(0));
  std::vector<double> micros;
  Archive archive("outcome", Level(full));
  kefu::v1::ImportResponse imported;
  // Discharged a week ago: every plan's first call (D+7) is due today.
  archive.Call("kefu.v1.PatientService/Import", Stays(0, calls, true, 7), &imported);
  kefu::v1::WorklistResponse worklist;
  archive.Call("kefu.v1.FollowUpService/Worklist", kefu::v1::WorklistRequest(), &worklist);
  if (worklist.items_size() != calls) {
    Die("the worklist holds " + std::to_string(worklist.items_size()) + " tasks");
  }
  kefu::v1::RecordAttemptRequest request;
  request.set_outcome(kefu::v1::CALL_OUTCOME_REACHED);
  request.set_notes("恢复良好，按时服药");
  kefu::v1::RecordAttemptResponse response;
  for (auto _ : state) {  // one iteration (each task takes one outcome)
    for (const auto& item : worklist.items()) {
      const Clock::time_point start = Clock::now();
      request.set_task_id(item.task().id());
      archive.Call("kefu.v1.FollowUpService/RecordAttempt", request, &response);
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
  }
  CountItems(state, state.range(0));
  ReportLatency(state, &micros);
}
BENCHMARK_CAPTURE(Record_outcome, full, true)->Arg(1000)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(Record_outcome, normal, false)->Arg(1000)->Iterations(1)->UseRealTime();

// The whole worklist of a day as the team's screen shows it: every task due with its patient,
// last stay (diagnoses, medications) and earlier contacts, for `tasks` patients discharged a week
// ago (their first call is due today), through FollowUpService/Worklist on a file archive.
void Worklist_full(benchmark::State& state) {
  const int tasks = static_cast<int>(state.range(0));
  Archive archive("worklist", kefu::v1::DURABILITY_NORMAL);
  kefu::v1::ImportResponse imported;
  archive.Call("kefu.v1.PatientService/Import", Stays(0, tasks, true, 7), &imported);
  kefu::v1::WorklistResponse worklist;
  double call_ms = 0;
  for (auto _ : state) {
    archive.Call("kefu.v1.FollowUpService/Worklist", kefu::v1::WorklistRequest(), &worklist);
    call_ms += archive.last_call_ms();
    if (worklist.items_size() != tasks) Die("the worklist is short");
  }
  CountItems(state, state.range(0));
  // The time inside kefu_call, without the caller decoding the response (its own cost).
  state.counters["call_ms"] = call_ms / static_cast<double>(state.iterations());
}
BENCHMARK(Worklist_full)
    ->Name("Worklist_full/kefu")
    ->Arg(1000)
    ->Arg(3000)
    ->Unit(benchmark::kMillisecond);

// An archive of `tasks` patients discharged a week ago, each with personal data to mask, and the
// actors of the access benchmarks: checked from the start unless `who` is "open" (the archive
// made without an administrator, which checks nothing: the baseline).
class AccessArchive {
 public:
  AccessArchive(const char* who, int tasks)
      : archive_("access", kefu::v1::DURABILITY_FULL, std::string(who) == "open" ? "" : "admin.li"),
        open_(std::string(who) == "open") {
    if (!open_) {
      for (const auto& [actor, role] :
           {std::pair<const char*, const char*>{"bench", "his_interface"},
            {"agent", "followup_agent"},
            {"supervisor", "supervisor"},
            {"manager", "general_manager"},
            {"consultant", "consultant"}}) {
        kefu::v1::PutActorRequest put;
        put.mutable_actor()->set_name(actor);
        kefu::v1::GrantRoleRequest grant;
        grant.set_actor(actor);
        grant.set_role(role);
        kefu::v1::Actor out;
        archive_.Call("kefu.v1.AccessService/PutActor", put, &out);
        archive_.Call("kefu.v1.AccessService/GrantRole", grant, &out);
      }
      archive_.As("bench");
    }
    kefu::v1::ImportResponse imported;
    for (int first = 0; first < tasks; first += kImportBatch) {
      archive_.Call("kefu.v1.PatientService/Import",
                    Stays(first, std::min(kImportBatch, tasks - first), true, 7, true), &imported);
    }
    archive_.As(open_ ? "bench" : who);
  }
  Archive& archive() { return archive_; }

 private:
  Archive archive_;
  bool open_;
};

void Access_worklist(benchmark::State& state, const char* who) {
  const int tasks = static_cast<int>(state.range(0));
  AccessArchive access(who, tasks);
  kefu::v1::WorklistResponse worklist;
  double call_ms = 0;
  for (auto _ : state) {
    access.archive().Call("kefu.v1.FollowUpService/Worklist", kefu::v1::WorklistRequest(),
                          &worklist);
    call_ms += access.archive().last_call_ms();
    if (worklist.items_size() != tasks) Die("the worklist is short");
  }
  CountItems(state, state.range(0));
  state.counters["call_ms"] = call_ms / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(Access_worklist, open, "open")->Arg(3000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Access_worklist, agent, "agent")->Arg(3000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Access_worklist, supervisor, "supervisor")
    ->Arg(3000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Access_worklist, manager, "manager")->Arg(3000)->Unit(benchmark::kMillisecond);

void Access_get_patient(benchmark::State& state, const char* who) {
  AccessArchive access(who, 1000);
  kefu::v1::GetPatientRequest request;
  kefu::v1::Patient patient;
  std::int64_t id = 0;
  for (auto _ : state) {
    request.set_id(1 + id++ % 1000);
    access.archive().Call("kefu.v1.PatientService/GetPatient", request, &patient);
  }
  CountItems(state, 1);
}
BENCHMARK_CAPTURE(Access_get_patient, open, "open")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Access_get_patient, consultant, "consultant")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Access_get_patient, manager, "manager")->Unit(benchmark::kMicrosecond);

// Baseline: SQLite alone, precomputed due rows (plan, patient, due day, state) loaded into a
// table indexed on the due day, in one transaction with one prepared statement, WAL and
// synchronous=FULL like the archive.
void Bulk_import_sqlite_rows(benchmark::State& state) {
  const int rows = static_cast<int>(state.range(0));
  const std::string path = TempPath("sqlite_rows");
  RemoveArchive(path);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK ||
      sqlite3_exec(db,
                   "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   "CREATE TABLE due (plan_id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL,"
                   " due_day INTEGER NOT NULL, state INTEGER NOT NULL);"
                   "CREATE INDEX due_by_day ON due (due_day);",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::abort();
  }
  for (auto _ : state) {  // one iteration (the rows can be loaded once)
    sqlite3_stmt* insert = nullptr;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO due VALUES (?, ?, ?, 1)", -1, &insert, nullptr);
    for (int i = 0; i < rows; ++i) {
      sqlite3_bind_int64(insert, 1, i + 1);
      sqlite3_bind_int64(insert, 2, i + 1);
      sqlite3_bind_int64(insert, 3, kefu_bench::Today() + i % 90);
      if (sqlite3_step(insert) != SQLITE_DONE) std::abort();
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
  }
  sqlite3_close(db);
  RemoveArchive(path);
  CountItems(state, state.range(0));
}
BENCHMARK(Bulk_import_sqlite_rows)
    ->Name("Bulk_import/sqlite_rows")
    ->Arg(1000)
    ->Arg(50000)
    ->Arg(2000000)
    ->Iterations(1)
    ->UseRealTime();

// Ceiling: bare SQLite writing the rows kefu writes for each imported discharge, into a kefu
// archive's own schema (every table and index), with one prepared statement per table in one
// transaction, as fast as SQLite goes: a patient and its phone, the stay, the plan, its first
// task, and `audit_rows` audit entries (kefu writes 4: patient, stay, plan, task). Records are
// the bytes of real kefu.v1 messages; hashes are placeholders (no SHA-256), so kefu's own work —
// validation, planning, encoding, hashing — is all that separates it from this figure.
void Bulk_import_sqlite_same_rows(benchmark::State& state, int audit_rows) {
  const int discharges = static_cast<int>(state.range(0));
  const std::string path = TempPath("same_rows");
  RemoveArchive(path);
  {
    kefu_db* made = nullptr;
    if (kefu_open(path.c_str(), &made) != KEFU_OK) Die("creating " + path);
    kefu_close(made);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK ||
      sqlite3_exec(db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;", nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    std::abort();
  }
  const char* const kSql[] = {
      "INSERT INTO patients (id, mrn, name, region_code, status, record) VALUES (?1, ?2, ?3, NULL, "
      "1, ?4)",
      "INSERT INTO patient_phones (patient_id, number) VALUES (?1, ?2)",
      "INSERT INTO encounters (id, patient_id, his_visit_id, kind, state, start_day, "
      "discharge_day, "
      "record) VALUES (?1, ?1, ?2, 1, 3, ?3, ?3 + 5, ?4)",
      "INSERT INTO plans (id, patient_id, encounter_id, state, record) VALUES (?1, ?1, ?1, 1, ?4)",
      "INSERT INTO tasks (id, plan_id, patient_id, state, next_day, due_day, record) "
      "VALUES (?1, ?1, ?1, 1, ?3 + 7, ?3 + 9, ?4)",
      "INSERT INTO audit (seq, at_ms, actor, action, record_type, record_id, patient_id, "
      "before_json, after_json, changed_fields, prev_hash, hash, format, message, before_record, "
      "after_record) VALUES (?5, 1795406400000, 'bench', 'patient.import', 'patient', ?1, ?1, "
      "'', '', '', ?6, ?6, 2, 'kefu.v1.Patient', NULL, ?4)"};
  constexpr int kStatements = 6;
  sqlite3_stmt* statements[kStatements] = {};
  for (int i = 0; i < kStatements; ++i) {
    if (sqlite3_prepare_v2(db, kSql[i], -1, &statements[i], nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "%s: %s\n", kSql[i], sqlite3_errmsg(db));
      std::abort();
    }
  }
  const kefu::v1::ImportRequest records = Stays(0, 1, true);
  const std::string patient = records.patients(0).SerializeAsString();
  const std::string stay = records.encounters(0).SerializeAsString();
  const std::string hash(32, 'h');
  std::int64_t seq = 0;
  for (auto _ : state) {  // one iteration (the rows can be written once)
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (int i = 1; i <= discharges; ++i) {
      const std::string mrn = Numbered("B", i), phone = Numbered("138", 10000000 + i);
      for (int k = 0; k < kStatements; ++k) {
        const int times = k == kStatements - 1 ? audit_rows : 1;
        for (int t = 0; t < times; ++t) {
          sqlite3_stmt* s = statements[k];
          sqlite3_bind_int64(s, 1, i);
          if (k <= 2)
            sqlite3_bind_text(s, 2, k == 1 ? phone.c_str() : mrn.c_str(), -1, SQLITE_STATIC);
          if (k == 0) sqlite3_bind_text(s, 3, "患者", -1, SQLITE_STATIC);
          if (k >= 2 && k <= 4) sqlite3_bind_int64(s, 3, ArchiveToday() - 1 - i % 365);
          const std::string& record = k == 0 || k == 5 ? patient : stay;
          if (k != 1)
            sqlite3_bind_blob(s, 4, record.data(), static_cast<int>(record.size()), SQLITE_STATIC);
          if (k == 5) {
            sqlite3_bind_int64(s, 5, ++seq);
            sqlite3_bind_blob(s, 6, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
          }
          if (sqlite3_step(s) != SQLITE_DONE) {
            std::fprintf(stderr, "%s: %s\n", kSql[k], sqlite3_errmsg(db));
            std::abort();
          }
          sqlite3_reset(s);
        }
      }
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
  }
  for (sqlite3_stmt* s : statements) sqlite3_finalize(s);
  sqlite3_close(db);
  RemoveArchive(path);
  CountItems(state, state.range(0));
}
BENCHMARK_CAPTURE(Bulk_import_sqlite_same_rows, audit4, 4)
    ->Name("Bulk_import/sqlite_same_rows")
    ->Arg(1000)
    ->Arg(50000)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_CAPTURE(Bulk_import_sqlite_same_rows, audit1, 1)
    ->Name("Bulk_import/sqlite_same_rows_1_audit")
    ->Arg(1000)
    ->Arg(50000)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
