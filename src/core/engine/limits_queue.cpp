// Limits of a queue: per association (running and SCHED jobs, nodes, cores),
// per job (size, time: §6.5; only when the data switch them on, see
// Catalog::enforce_queue_job_limits) and in total across all associations
// (§6.5).
// A job that names no queue, or one accounting does not know, is unlimited.
#include <fmt/format.h>

#include <cmath>

#include "core/engine/limit_set.hpp"

namespace fluxacct::engine {
namespace {

class QueueRunningJobs final : public Limit {
 public:
  std::string_view dependency() const override { return "max-run-jobs-queue"; }
  bool blocks(const LimitView& v) const override {
    return v.queue && v.usage.run_jobs + v.usage.reserved.to_run_jobs >= v.queue->max_running_jobs;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    return {{"running jobs of the association in the queue", v.usage.run_jobs,
             v.usage.reserved.to_run_jobs, v.queue->max_running_jobs, 1}};
  }
};

class QueueSchedJobs final : public Limit {
 public:
  std::string_view dependency() const override { return "max-sched-jobs-queue-limit"; }
  bool blocks(const LimitView& v) const override {
    return v.queue &&
           v.usage.sched_jobs + v.usage.reserved.to_sched_jobs >= v.queue->max_sched_jobs;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    return {{"jobs of the association in SCHED in the queue", v.usage.sched_jobs,
             v.usage.reserved.to_sched_jobs, v.queue->max_sched_jobs, 1}};
  }
};

class QueueSchedNodes final : public Limit {
 public:
  std::string_view dependency() const override { return "max-sched-nodes-queue-limit"; }
  bool blocks(const LimitView& v) const override {
    return v.queue && v.usage.sched_nodes + v.usage.reserved.to_sched_nodes + v.job.nnodes >
                          v.queue->max_sched_nodes_per_assoc;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    return {{"nodes of the association's jobs in SCHED in the queue", v.usage.sched_nodes,
             v.usage.reserved.to_sched_nodes, v.queue->max_sched_nodes_per_assoc, v.job.nnodes}};
  }
};

class QueueSchedCores final : public Limit {
 public:
  std::string_view dependency() const override { return "max-sched-cores-queue-limit"; }
  bool blocks(const LimitView& v) const override {
    return v.queue && v.usage.sched_cores + v.usage.reserved.to_sched_cores + v.job.ncores >
                          v.queue->max_sched_cores_per_assoc;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    return {{"cores of the association's jobs in SCHED in the queue", v.usage.sched_cores,
             v.usage.reserved.to_sched_cores, v.queue->max_sched_cores_per_assoc, v.job.ncores}};
  }
};

// Nodes of the association's jobs in the queue, RUN and SCHED (#795).
class QueueResources final : public Limit {
 public:
  std::string_view dependency() const override { return "max-resources-queue"; }
  bool needs_resources() const override { return true; }
  std::optional<std::string> reject(const LimitView& v, bool) const override {
    if (v.queue && v.job.nnodes > v.queue->max_nodes_per_assoc)
      return fmt::format(
          "job size ({} node(s)) is greater than max resources limit configured for queue ({} "
          "node(s))",
          v.job.nnodes, v.queue->max_nodes_per_assoc);
    return std::nullopt;
  }
  bool blocks(const LimitView& v) const override {
    return v.queue && v.usage.run_nodes + v.usage.sched_nodes + v.usage.reserved.to_sched_nodes +
                              v.job.nnodes >
                          v.queue->max_nodes_per_assoc;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    return {{"nodes of the association's jobs in the queue (RUN and SCHED)",
             v.usage.run_nodes + v.usage.sched_nodes, v.usage.reserved.to_sched_nodes,
             v.queue->max_nodes_per_assoc, v.job.nnodes}};
  }
};

class QueueJobSize final : public Limit {
 public:
  bool needs_resources() const override { return true; }
  std::optional<std::string> reject(const LimitView& v, bool) const override {
    if (!v.queue || !v.enforce_queue_job_limits) return std::nullopt;
    if (v.job.nnodes < v.queue->min_nodes_per_job)
      return fmt::format(
          "job size ({} node(s)) is less than min nodes per job configured for queue ({} "
          "node(s))",
          v.job.nnodes, v.queue->min_nodes_per_job);
    if (v.job.nnodes > v.queue->max_nodes_per_job)
      return fmt::format(
          "job size ({} node(s)) is greater than max nodes per job configured for queue ({} "
          "node(s))",
          v.job.nnodes, v.queue->max_nodes_per_job);
    return std::nullopt;
  }
};

// max_time_per_job is in minutes; a job without a duration is not checked
// (the instance's default duration, unknown here, applies to it).
class QueueJobTime final : public Limit {
 public:
  std::optional<std::string> reject(const LimitView& v, bool) const override {
    if (!v.queue || !v.enforce_queue_job_limits || v.job.duration == 0 ||
        v.queue->max_time_per_job >= kIntMax)
      return std::nullopt;
    if (v.job.duration > v.queue->max_time_per_job * 60)
      return fmt::format(
          "job duration ({}s) is greater than max time per job configured for queue ({} "
          "minute(s))",
          v.job.duration, v.queue->max_time_per_job);
    return std::nullopt;
  }
};

// Nodes and cores of every association's jobs in the queue, SCHED and RUN.
class QueueTotalsLimit final : public Limit {
 public:
  std::string_view dependency() const override { return "max-resources-queue-total-limit"; }
  Scope scope() const override { return Scope::Queue; }
  bool needs_resources() const override { return true; }
  std::optional<std::string> reject(const LimitView& v, bool) const override {
    if (v.queue && (v.job.nnodes > v.queue->max_nodes || v.job.ncores > v.queue->max_cores))
      return fmt::format(
          "job size ({} node(s), {} core(s)) is greater than max resources limits configured "
          "for queue across all associations ({} node(s), {} core(s))",
          v.job.nnodes, v.job.ncores, v.queue->max_nodes, v.queue->max_cores);
    return std::nullopt;
  }
  bool blocks(const LimitView& v) const override {
    const Reservation& r = v.totals.reserved;
    return v.queue && (v.totals.nodes + r.to_sched_nodes + v.job.nnodes > v.queue->max_nodes ||
                       v.totals.cores + r.to_sched_cores + v.job.ncores > v.queue->max_cores);
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    if (!v.queue) return {};
    const Reservation& r = v.totals.reserved;
    return {{"nodes of all jobs in the queue (RUN and SCHED)", v.totals.nodes, r.to_sched_nodes,
             v.queue->max_nodes, v.job.nnodes},
            {"cores of all jobs in the queue (RUN and SCHED)", v.totals.cores, r.to_sched_cores,
             v.queue->max_cores, v.job.ncores}};
  }
};

}  // namespace

std::unique_ptr<Limit> queue_running_jobs_limit() { return std::make_unique<QueueRunningJobs>(); }
std::unique_ptr<Limit> queue_sched_jobs_limit() { return std::make_unique<QueueSchedJobs>(); }
std::unique_ptr<Limit> queue_sched_nodes_limit() { return std::make_unique<QueueSchedNodes>(); }
std::unique_ptr<Limit> queue_sched_cores_limit() { return std::make_unique<QueueSchedCores>(); }
std::unique_ptr<Limit> queue_resources_limit() { return std::make_unique<QueueResources>(); }
std::unique_ptr<Limit> queue_job_size_limit() { return std::make_unique<QueueJobSize>(); }
std::unique_ptr<Limit> queue_job_time_limit() { return std::make_unique<QueueJobTime>(); }
std::unique_ptr<Limit> queue_totals_limit() { return std::make_unique<QueueTotalsLimit>(); }

}  // namespace fluxacct::engine
