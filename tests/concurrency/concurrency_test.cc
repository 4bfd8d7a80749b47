// Many threads, each with its own session, and several processes, writing and reading the same
// archive at once through the C ABI: afterwards every acknowledged write is there, the counts add
// up, and the audit chain verifies. Built and run under ThreadSanitizer in CI as well.
// Usage: kefu_concurrency_test ARCHIVE_DIR   (KEFU_CONCURRENCY_SCALE=10 runs ten times as long)
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "kefu/kefu.h"
#include "kefu/v1/maintenance.pb.h"

namespace {

int scale = 1;

struct Session {
  kefu_db* db = nullptr;
  kefu_session* s = nullptr;
  Session(kefu_db* shared, const std::string& actor) {
    if (kefu_session_open(shared, actor.c_str(), &s) != KEFU_OK) s = nullptr;
  }
  ~Session() { kefu_session_close(s); }
  bool Call(const char* method, const std::string& json, std::string* out = nullptr) {
    kefu_buffer response{nullptr, 0};
    const kefu_status status = kefu_call_json(s, method, json.c_str(), &response);
    if (status == KEFU_OK && out != nullptr) {
      out->assign(reinterpret_cast<char*>(response.data), response.size);
    }
    if (status != KEFU_OK) std::fprintf(stderr, "%s: %s\n", method, kefu_last_error());
    kefu_buffer_free(&response);
    return status == KEFU_OK;
  }
};

std::string PatientJson(const std::string& mrn) {
  return R"({"patient": {"mrn": ")" + mrn + R"(", "name": "并发", "phones": [{"number": "1390000)" +
         std::to_string(1000 + mrn.size()) + R"("}]}})";
}

std::string DischargeJson(const std::string& mrn) {
  return R"({"encounter": {"patientMrn": ")" + mrn + R"(", "hisVisitId": "V-)" + mrn +
         R"(", "department": "内科", "admissionDate": {"year": 2026, "month": 11, "day": 1},
         "dischargeDate": {"year": 2026, "month": 11, "day": 20}}})";
}

// Every writer opens the archive on the same simulated day, 2026-11-23 12:00 in China, so that
// the calls it records fall inside the windows they are for whatever the date of the run.
kefu_status Open(const std::string& path, kefu_db** db) {
  kefu::v1::OpenOptions options;
  options.mutable_simulated_clock()->set_now_ms(1795406400000);
  const std::string bytes = options.SerializeAsString();
  return kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), db);
}

// One writer: patients, each discharged (which opens a follow-up plan and its first task), each
// first task called and reached (a contact in the timeline, the next task opened); every write
// checked. Seven audit entries a patient.
int Write(kefu_db* db, const std::string& who, int count) {
  Session session(db, who);
  if (session.s == nullptr) return 1;
  int failures = 0;
  for (int i = 0; i < count; ++i) {
    const std::string mrn = who + "-" + std::to_string(i);
    std::string plans;
    if (!session.Call("kefu.v1.PatientService/CreatePatient", PatientJson(mrn)) ||
        !session.Call("kefu.v1.EncounterService/Discharge", DischargeJson(mrn)) ||
        !session.Call("kefu.v1.FollowUpService/ListPlans", R"({"patientMrn": ")" + mrn + "\"}",
                      &plans)) {
      ++failures;
      continue;
    }
    // The plan's first task, called and reached: the outcome opens the next contact.
    const std::string key = "\"tasks\":[{\"id\":\"";
    const auto at = plans.find(key);
    const auto start = at + key.size();
    const std::string task =
        at == std::string::npos ? "0" : plans.substr(start, plans.find('"', start) - start);
    if (!session.Call("kefu.v1.FollowUpService/RecordAttempt",
                      R"({"taskId": ")" + task +
                          R"(", "outcome": "CALL_OUTCOME_REACHED", "notes": "well"})")) {
      ++failures;
    }
  }
  return failures;
}

// One reader: searches and reads while the writers work; a read may never fail.
int Read(kefu_db* db, const std::atomic<bool>& stop) {
  Session session(db, "reader");
  int failures = 0;
  while (!stop) {
    std::string out;
    if (!session.Call("kefu.v1.PatientService/ListPatients", R"({"pageSize": 100})", &out) ||
        !session.Call("kefu.v1.MaintenanceService/GetInfo", "{}", &out) ||
        !session.Call("kefu.v1.AuditService/ListAudit", R"({"pageSize": 20})", &out)) {
      ++failures;
    }
  }
  return failures;
}

int Run(const std::string& path, int threads, int processes, int each) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  kefu_db* db = nullptr;
  if (Open(path, &db) != KEFU_OK) {
    std::fprintf(stderr, "open %s: %s\n", path.c_str(), kefu_last_error());
    return 1;
  }
  std::vector<pid_t> children;
  const bool file = path != ":memory:";
  for (int p = 0; file && p < processes; ++p) {
    const pid_t pid = fork();
    if (pid == 0) {
      kefu_db* own = nullptr;
      if (Open(path, &own) != KEFU_OK) _exit(2);
      const int failures = Write(own, "proc" + std::to_string(p), each);
      kefu_close(own);
      _exit(failures == 0 ? 0 : 3);
    }
    children.push_back(pid);
  }
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers, writers;
  for (int r = 0; r < 2; ++r) readers.emplace_back([&] { failures += Read(db, stop); });
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] { failures += Write(db, "thread" + std::to_string(t), each); });
  }
  for (auto& w : writers) w.join();
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
  }
  stop = true;
  for (auto& r : readers) r.join();

  Session check(db, "checker");
  std::string info, integrity;
  check.Call("kefu.v1.MaintenanceService/GetInfo", "{}", &info);
  check.Call("kefu.v1.MaintenanceService/CheckIntegrity", "{}", &integrity);
  const int writers_total = threads + (file ? processes : 0);
  const long patients = static_cast<long>(writers_total) * each;
  const std::string want = "\"patients\":\"" + std::to_string(patients) + "\",\"encounters\":\"" +
                           std::to_string(patients) + "\",\"contacts\":\"" +
                           std::to_string(patients) + "\",\"auditEntries\":\"" +
                           std::to_string(7 * patients) + "\"";
  bool ok = failures == 0 && info.find(want) != std::string::npos &&
            integrity.find("\"ok\":true") != std::string::npos &&
            integrity.find("\"auditOk\":true") != std::string::npos;
  kefu_close(db);
  // The writers' queue beside the archive goes with its last user.
  struct stat queue = {};
  const bool queue_left = file && stat((path + "-queue").c_str(), &queue) == 0;
  ok = ok && !queue_left;
  std::printf("%s: %d writer threads, %d writer processes, %d each: %s\n", path.c_str(), threads,
              file ? processes : 0, each,
              ok ? "every write present, audit chain verifies" : "FAILED");
  if (!ok)
    std::printf("  failures %d\n  info %s\n  integrity %s\n  queue file left: %s\n",
                failures.load(), info.c_str(), integrity.c_str(), queue_left ? "yes" : "no");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kefu_concurrency_test ARCHIVE_DIR\n");
    return 2;
  }
  if (const char* env = std::getenv("KEFU_CONCURRENCY_SCALE")) scale = std::max(1, std::atoi(env));
  const std::string dir = argv[1];
  int rc = Run(dir + "/concurrency.db", 6, 3, 25 * scale);
  rc |= Run(":memory:", 6, 0, 25 * scale);  // sessions sharing one in-memory connection
  return rc;
}
