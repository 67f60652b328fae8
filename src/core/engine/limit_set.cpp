#include "core/engine/limit_set.hpp"

namespace fluxacct::engine {

LimitSet::LimitSet(const LimitOptions& options) {
  auto add = [&](std::unique_ptr<Limit> l) {
    owned_.push_back(std::move(l));
    return owned_.back().get();
  };
  const Limit* max_active = add(max_active_jobs_limit());
  const Limit* running = add(max_running_jobs_limit());
  const Limit* sched = add(max_sched_jobs_limit());
  const Limit* assoc_resources = add(association_resources_limit());
  const Limit* q_running = add(queue_running_jobs_limit());
  const Limit* q_sched = add(queue_sched_jobs_limit());
  const Limit* q_sched_nodes = add(queue_sched_nodes_limit());
  const Limit* q_sched_cores = add(queue_sched_cores_limit());
  const Limit* q_resources = add(queue_resources_limit());

  // job.validate, spec §4.9 items 7, 9, 10; then the §6.5 additions (the
  // per-job ones check Catalog::enforce_queue_job_limits themselves).
  hard_ = {max_active, q_resources, assoc_resources, add(queue_job_size_limit()),
           add(queue_job_time_limit())};
  // job.state.depend, spec §4.9 table order; then the §6.5 addition.
  soft_ = {q_running,   q_sched, q_sched_nodes, q_sched_cores,
           q_resources, running, sched,         assoc_resources};
  if (options.enforce_queue_totals) {
    const Limit* totals = add(queue_totals_limit());
    hard_.push_back(totals);
    soft_.push_back(totals);
  }
  for (std::size_t i = 0; i < soft_.size(); ++i)
    if (soft_[i]->scope() == Scope::Queue) queue_mask_ |= static_cast<std::uint16_t>(1u << i);
}

int LimitSet::soft_index(std::string_view dependency) const {
  for (std::size_t i = 0; i < soft_.size(); ++i)
    if (soft_[i]->dependency() == dependency) return static_cast<int>(i);
  return -1;
}

}  // namespace fluxacct::engine
