// The limits the engine enforces, in upstream's order: hard limits in the
// order job.validate checks them (spec §4.9), soft limits in the order
// job.state.depend adds their dependencies.
#pragma once

#include <memory>
#include <vector>

#include "core/engine/limit.hpp"

namespace fluxacct::engine {

// Engine policy switches.
// (The queue per-job limits are switched by the data, not here: see
// Catalog::enforce_queue_job_limits.)
struct LimitOptions {
  // Hold jobs past their queue's total max_nodes/max_cores across all
  // associations (not enforced upstream, §6.5).
  bool enforce_queue_totals = true;
};

inline constexpr std::size_t kMaxSoftLimits = 16;  // bits of Job::deps

class LimitSet {
 public:
  explicit LimitSet(const LimitOptions& options = {});

  // Limits with a hard facet, in the order they are checked at submit.
  const std::vector<const Limit*>& hard() const { return hard_; }
  // Limits with a soft facet; index i is bit i of Job::deps.
  const std::vector<const Limit*>& soft() const { return soft_; }
  // The soft index of a dependency name, or -1.
  int soft_index(std::string_view dependency) const;
  // Bits of Job::deps whose limits have Scope::Queue.
  std::uint16_t queue_mask() const { return queue_mask_; }

 private:
  std::vector<std::unique_ptr<Limit>> owned_;
  std::vector<const Limit*> hard_, soft_;
  std::uint16_t queue_mask_ = 0;
};

// The built-in limits (limits_association.cpp, limits_queue.cpp).
std::unique_ptr<Limit> max_active_jobs_limit();
std::unique_ptr<Limit> max_running_jobs_limit();
std::unique_ptr<Limit> max_sched_jobs_limit();
std::unique_ptr<Limit> association_resources_limit();
std::unique_ptr<Limit> queue_running_jobs_limit();
std::unique_ptr<Limit> queue_sched_jobs_limit();
std::unique_ptr<Limit> queue_sched_nodes_limit();
std::unique_ptr<Limit> queue_sched_cores_limit();
std::unique_ptr<Limit> queue_resources_limit();
std::unique_ptr<Limit> queue_job_size_limit();
std::unique_ptr<Limit> queue_job_time_limit();
std::unique_ptr<Limit> queue_totals_limit();

}  // namespace fluxacct::engine
