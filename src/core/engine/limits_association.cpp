// Limits of one association (user/bank): active, running and SCHED jobs,
// nodes and cores in use.
#include <fmt/format.h>

#include "core/engine/limit_set.hpp"

namespace fluxacct::engine {
namespace {

class MaxActiveJobs final : public Limit {
 public:
  // max_active_jobs ≤ 0 is unlimited; only new submissions count (#376).
  std::optional<std::string> reject(const LimitView& v, bool new_job) const override {
    const Association& a = v.assoc;
    if (new_job && a.max_active_jobs > 0 && a.active_jobs >= a.max_active_jobs)
      return "user has max active jobs";
    return std::nullopt;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    return {{"active jobs of the association", v.assoc.active_jobs, 0, v.assoc.max_active_jobs, 1}};
  }
};

class MaxRunningJobs final : public Limit {
 public:
  std::string_view dependency() const override { return "max-running-jobs-user-limit"; }
  // As upstream, 0 is a limit of zero (§6.3 #9), not "unlimited".
  bool blocks(const LimitView& v) const override {
    return v.assoc.run_jobs + v.assoc.reserved.to_run_jobs >= v.assoc.max_run_jobs;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    return {{"running jobs of the association", v.assoc.run_jobs, v.assoc.reserved.to_run_jobs,
             v.assoc.max_run_jobs, 1}};
  }
};

class MaxSchedJobs final : public Limit {
 public:
  std::string_view dependency() const override { return "max-sched-jobs-user-limit"; }
  bool blocks(const LimitView& v) const override {
    return v.assoc.sched_jobs + v.assoc.reserved.to_sched_jobs >= v.assoc.max_sched_jobs;
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    return {{"jobs of the association in SCHED", v.assoc.sched_jobs, v.assoc.reserved.to_sched_jobs,
             v.assoc.max_sched_jobs, 1}};
  }
};

class AssociationResources final : public Limit {
 public:
  std::string_view dependency() const override { return "max-resources-user-limit"; }
  bool needs_resources() const override { return true; }
  std::optional<std::string> reject(const LimitView& v, bool) const override {
    const Association& a = v.assoc;
    if (v.job.nnodes > a.max_nodes || v.job.ncores > a.max_cores)
      return fmt::format(
          "job size ({} node(s), {} core(s)) is greater than max resources limits configured "
          "for association ({} node(s), {} core(s))",
          v.job.nnodes, v.job.ncores, a.max_nodes, a.max_cores);
    return std::nullopt;
  }
  // Running nodes and cores; a limit of 0 holds every job, as upstream.
  bool blocks(const LimitView& v) const override {
    const Association& a = v.assoc;
    return !(a.max_nodes > 0 && a.max_cores > 0 &&
             a.run_nodes + a.reserved.to_run_nodes + v.job.nnodes <= a.max_nodes &&
             a.run_cores + a.reserved.to_run_cores + v.job.ncores <= a.max_cores);
  }
  std::vector<LimitStatus> status(const LimitView& v) const override {
    const Association& a = v.assoc;
    return {{"nodes in use by the association", a.run_nodes, a.reserved.to_run_nodes, a.max_nodes,
             v.job.nnodes},
            {"cores in use by the association", a.run_cores, a.reserved.to_run_cores, a.max_cores,
             v.job.ncores}};
  }
};

}  // namespace

std::unique_ptr<Limit> max_active_jobs_limit() { return std::make_unique<MaxActiveJobs>(); }
std::unique_ptr<Limit> max_running_jobs_limit() { return std::make_unique<MaxRunningJobs>(); }
std::unique_ptr<Limit> max_sched_jobs_limit() { return std::make_unique<MaxSchedJobs>(); }
std::unique_ptr<Limit> association_resources_limit() {
  return std::make_unique<AssociationResources>();
}

}  // namespace fluxacct::engine
