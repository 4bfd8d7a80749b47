// The daily worklist's lookup: every pending task due on or before a day, over N active plans
// (one live task each, about 3 % of them due on the day, as a hospital's spread of discharges
// gives). kefu's in-memory due index (the library's real path, rebuilt from the store as on open)
// against a plain day-bucket index (the practical limit) and SQLite alone (an indexed SELECT, with
// a plain and with a covering index). Names are Q2_worklist/<approach>/<plans>; items are plans;
// the counter due is the number of tasks found, bytes_per_plan the index's heap per plan.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <random>
#include <string>
#include <vector>

#include "followup/due_index.hpp"
#include "followup/plan_store.hpp"
#include "rpc/open.hpp"
#include "support/bench_support.hpp"

namespace {

using kefu::Day;

constexpr Day kToday = 20780;  // 2026-11-23

// Each plan's next call day: 3 % due today or overdue (up to a week), the rest spread over the
// coming 90 days, as the windows of a five-year patient population fall.
std::vector<Day> NextDays(std::size_t plans) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> percent(0, 99), overdue(0, 6), ahead(1, 90);
  std::vector<Day> days(plans);
  for (Day& d : days) d = percent(rng) < 3 ? kToday - overdue(rng) : kToday + ahead(rng);
  return days;
}

// An archive whose tasks table holds one pending task per plan (only what the index reads).
struct Archive {
  std::unique_ptr<kefu::Db> db;
  std::unique_ptr<kefu::Session> session;
  explicit Archive(const std::vector<Day>& days, bool covering = true) {
    if (!kefu::rpc::OpenArchive(":memory:", &db).ok() ||
        !kefu::Session::Open(*db, "bench", &session).ok()) {
      std::abort();
    }
    (void)session->Write([&](kefu::store::Connection& c) {
      if (!covering) {
        (void)c.Exec("DROP INDEX tasks_pending; CREATE INDEX tasks_next ON tasks (next_day)");
      }
      (void)c.Exec(
          "INSERT INTO patients (id, mrn, name, status, record) VALUES (1, 'B', 'b', 1, x'')");
      (void)c.Exec("INSERT INTO plans (id, patient_id, state, record) VALUES (1, 1, 1, x'')");
      kefu::store::Statement insert;
      (void)c.Prepare(
          "INSERT INTO tasks (plan_id, patient_id, state, next_day, due_day, record) "
          "VALUES (1, 1, 1, ?, ?, x'')",
          &insert);
      for (Day d : days) {
        (void)insert.Bind(1, std::int64_t{d}).Bind(2, std::int64_t{d + 6}).Run();
        insert.Reset();
      }
      return kefu::Status::Ok();
    });
  }
};

std::size_t HeapInUse() { return mallinfo2().uordblks; }

void BM_WorklistDueIndex(benchmark::State& state) {
  const auto days = NextDays(static_cast<std::size_t>(state.range(0)));
  Archive archive(days);
  const std::size_t before = HeapInUse();
  auto& index = kefu::followup::DueIndex::Of(*archive.db);
  (void)archive.session->Read([&](kefu::store::Connection& c) { return index.Load(c); });
  const std::size_t bytes = HeapInUse() - before;
  std::size_t found = 0;
  for (auto _ : state) {
    std::vector<std::int64_t> ids;
    (void)archive.session->Read(
        [&](kefu::store::Connection& c) { return index.Due(c, kToday, &ids); });
    found = ids.size();
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["due"] = static_cast<double>(found);
  state.counters["bytes_per_plan"] = static_cast<double>(bytes) / static_cast<double>(days.size());
}
BENCHMARK(BM_WorklistDueIndex)
    ->Name("Q2_worklist/kefu_due_index")
    ->Apply(kefu_bench::AllSizes)
    ->Unit(benchmark::kMicrosecond);

// Baseline: plan ids bucketed by day in plain vectors, no store, no checks.
void BM_BaselineDayBuckets(benchmark::State& state) {
  const auto days = NextDays(static_cast<std::size_t>(state.range(0)));
  std::vector<std::vector<std::int64_t>> buckets(200);
  const Day base = kToday - 100;
  for (std::size_t i = 0; i < days.size(); ++i)
    buckets[static_cast<std::size_t>(days[i] - base)].push_back(static_cast<std::int64_t>(i));
  std::size_t found = 0;
  for (auto _ : state) {
    std::vector<std::int64_t> ids;
    for (Day d = base; d <= kToday; ++d) {
      const auto& b = buckets[static_cast<std::size_t>(d - base)];
      ids.insert(ids.end(), b.begin(), b.end());
    }
    found = ids.size();
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["due"] = static_cast<double>(found);
}
BENCHMARK(BM_BaselineDayBuckets)
    ->Name("Q2_worklist/day_buckets")
    ->Apply(kefu_bench::AllSizes)
    ->Unit(benchmark::kMicrosecond);

// Baseline: SQLite alone, the worklist as one indexed SELECT.
void SqliteWorklist(benchmark::State& state, bool covering) {
  const auto days = NextDays(static_cast<std::size_t>(state.range(0)));
  Archive archive(days, covering);
  std::size_t found = 0;
  for (auto _ : state) {
    std::vector<std::int64_t> ids;
    (void)archive.session->Read([&](kefu::store::Connection& c) {
      kefu::store::Statement s;
      KEFU_RETURN_IF_ERROR(c.Prepare(covering
                                         ? "SELECT id FROM tasks WHERE state = 1 AND next_day <= ?"
                                         : "SELECT id FROM tasks WHERE next_day <= ? AND state = 1",
                                     &s));
      s.Bind(1, std::int64_t{kToday});
      bool row = false;
      while (s.Step(&row).ok() && row) ids.push_back(s.Int(0));
      return kefu::Status::Ok();
    });
    found = ids.size();
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["due"] = static_cast<double>(found);
}
void BM_BaselineSqliteCovering(benchmark::State& state) { SqliteWorklist(state, true); }
void BM_BaselineSqlitePlainIndex(benchmark::State& state) { SqliteWorklist(state, false); }
BENCHMARK(BM_BaselineSqliteCovering)
    ->Name("Q2_worklist/sqlite_covering_index")
    ->Apply(kefu_bench::AllSizes)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BaselineSqlitePlainIndex)
    ->Name("Q2_worklist/sqlite_plain_index")
    ->Apply(kefu_bench::AllSizes)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
