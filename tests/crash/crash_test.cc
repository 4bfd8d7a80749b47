// The crash test: a child writes through the C ABI and is killed with SIGKILL at a random moment,
// many times. After each kill the archive must open, pass its integrity check (SQLite's and the
// audit chain's), and hold every write the child had been told was committed.
// Usage: crash_test WRITER ARCHIVE [ITERATIONS]   (KEFU_CRASH_ITERATIONS overrides the count)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kefu/kefu.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "crash test FAILED: %s\n", what.c_str());
  return 1;
}

// Runs the writer from `first` and kills it after `delay`; returns the acknowledged numbers.
std::vector<long> RunAndKill(const char* writer, const char* archive, long first,
                             std::chrono::milliseconds delay) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    const std::string start = std::to_string(first);
    execl(writer, writer, archive, start.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[1]);
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  std::vector<long> acknowledged;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a line cut by the kill was never acknowledged
    acknowledged.push_back(std::atol(text.c_str() + start));
    start = end + 1;
  }
  if (WIFEXITED(status)) std::fprintf(stderr, "writer exited early with %d\n", WEXITSTATUS(status));
  return acknowledged;
}

bool Call(kefu_session* s, const char* method, const std::string& json, std::string* out) {
  kefu_buffer response{nullptr, 0};
  if (kefu_call_json(s, method, json.c_str(), &response) != KEFU_OK) {
    *out = kefu_last_error();
    return false;
  }
  out->assign(reinterpret_cast<char*>(response.data), response.size);
  kefu_buffer_free(&response);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: crash_test WRITER ARCHIVE [ITERATIONS]");
  const char* writer = argv[1];
  const char* archive = argv[2];
  int iterations = argc > 3 ? std::atoi(argv[3]) : 10;
  if (const char* env = std::getenv("KEFU_CRASH_ITERATIONS")) iterations = std::atoi(env);
  for (const char* suffix : {"", "-wal", "-shm"})
    std::remove((std::string(archive) + suffix).c_str());

  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(30, 400);
  std::vector<long> all;
  for (int i = 0; i < iterations; ++i) {
    const long first = static_cast<long>(i) * 1000000;
    const auto acknowledged =
        RunAndKill(writer, archive, first, std::chrono::milliseconds(delay_ms(rng)));
    all.insert(all.end(), acknowledged.begin(), acknowledged.end());

    kefu_db* db = nullptr;
    kefu_session* s = nullptr;
    if (kefu_open(archive, &db) != KEFU_OK)
      return Fail(std::string("reopen: ") + kefu_last_error());
    if (kefu_session_open(db, "checker", &s) != KEFU_OK) return Fail(kefu_last_error());
    std::string out;
    if (!Call(s, "kefu.v1.MaintenanceService/CheckIntegrity", "{}", &out)) return Fail(out);
    if (out.find("\"ok\":true") == std::string::npos) return Fail("integrity: " + out);
    for (long n : all) {
      if (!Call(s, "kefu.v1.EncounterService/GetEncounter",
                "{\"hisVisitId\": \"V" + std::to_string(n) + "\"}", &out)) {
        return Fail("acknowledged write " + std::to_string(n) + " is lost: " + out);
      }
    }
    kefu_session_close(s);
    kefu_close(db);
    std::printf("kill %d: %zu writes acknowledged so far, all present, archive intact\n", i + 1,
                all.size());
  }
  if (all.empty()) return Fail("the writer never acknowledged a write");
  std::printf("crash test passed: %d kills, %zu acknowledged writes checked\n", iterations,
              all.size());
  return 0;
}
