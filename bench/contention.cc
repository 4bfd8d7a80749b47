// Fairness under contention: writer processes share one file archive through the C ABI, each
// making calls as fast as it can for a while — front-desk writers (one patient per call) beside
// an optional bulk importer — and every call's latency is kept. Prints, per writer, the calls it
// made and its latency percentiles, and the fairness of the run (the fewest calls any front-desk
// writer made over the most), in Google Benchmark's JSON layout with --json.
//
//   kefu_contention_bench [--writers 4] [--seconds 10] [--importer] [--json FILE] [--dir DIR]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kefu/kefu.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int writers = 4;
  double seconds = 10;
  bool importer = false;
  std::string json, dir = "/tmp";
};

// One writer's calls until the deadline; its latencies in microseconds go to `out` (a pipe).
int Write(const std::string& path, int writer, bool bulk, Clock::time_point deadline, int out) {
  kefu_db* db = nullptr;
  kefu_session* session = nullptr;
  if (kefu_open(path.c_str(), &db) != KEFU_OK ||
      kefu_session_open(db, ("writer-" + std::to_string(writer)).c_str(), &session) != KEFU_OK) {
    return 1;
  }
  std::vector<double> latencies;
  for (int i = 0; Clock::now() < deadline; ++i) {
    std::string request;
    if (bulk) {
      request = "{\"patients\": [";
      for (int k = 0; k < 5000; ++k) {
        request += (k ? "," : "") + std::string("{\"mrn\": \"I") + std::to_string(writer) + "-" +
                   std::to_string(i) + "-" + std::to_string(k) + "\", \"name\": \"n\"}";
      }
      request += "]}";
    } else {
      request = "{\"patient\": {\"mrn\": \"F" + std::to_string(writer) + "-" + std::to_string(i) +
                "\", \"name\": \"n\"}}";
    }
    const char* method =
        bulk ? "kefu.v1.PatientService/Import" : "kefu.v1.PatientService/CreatePatient";
    const auto start = Clock::now();
    kefu_buffer response{nullptr, 0};
    const kefu_status status = kefu_call_json(session, method, request.c_str(), &response);
    kefu_buffer_free(&response);
    latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    if (status != KEFU_OK && status != KEFU_ERR_BUSY) {
      std::fprintf(stderr, "writer %d: %s: %s\n", writer, kefu_status_name(status),
                   kefu_last_error());
      return 1;
    }
  }
  const std::size_t count = latencies.size();
  if (write(out, &count, sizeof count) != sizeof count ||
      write(out, latencies.data(), count * sizeof(double)) !=
          static_cast<ssize_t>(count * sizeof(double))) {
    return 1;
  }
  kefu_session_close(session);
  kefu_close(db);
  return 0;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--writers" && i + 1 < argc)
      o.writers = std::atoi(argv[++i]);
    else if (arg == "--seconds" && i + 1 < argc)
      o.seconds = std::atof(argv[++i]);
    else if (arg == "--importer")
      o.importer = true;
    else if (arg == "--json" && i + 1 < argc)
      o.json = argv[++i];
    else if (arg == "--dir" && i + 1 < argc)
      o.dir = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: %s [--writers N] [--seconds S] [--importer] [--json FILE] [--dir DIR]\n",
                   argv[0]);
      return 2;
    }
  }
  const std::string path = o.dir + "/kefu-contention-" + std::to_string(getpid()) + ".db";
  {
    kefu_db* db = nullptr;  // created once, before the writers start
    if (kefu_open(path.c_str(), &db) != KEFU_OK) return 1;
    kefu_close(db);
  }
  const int total = o.writers + (o.importer ? 1 : 0);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(o.seconds));
  std::vector<int> pipes;
  std::vector<pid_t> children;
  for (int w = 0; w < total; ++w) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      _exit(Write(path, w, o.importer && w == total - 1, deadline, fds[1]));
    }
    close(fds[1]);
    pipes.push_back(fds[0]);
    children.push_back(pid);
  }
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(total));
  for (int w = 0; w < total; ++w) {
    std::size_t count = 0;
    auto& mine = latencies[static_cast<std::size_t>(w)];
    if (read(pipes[static_cast<std::size_t>(w)], &count, sizeof count) == sizeof count) {
      mine.resize(count);
      std::size_t got = 0;
      auto* bytes = reinterpret_cast<char*>(mine.data());
      while (got < count * sizeof(double)) {
        const ssize_t n =
            read(pipes[static_cast<std::size_t>(w)], bytes + got, count * sizeof(double) - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
      }
    }
    int status = 0;
    waitpid(children[static_cast<std::size_t>(w)], &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "writer %d failed\n", w);
      return 1;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());

  std::size_t fewest = SIZE_MAX, most = 0;
  std::string rows;
  std::printf("%-10s %8s %10s %10s %10s\n", "writer", "calls", "p50 ms", "p99 ms", "max ms");
  for (int w = 0; w < total; ++w) {
    const auto& mine = latencies[static_cast<std::size_t>(w)];
    const bool bulk = o.importer && w == total - 1;
    if (!bulk) {
      fewest = std::min(fewest, mine.size());
      most = std::max(most, mine.size());
    }
    const double p50 = Percentile(mine, 0.5) / 1000, p99 = Percentile(mine, 0.99) / 1000,
                 max = Percentile(mine, 1.0) / 1000;
    const std::string name = bulk ? "importer" : "desk-" + std::to_string(w);
    std::printf("%-10s %8zu %10.2f %10.2f %10.2f\n", name.c_str(), mine.size(), p50, p99, max);
    char row[512];
    std::snprintf(row, sizeof row,
                  "%s{\"name\": \"Contention/%s/%d\", \"run_name\": \"Contention/%s/%d\", "
                  "\"run_type\": \"iteration\", \"iterations\": %zu, \"real_time\": %.3f, "
                  "\"cpu_time\": %.3f, \"time_unit\": \"ms\", \"p50_ms\": %.3f, \"p99_ms\": %.3f, "
                  "\"max_ms\": %.3f, \"calls\": %zu}",
                  rows.empty() ? "" : ", ", name.c_str(), total, name.c_str(), total, mine.size(),
                  p50, p50, p50, p99, max, mine.size());
    rows += row;
  }
  const double fairness = most == 0 ? 0 : static_cast<double>(fewest) / static_cast<double>(most);
  std::printf("fairness (fewest / most calls of a front-desk writer): %.2f\n", fairness);
  if (!o.json.empty()) {
    FILE* f = std::fopen(o.json.c_str(), "w");
    if (f == nullptr) return 1;
    std::fprintf(f, "{\"context\": {\"fairness\": %.3f}, \"benchmarks\": [%s]}\n", fairness,
                 rows.c_str());
    std::fclose(f);
  }
  return 0;
}
