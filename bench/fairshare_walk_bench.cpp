// Micro-benchmarks of the fair-share walk alone (no database): 1,000,000
// users under 1,000 banks in three levels, as update-fshare and the emulator
// see them. Target: under 1 s per walk.
#include <benchmark/benchmark.h>

#include <string>

#include "core/fairshare_tree.hpp"
#include "core/fairshare_walk.hpp"

namespace {

using fluxacct::FairshareTree;

// root -> 10 divisions -> 9 departments each -> 10 groups each (900 leaf
// banks), users spread evenly over the groups; usage repeats every 97 users
// (so many siblings tie, and some have none).
FairshareTree make_site(int users) {
  FairshareTree tree;
  tree.reserve(static_cast<std::size_t>(users) + 1000);
  const auto root = tree.add_root("root", 1, 0);
  std::vector<FairshareTree::Index> groups;
  for (int d = 0; d < 10; ++d) {
    const auto div = tree.add_bank(root, "div" + std::to_string(d), 1 + d % 3, 0);
    for (int p = 0; p < 9; ++p) {
      const auto dept = tree.add_bank(div, "dept" + std::to_string(d * 9 + p), 1 + p % 4, 0);
      for (int g = 0; g < 10; ++g)
        groups.push_back(tree.add_bank(dept, "grp" + std::to_string(groups.size()), 1 + g % 5, 0));
    }
  }
  for (int i = 0; i < users; ++i) {
    tree.add_user(groups[static_cast<std::size_t>(i) % groups.size()], "user" + std::to_string(i),
                  1 + i % 5, (i % 97) * 10.5);
  }
  tree.roll_up_user_usage();
  return tree;
}

void BM_FairshareWalk(benchmark::State& state, fluxacct::TieOrder order) {
  const FairshareTree tree = make_site(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(fluxacct::walk_fairshare(tree, order));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_FairshareWalk, by_name, fluxacct::TieOrder::kByName)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FairshareWalk, input_order, fluxacct::TieOrder::kInputOrder)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

// Building the tree (names, numbers, roll-up) as a loader does, plus a walk.
void BM_FairshareBuildAndWalk(benchmark::State& state) {
  for (auto _ : state) {
    const FairshareTree tree = make_site(static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(fluxacct::walk_fairshare(tree));
  }
}
BENCHMARK(BM_FairshareBuildAndWalk)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
