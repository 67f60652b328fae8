#include "sim/cluster.hpp"

#include <fmt/format.h>

namespace fluxacct::sim {

Cluster::Cluster(ClusterShape shape)
    : shape_(shape),
      free_(static_cast<std::size_t>(shape.nodes > 0 ? shape.nodes : 0), shape.cores_per_node) {}

std::int64_t Cluster::cores_each(std::int64_t nnodes, std::int64_t ncores) {
  const std::int64_t n = nodes_for(nnodes);
  const std::int64_t c = ncores > 0 ? (ncores + n - 1) / n : 1;
  return c > 0 ? c : 1;
}

bool Cluster::satisfiable(std::int64_t nnodes, std::int64_t ncores) const {
  return nodes_for(nnodes) <= shape_.nodes && cores_each(nnodes, ncores) <= shape_.cores_per_node;
}

std::optional<Allocation> Cluster::find(std::int64_t nnodes, std::int64_t ncores) const {
  if (!satisfiable(nnodes, ncores)) return std::nullopt;
  const std::int64_t want = nodes_for(nnodes);
  Allocation a;
  a.cores_per_node = static_cast<int>(cores_each(nnodes, ncores));
  for (int i = 0; i < shape_.nodes && static_cast<std::int64_t>(a.nodes.size()) < want; ++i)
    if (free_[i] >= a.cores_per_node) a.nodes.push_back(i);
  if (static_cast<std::int64_t>(a.nodes.size()) < want) return std::nullopt;
  return a;
}

void Cluster::take(const Allocation& a) {
  for (int n : a.nodes) free_[n] -= a.cores_per_node;
}

void Cluster::give_back(const Allocation& a) {
  for (int n : a.nodes) free_[n] += a.cores_per_node;
}

std::int64_t Cluster::free_cores_total() const {
  std::int64_t sum = 0;
  for (int f : free_) sum += f;
  return sum;
}

int Cluster::idle_nodes() const {
  int n = 0;
  for (int f : free_) n += f == shape_.cores_per_node;
  return n;
}

std::vector<std::string> Cluster::check() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < free_.size(); ++i)
    if (free_[i] < 0 || free_[i] > shape_.cores_per_node)
      out.push_back(
          fmt::format("node {} has {} free cores of {}", i, free_[i], shape_.cores_per_node));
  return out;
}

}  // namespace fluxacct::sim
