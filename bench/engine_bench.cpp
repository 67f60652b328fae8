// Micro-benchmarks of the priority engine (src/core/engine): a site of
// 10,000 associations (5,000 users in 2 banks) and two queues. Targets (issue #6): >= 1,000,000 job
// events/s on one core, re-scoring 100,000 pending jobs < 50 ms, < 256 bytes per pending job.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>
#include <string>

#include "core/engine/engine.hpp"

namespace {

using namespace fluxacct::engine;

constexpr std::uint32_t kUsers = 5000;
const std::string kBanks[] = {"A", "B"};

std::unique_ptr<Engine> make_engine() {
  auto e = std::make_unique<Engine>();
  DataUpdate u;
  std::vector<AssociationRecord> v;
  for (std::uint32_t uid = 0; uid < kUsers; ++uid)
    for (const std::string& bank : kBanks) {
      AssociationRecord a;
      a.userid = 10000 + uid;
      a.bank = bank;
      a.def_bank = kBanks[0];
      a.fairshare = (uid % 997) / 997.0;
      a.max_running_jobs = 1000;
      a.max_active_jobs = 0;  // unlimited: the walk below keeps many pending
      a.queues = {"batch", "debug"};
      a.projects = {"*"};
      v.push_back(a);
    }
  u.associations = v;
  QueueRecord batch;
  batch.queue = "batch";
  batch.priority = 10;
  batch.max_nodes_per_job = batch.max_time_per_job = kIntMax;
  QueueRecord debug = batch;
  debug.queue = "debug";
  debug.priority = 100;
  u.queues = std::vector<QueueRecord>{batch, debug};
  u.projects = std::vector<std::string>{"*"};
  e->apply(u);
  return e;
}

JobRequest request(std::uint64_t i) {
  JobRequest r;
  r.userid = 10000 + static_cast<std::uint32_t>(i % kUsers);
  r.bank = kBanks[(i / kUsers) % 2];
  r.queue = (i % 3) ? "batch" : "debug";
  r.nnodes = 1 + static_cast<std::int64_t>(i % 4);
  r.ncores = 4 * r.nnodes;
  r.duration = 3600;
  return r;
}

// Whole lives: validate, new, depend, priority, sched, run, inactive (7
// events per job), with 10,000 jobs in flight so association and queue
// counters, the job index and the free lists are all in use.
void BM_EngineJobEvents(benchmark::State& state) {
  auto e = make_engine();
  Decisions out;
  constexpr std::uint64_t kInFlight = 10000;
  std::uint64_t next = 1;
  auto start_one = [&](std::uint64_t id) {
    const JobRequest r = request(id);
    if (e->validate(r)) std::abort();
    e->new_job(id, r, out);
    e->depend(id, out);
    e->priority(id, out);
    e->sched(id, out);
  };
  for (; next <= kInFlight; ++next) start_one(next);
  std::uint64_t oldest = 1;
  for (auto _ : state) {
    out.clear();
    e->run(oldest, out);
    e->inactive(oldest, out);
    ++oldest;
    start_one(next++);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 7, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EngineJobEvents);

// 100,000 pending jobs (PRIORITY) re-scored after new data: the engine's
// share of "reprioritize" (release pass + a priority per pending job).
void BM_EngineReprioritize100k(benchmark::State& state) {
  auto e = make_engine();
  Decisions out;
  for (std::uint64_t id = 1; id <= 100000; ++id) {
    e->new_job(id, request(id), out);
    e->depend(id, out);
    e->priority(id, out);
    out.clear();
  }
  out.reserve(100000);
  for (auto _ : state) {
    out.clear();
    e->reprioritize(out);
    e->priorities(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["jobs"] = 100000;
}
BENCHMARK(BM_EngineReprioritize100k)->Unit(benchmark::kMillisecond);

// Heap bytes the engine holds per pending job (glibc mallinfo2: bytes in
// use after 200,000 pending jobs minus before, over 200,000).
void BM_EngineBytesPerPendingJob(benchmark::State& state) {
  double per_job = 0;
  for (auto _ : state) {
    auto e = make_engine();
    Decisions out;
    // Small blocks (uordblks) and blocks glibc maps directly (hblkhd), as
    // the job table and index grow past the mmap threshold.
    const std::size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
    constexpr std::uint64_t kJobs = 200000;
    for (std::uint64_t id = 1; id <= kJobs; ++id) {
      e->new_job(id, request(id), out);
      e->depend(id, out);
      e->priority(id, out);
      out.clear();
    }
    out.shrink_to_fit();
    const std::size_t after = mallinfo2().uordblks + mallinfo2().hblkhd;
    per_job = static_cast<double>(after - before) / kJobs;
  }
  state.counters["bytes/job"] = per_job;
}
BENCHMARK(BM_EngineBytesPerPendingJob)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
