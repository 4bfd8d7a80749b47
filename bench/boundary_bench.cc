// The cost of the boundary: what a call through kefu_call costs on top of the work it does.
//   Empty_call/binary, Empty_call/json  SystemService/GetVersion (no input, a few strings out)
//   Q1_boundary/typed                    kefu_cadence_next: the typed C function
//   Q1_boundary/call_binary              CadenceService/Next through kefu_call, the request built
//                                        and the response parsed with the caller's own kefu.v1
//                                        classes, as a C++ HIS does
//   Q1_boundary/call_json                the same through kefu_call_json (request text formatted,
//                                        response text left unparsed)
// Items are calls (anchors for Q1). All go through libkefu.so, as a hospital links it.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "kefu/kefu.h"
#include "kefu/v1/cadence.pb.h"
#include "support/bench_support.hpp"
#include "support/client_dates.hpp"

namespace {

using kefu_bench::Anchors;
using kefu_bench::CountItems;
using kefu_bench::SetDate;
using kefu_bench::Today;

constexpr const char* kGetVersion = "kefu.v1.SystemService/GetVersion";
constexpr const char* kNext = "kefu.v1.CadenceService/Next";

// An in-memory archive and one session on it, for the whole run.
kefu_session* Session() {
  static kefu_session* session = [] {
    kefu_db* db = nullptr;
    kefu_session* s = nullptr;
    if (kefu_open(":memory:", &db) != KEFU_OK || kefu_session_open(db, "bench", &s) != KEFU_OK) {
      std::abort();
    }
    return s;
  }();
  return session;
}

void Empty_call_binary(benchmark::State& state) {
  kefu_buffer response{nullptr, 0};
  for (auto _ : state) {
    if (kefu_call(Session(), kGetVersion, nullptr, 0, &response) != KEFU_OK) {
      state.SkipWithError(kefu_last_error());
      break;
    }
    benchmark::DoNotOptimize(response.data);
    kefu_buffer_free(&response);
  }
  CountItems(state, 1);
}
BENCHMARK(Empty_call_binary)->Name("Empty_call/binary");

void Empty_call_json(benchmark::State& state) {
  kefu_buffer response{nullptr, 0};
  for (auto _ : state) {
    if (kefu_call_json(Session(), kGetVersion, "{}", &response) != KEFU_OK) {
      state.SkipWithError(kefu_last_error());
      break;
    }
    benchmark::DoNotOptimize(response.data);
    kefu_buffer_free(&response);
  }
  CountItems(state, 1);
}
BENCHMARK(Empty_call_json)->Name("Empty_call/json");

void Q1_boundary_typed(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  kefu_cadence* standard = nullptr;
  kefu_cadence_builtin("standard", &standard);
  kefu_window w;
  for (auto _ : state) {
    for (std::int32_t a : anchors) {
      kefu_cadence_next(standard, a, Today(), &w);
      benchmark::DoNotOptimize(w);
    }
  }
  kefu_cadence_free(standard);
  CountItems(state, state.range(0));
}
BENCHMARK(Q1_boundary_typed)->Name("Q1_boundary/typed")->Apply(kefu_bench::UpTo1e5);

void Q1_boundary_call_binary(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  kefu::v1::NextRequest request;
  request.set_builtin("standard");
  SetDate(Today(), request.mutable_on_or_after());
  kefu::v1::NextResponse reply;
  std::string bytes;
  kefu_buffer response{nullptr, 0};
  for (auto _ : state) {
    for (std::int32_t a : anchors) {
      SetDate(a, request.mutable_anchor());
      request.SerializeToString(&bytes);
      if (kefu_call(Session(), kNext, bytes.data(), bytes.size(), &response) != KEFU_OK ||
          !reply.ParseFromArray(response.data, static_cast<int>(response.size))) {
        state.SkipWithError(kefu_last_error());
        return;
      }
      benchmark::DoNotOptimize(reply.window().seq());
      kefu_buffer_free(&response);
    }
  }
  CountItems(state, state.range(0));
}
BENCHMARK(Q1_boundary_call_binary)->Name("Q1_boundary/call_binary")->Apply(kefu_bench::UpTo1e5);

void Q1_boundary_call_json(benchmark::State& state) {
  const auto anchors = Anchors(static_cast<std::size_t>(state.range(0)));
  char request[160];
  kefu_buffer response{nullptr, 0};
  for (auto _ : state) {
    for (std::int32_t a : anchors) {
      int y = 0, m = 0, d = 0;
      kefu_date_to_ymd(a, &y, &m, &d);
      std::snprintf(request, sizeof request,
                    "{\"builtin\":\"standard\",\"anchor\":{\"year\":%d,\"month\":%d,\"day\":%d},"
                    "\"onOrAfter\":{\"year\":2026,\"month\":11,\"day\":23}}",
                    y, m, d);
      if (kefu_call_json(Session(), kNext, request, &response) != KEFU_OK) {
        state.SkipWithError(kefu_last_error());
        return;
      }
      benchmark::DoNotOptimize(response.data);
      kefu_buffer_free(&response);
    }
  }
  CountItems(state, state.range(0));
}
BENCHMARK(Q1_boundary_call_json)->Name("Q1_boundary/call_json")->Apply(kefu_bench::UpTo1e5);

}  // namespace

BENCHMARK_MAIN();
