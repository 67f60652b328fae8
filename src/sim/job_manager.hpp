// A deterministic model of the Flux job manager and a simple scheduler,
// driving the real priority engine (src/core/engine) the way the jobtap
// plugin does: for scenario tests ("submit as user X to queue Q; expect a
// hold") and what-if studies (flux-account simulate).
//
// Job states follow Flux: NEW → DEPEND → PRIORITY → SCHED → RUN → CLEANUP →
// INACTIVE.
//  * A job with dependencies stays in DEPEND until every one is removed.
//  * A job whose priority is unavailable (no accounting data yet) stays in
//    PRIORITY until a reprioritize gives it one; one bound late that would
//    exceed a limit stays there until the engine's Reprioritize decision.
//  * A SCHED job with priority 0 (urgency 0) is held: it is never allocated.
//  * cancel() ends a job from any state; a running job passes CLEANUP.
// Every Decision the engine returns is applied: a rejected job never enters,
// dependencies are added and removed, jobspec updates (default bank and
// project) are recorded on the job, an exception ends the job, fair-share
// memos become the job's user.fairshare annotation.
//
// Time is simulated: a running job ends `runtime` seconds after it started
// (never, when it has none: it runs until cancelled). Events are processed
// in time order, ties by job id; nothing depends on the wall clock or on
// hash order, so a run is reproducible.
//
// Bad input — an event for an unknown or finished job, a time in the past,
// a payload the decoder refuses — throws fluxacct::Error (DecodeError for
// payloads) and leaves the model as it was.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/engine.hpp"
#include "sim/cluster.hpp"

namespace fluxacct::sim {

using engine::JobId;

enum class State { New, Depend, Priority, Sched, Run, Cleanup, Inactive };
std::string_view state_name(State s);

// What a user submits: the jobspec attributes the plugin reads, and how long
// the job will really run once started.
struct Submission {
  std::uint32_t userid = 0;
  std::optional<std::string> bank, queue, project;
  std::int64_t nnodes = 1;
  std::int64_t ncores = 1;
  double duration = 0;  // attributes.system.duration (the time limit); 0: none
  // Seconds the job runs once started; unset: its duration, or until
  // cancelled when it has none.
  std::optional<double> runtime;
  int urgency = engine::kUrgencyDefault;
  // A jobspec the plugin cannot read ("unable to unpack bank arg",
  // "unable to count resources for job").
  bool attributes_ok = true;
  bool resources_ok = true;
};

// The model's record of a job, active or finished.
struct SimJob {
  JobId id = 0;
  Submission spec;  // bank and project as updated by jobspec-update events
  State state = State::New;
  std::optional<std::uint32_t> priority;  // unset until the first priority event
  std::vector<std::string> dependencies;  // pending, in the order added
  bool was_held = false;                  // a dependency was ever added
  std::optional<double> fairshare;        // annotation user.fairshare (last memo)
  std::optional<std::string> exception;   // the exception that ended it
  bool cancelled = false;
  double t_submit = 0;
  std::optional<double> t_run, t_inactive;
  std::optional<double> t_end;        // when a running job will end (unset: until cancelled)
  std::vector<std::string> eventlog;  // "depend", "dependency-add max-…", "priority 50000", …
  Allocation allocation;              // while running
};

// What submit() answers: the job's id, or the rejection message.
struct SubmitResult {
  JobId id = 0;
  std::optional<std::string> error;
  bool ok() const { return !error; }
};

class JobManager {
 public:
  explicit JobManager(ClusterShape shape = {}, engine::EngineOptions options = {});

  // --- accounting data (flux account-priority-update, jobtap load) --------
  // One data RPC by topic name ("rec_update", "rec_q_update",
  // "rec_proj_update", "rec_bank_update", "rec_fac_update",
  // "rec_config_update"), or "reprioritize". Data RPCs only store, as
  // upstream's: the change reaches jobs at the next reprioritize.
  void send(std::string_view topic, const nlohmann::json& payload);
  // The reprioritize RPC: late binding, releases, then a new priority for
  // every job in PRIORITY or SCHED.
  void reprioritize();
  // priority-update: a whole plugin-init document (export-json), then
  // reprioritize. Associations the document does not list are forgotten.
  void priority_update(const nlohmann::json& document);
  // Plugin reload: a fresh engine, loaded with `config` when given
  // (`flux jobtap load mf_priority.so config=…`), every active job replayed
  // in its current state with its dependencies, then every pending job
  // re-prioritized. A config the decoder refuses leaves the old plugin.
  void reload(const nlohmann::json* config = nullptr);

  // --- users ------------------------------------------------------------
  SubmitResult submit(const Submission& s);
  void cancel(JobId id);
  // flux job urgency: re-prioritizes the job (0 holds it, 31 expedites).
  void set_urgency(JobId id, int urgency);
  // flux update JOBID bank=… / queue=…: nullopt when accepted, else the
  // plugin's message (and nothing changes).
  std::optional<std::string> update(JobId id, std::optional<std::string> bank,
                                    std::optional<std::string> queue);

  // --- time ---------------------------------------------------------------
  double now() const { return now_; }
  // Runs every event up to time t (t ≥ now()).
  void run_until(double t);
  void advance(double seconds) { run_until(now_ + seconds); }
  // Runs until no running job has an end time left.
  void run_until_idle();

  // --- looking -------------------------------------------------------------
  bool has_job(JobId id) const { return jobs_.count(id) != 0; }
  const SimJob& job(JobId id) const;
  State state(JobId id) const { return job(id).state; }
  // Active jobs in a state, in submit order.
  std::vector<JobId> jobs_in(State s) const;
  std::size_t active_count() const { return active_.size(); }
  // Every job ever accepted, in submit order.
  const std::map<JobId, SimJob>& jobs() const { return jobs_; }
  const engine::Engine& engine() const { return *engine_; }
  const Cluster& cluster() const { return cluster_; }
  // Position among allocatable SCHED jobs (0: next to start), or nullopt.
  std::optional<std::size_t> queue_position(JobId id) const;
  // Problems: engine.audit(), jobs the engine and the model disagree about,
  // jobs stuck in a state they should have left. Empty when all is right.
  std::vector<std::string> check() const;

 private:
  struct SchedKey {
    std::uint32_t priority;
    JobId id;
    bool operator<(const SchedKey& o) const {
      return priority != o.priority ? priority > o.priority : id < o.id;
    }
  };

  SimJob& active_job(JobId id, const char* what);
  void push(engine::Decisions& d);
  void drain();
  void apply(const engine::Decision& d);
  void ask_priority(SimJob& j);
  void set_priority(SimJob& j, std::uint32_t p);
  void leave_queue(SimJob& j);
  void finish(SimJob& j, const std::string& why);
  void start(SimJob& j);
  void schedule();
  void reprioritize_pending();
  void leave_depend(SimJob& j);
  void log(SimJob& j, std::string line);

  ClusterShape shape_;
  engine::EngineOptions options_;
  std::unique_ptr<engine::Engine> engine_;
  Cluster cluster_;
  std::map<JobId, SimJob> jobs_;
  std::set<JobId> active_;
  JobId next_id_ = 1;
  double now_ = 0;
  std::set<SchedKey> sched_;                 // allocatable SCHED jobs
  std::set<std::pair<double, JobId>> ends_;  // running jobs' end times
  std::vector<engine::Decision> pending_;    // decisions not yet applied
  std::size_t next_pending_ = 0;
  bool draining_ = false;
};

}  // namespace fluxacct::sim
