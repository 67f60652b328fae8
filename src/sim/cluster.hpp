// The simulated machine: N nodes of C cores. A job asking for n nodes and
// c cores gets n distinct nodes with ceil(c / n) free cores each (at least
// one), the lowest-numbered nodes that have room — deterministic, and close
// enough to Flux's simple scheduler for accounting what-ifs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fluxacct::sim {

struct ClusterShape {
  int nodes = 4;
  int cores_per_node = 4;
};

// Cores taken on each of a job's nodes.
struct Allocation {
  std::vector<int> nodes;
  int cores_per_node = 0;
  bool empty() const { return nodes.empty(); }
};

class Cluster {
 public:
  explicit Cluster(ClusterShape shape = {});

  // Whether a request could ever fit on an idle machine.
  bool satisfiable(std::int64_t nnodes, std::int64_t ncores) const;
  // An allocation that fits now, or nullopt.
  std::optional<Allocation> find(std::int64_t nnodes, std::int64_t ncores) const;
  void take(const Allocation& a);
  void give_back(const Allocation& a);

  int free_cores(int node) const { return free_[node]; }
  std::int64_t free_cores_total() const;
  int idle_nodes() const;
  const ClusterShape& shape() const { return shape_; }
  // Problems (a node with fewer than 0 or more than C free cores).
  std::vector<std::string> check() const;

  // What find() gives a request of nnodes and ncores, in total: the nodes
  // and the cores on them (which R lists, and update-usage counts).
  static std::int64_t allocated_nodes(std::int64_t nnodes) { return nodes_for(nnodes); }
  static std::int64_t allocated_cores(std::int64_t nnodes, std::int64_t ncores) {
    return nodes_for(nnodes) * cores_each(nnodes, ncores);
  }

 private:
  static std::int64_t nodes_for(std::int64_t nnodes) { return nnodes > 0 ? nnodes : 1; }
  static std::int64_t cores_each(std::int64_t nnodes, std::int64_t ncores);

  ClusterShape shape_;
  std::vector<int> free_;
};

}  // namespace fluxacct::sim
