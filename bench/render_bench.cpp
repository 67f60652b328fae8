// Micro-benchmarks of the per-row work every listing does: Python-style
// float text, JSON rows and table rows.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "cli/render.hpp"
#include "core/pyformat.hpp"

namespace {

using fluxacct::MemoryRows;
using fluxacct::Value;

MemoryRows make_rows(int n) {
  MemoryRows rows({"creation_time", "active", "username", "userid", "bank", "shares", "job_usage",
                   "fairshare", "max_nodes", "queues"});
  for (int i = 0; i < n; ++i)
    rows.add({std::int64_t{1767225600}, std::int64_t{1}, "user" + std::to_string(i),
              std::int64_t{100000 + i}, std::string("bank0001"), std::int64_t{1}, i * 10.5,
              0.5 + i * 1e-6, std::int64_t{2147483647}, std::string("batch,debug")});
  return rows;
}

void BM_FloatRepr(benchmark::State& state) {
  double v = 0.142857142857;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fluxacct::py::float_repr(v));
    v += 1e-9;
  }
}
BENCHMARK(BM_FloatRepr);

void BM_RenderJson(benchmark::State& state) {
  auto rows = make_rows(static_cast<int>(state.range(0)));
  std::FILE* devnull = std::fopen("/dev/null", "w");
  fluxacct::cli::Output out(devnull);
  for (auto _ : state) {
    rows.rewind();
    fluxacct::cli::render_json(rows, out);
  }
  std::fclose(devnull);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RenderJson)->Arg(10000);

void BM_RenderTable(benchmark::State& state) {
  auto rows = make_rows(static_cast<int>(state.range(0)));
  std::FILE* devnull = std::fopen("/dev/null", "w");
  fluxacct::cli::Output out(devnull);
  for (auto _ : state) {
    rows.rewind();
    fluxacct::cli::render_table(rows, out);
  }
  std::fclose(devnull);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RenderTable)->Arg(10000);

}  // namespace
