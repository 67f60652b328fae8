// A what-if run (flux-account simulate): a site's plugin-init document and
// a workload replayed through the job manager model, keeping per workload
// job what became of it - for a site to see what a policy does before
// deploying it.
//
// The site is loaded as priority-update would load it, then each event
// runs at its time, in file order for equal times; running jobs end as
// time passes. The run stops at `until` (events after it are not run) or,
// without one, when no running job has an end left. An event the model
// would refuse (cancelling a job that has ended, changing the urgency of a
// running job, an update the plugin rejects) changes nothing and is kept as
// a note, as Flux would print an error and go on.
//
// With a cycle period and the site's accounting state, the cron pipeline
// (fetch-job-records, update-usage, update-fshare, priority-update) runs
// every `cycle` seconds of simulated time (at cycle, 2 × cycle, …, after
// the events of that moment): the jobs that ended since the last cycle are
// charged, fair-shares are ranked again, and the changed ones reach the
// engine as a rec_update followed by a reprioritize (accounting_cycle.hpp).
// Without, fair-shares stay as the database has them.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/explain.hpp"
#include "sim/accounting_cycle.hpp"
#include "sim/job_manager.hpp"
#include "sim/workload.hpp"

namespace fluxacct::sim {

struct WhatIfOptions {
  ClusterShape shape;
  std::optional<double> until;  // stop time; unset: until idle
  std::size_t explain_job = 0;  // 1-based submit number to follow; 0: none
  double cycle = 0;             // seconds between accounting cycles; 0: none
};

// One workload job (a submit line), accepted or not.
struct WorkloadJob {
  std::size_t number = 0;  // 1-based, in submit order
  std::int64_t line = 0;   // its line in the workload
  std::string user;        // the name as written ("" when given by uid)
  Submission submission;   // as submitted
  double t_submit = 0;
  std::optional<JobId> id;  // unset: rejected
  std::string rejection;    // the plugin's message when rejected
};

// What a job looked like at one moment (for --explain).
struct JobSnapshot {
  double t = 0;
  State state = State::New;
  std::optional<engine::Explanation> explanation;  // active jobs only
  std::vector<std::string> why;                    // why_waiting()
};

class WhatIf {
 public:
  // Loads the site; throws engine::DecodeError for a document the plugin
  // would refuse. Accounting cycles run when options.cycle > 0 and the
  // accounting state is given.
  WhatIf(const nlohmann::json& site_document, const WhatIfOptions& options,
         std::optional<AccountingSetup> accounting = std::nullopt);

  // Runs the events (as WorkloadParser checked them: times non-decreasing,
  // job numbers of earlier submit lines) and then the clock to the end.
  void run(const std::vector<WorkloadEvent>& events);

  const JobManager& model() const { return model_; }
  const WhatIfOptions& options() const { return options_; }
  const std::vector<WorkloadJob>& jobs() const { return jobs_; }
  // "line 7 (t=30): cancel of job 2 ignored: it has already ended", in order.
  const std::vector<std::string>& notes() const { return notes_; }
  // Events after the stop time, which were not run.
  std::size_t events_not_run() const { return not_run_; }
  // The followed job as it was the last time the run stopped with it
  // pending (DEPEND, PRIORITY, SCHED), and the last time it was active.
  const std::optional<JobSnapshot>& last_pending() const { return last_pending_; }
  const std::optional<JobSnapshot>& last_active() const { return last_active_; }

  // The accounting state after the last cycle (null without cycles), each
  // account's fair-share before the first, and the cycles run.
  const AccountingCycle* accounting() const { return accounting_ ? &*accounting_ : nullptr; }
  const std::vector<double>& initial_fairshares() const { return initial_fairshare_; }
  std::size_t cycles_run() const { return cycles_; }
  // The time of the last cycle run (0 when none ran).
  double last_cycle() const { return cycles_ > 0 ? next_cycle_ - options_.cycle : 0; }

 private:
  void apply(const WorkloadEvent& e);
  void note(const WorkloadEvent& e, const std::string& what);
  // An accepted job's id, or a note saying why the event does nothing.
  std::optional<JobId> target(const WorkloadEvent& e);
  // Moves the clock to t, stopping at each job end on the way while a
  // followed job may still be pending, so its last pending look is kept.
  void advance_to(double t);
  void run_to_idle();
  // advance_to and run_to_idle without cycles.
  void follow_to(double t);
  void follow_to_idle();
  // The latest end of a running job.
  std::optional<double> last_end() const;
  // The pipeline at the current time: charge, rank, push, reprioritize.
  void run_cycle();
  std::optional<double> next_end() const;
  // Whether the followed job may still be (or become) pending.
  bool following() const;
  void look();

  JobManager model_;
  WhatIfOptions options_;
  std::vector<WorkloadJob> jobs_;
  std::vector<std::string> notes_;
  std::size_t not_run_ = 0;
  std::optional<JobSnapshot> last_pending_, last_active_;

  std::optional<AccountingCycle> accounting_;
  std::vector<double> initial_fairshare_;
  double next_cycle_ = 0;
  std::size_t cycles_ = 0;
  std::vector<JobId> uncharged_;  // accepted jobs not yet charged, in submit order
  // The document's association rows by (userid, bank): what a rec_update
  // sends with a new fair-share.
  std::map<std::pair<std::uint32_t, std::string>, nlohmann::json> rows_;
};

// Why a pending job waits, on one line:
//   held: max-running-jobs-user-limit: running jobs of the association 2 of
//     2, this job adds 1 (1 must be freed)
//   held by its urgency (0)
//   held: its priority is 0, which the scheduler never starts
//   waiting for resources (priority 50000, 2 jobs ahead)
//   waiting for resources (priority 50000, next to start)
// or, in PRIORITY, the engine's reason (waiting for accounting data).
std::string pending_reason(const JobManager& model, JobId id);

}  // namespace fluxacct::sim
