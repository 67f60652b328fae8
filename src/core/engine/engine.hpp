// The priority plugin's engine: accounting data, the active jobs, their
// priorities, limits, holds and releases. One call per jobtap moment; each
// appends its decisions (decision.hpp) to the caller's list. Pure: no Flux,
// no clocks, no I/O.
//
// A job's life, as Flux drives it:
//   validate → new_job → depend → priority (repeatedly) → sched → run → inactive
// and inactive from any state (cancel). update() while pending; reprioritize()
// after data arrive; replay() after a plugin reload.
//
// Misuse (an event for an unknown job, an event out of Flux's order) throws
// fluxacct::Error with upstream's exception text where it has one
// ("job.state.run: job info missing"); the engine is unchanged then.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/engine/catalog.hpp"
#include "core/engine/decision.hpp"
#include "core/engine/explain.hpp"
#include "core/engine/job.hpp"
#include "core/engine/limit_set.hpp"
#include "core/engine/records.hpp"

namespace fluxacct::engine {

struct EngineOptions {
  LimitOptions limits;
};

// A job handed back after a plugin reload (jobtap replays active jobs
// through job.new in their current state).
struct ReplayJob {
  JobId id = 0;
  JobRequest request;
  JobState state = JobState::New;
  // Dependencies the job still has in Flux (names; others are ignored).
  std::vector<std::string> dependencies;
  // Set by the adapter for a job in PRIORITY or SCHED whose plugin
  // dependencies were removed by us (its eventlog shows a dependency-remove
  // of one of our dependency names): it was released and promised its room,
  // so replay() reserves that room again instead of re-checking the job.
  // Ignored in other states.
  bool released = false;
};

class Engine {
 public:
  explicit Engine(const EngineOptions& options = {});
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // --- data -------------------------------------------------------------
  // Applies a decoded payload (rec_* RPC or the plugin-init document).
  void apply(const DataUpdate& update);
  // The reprioritize RPC: binds jobs submitted before data arrived, drops
  // forgotten associations, and releases held jobs that now fit. The
  // adapter then re-asks priority() of every pending job.
  void reprioritize(Decisions& out);
  // True once associations have been received.
  bool has_data() const { return catalog_.has_data(); }

  // --- job moments --------------------------------------------------------
  // job.validate: nullopt to accept, else upstream's rejection message.
  // `state` is the job's state (New for a submission; other states when Flux
  // re-validates an update, which skips the max-active check).
  std::optional<std::string> validate(const JobRequest& job, JobState state = JobState::New) const;
  // job.new. May append Reject (max-active reached since validate; the job
  // is then not kept) and UpdateJobspec (default bank, default project).
  void new_job(JobId id, const JobRequest& job, Decisions& out);
  // job.state.depend: AddDependency for each soft limit the job would exceed.
  void depend(JobId id, Decisions& out);
  // job.state.priority / job.priority.get: the priority, or nullopt
  // ("unavailable": the job waits in PRIORITY until data arrive). May append
  // PostFairshareMemo, and for a job bound late UpdateJobspec or, when no
  // association fits it, RaiseException. A job bound late that would exceed
  // a soft limit stays unavailable, held in PRIORITY in that limit's FIFO,
  // until a release appends Reprioritize for it.
  std::optional<std::uint32_t> priority(JobId id, Decisions& out);
  // job.state.sched, job.state.run, job.state.inactive. run and inactive
  // may append RemoveDependency (jobs held in DEPEND) and Reprioritize (jobs
  // held in PRIORITY) for held jobs that now fit. A released job keeps its
  // room reserved until it runs or ends.
  void sched(JobId id, Decisions& out);
  void run(JobId id, Decisions& out);
  void inactive(JobId id, Decisions& out);
  // job.update.attributes.system.{bank,queue} (and urgency): nullopt to
  // accept, else the message. Changes nothing.
  std::optional<std::string> validate_update(JobId id, const JobUpdate& update) const;
  // job.update: applies an accepted update, moving the job's counts to its
  // new association and queue (§6.3 #13) and releasing what that frees.
  void update(JobId id, const JobUpdate& update, Decisions& out);
  // After a reload: re-enters active jobs in upstream's order (RUN, SCHED,
  // PRIORITY, DEPEND, NEW; input order within a state), re-adding the
  // dependencies DEPEND jobs still need and releasing those they no longer do.
  // Jobs replayed in PRIORITY are checked like jobs bound late, except those
  // marked released: they (and released jobs in SCHED) get their
  // reservation back, unchecked, before any other job of their state is
  // checked, so no job takes the room they were promised. Without data at
  // the reload, that happens when data bind them.
  void replay(std::vector<ReplayJob> jobs, Decisions& out);
  // SetPriority for every job in PRIORITY or SCHED (the simulator's
  // "reprioritize all"; the jobtap adapter asks priority() job by job).
  void priorities(Decisions& out);

  // --- introspection --------------------------------------------------------
  // The job's priority breakdown and, while held, why it waits.
  Explanation explain(JobId id) const;
  // Problems found by recounting every counter from the job table (counts
  // below zero, counts that differ, jobs in the wrong FIFO); empty when all
  // is right. O(jobs): for tests and debugging.
  std::vector<std::string> audit() const;
  // What `flux jobtap query mf_priority.so` prints (spec §1.6): upstream's
  // keys "mf_priority_map" (users by uid, their banks by name, with limits,
  // counters, per-queue usage and held jobs), "queues", "projects"; and
  // fluxacct's additions under "fluxacct" keys (engine_query.cpp).
  nlohmann::json query() const;

  std::size_t job_count() const { return index_.size(); }
  bool has_job(JobId id) const { return index_.count(id) != 0; }
  const Job* job(JobId id) const;
  const Catalog& catalog() const { return catalog_; }
  const LimitSet& limits() const { return limits_; }

 private:
  Slot slot_of(JobId id, const char* topic) const;
  LimitView view(const Job& j) const;
  std::optional<std::string> check_validity(const Association& a,
                                            std::optional<std::string_view> queue,
                                            std::optional<std::string_view> project) const;
  std::optional<std::string> check_hard_limits(const Job& probe, std::uint32_t assoc, bool new_job,
                                               bool resources_ok) const;
  void bind(Slot s, std::uint32_t assoc, Decisions& out);
  bool try_late_bind(Slot s, Decisions& out);
  void charge(Slot s, int sign);
  void hold(Slot s);
  void unhold(Slot s);
  void set_reserved(Slot s, bool reserved);
  bool try_clear_hold(Slot s, std::size_t limit, const LimitView& v, Decisions& out);
  void released(Slot s, Decisions& out);
  bool hold_in_priority_if_over(Slot s);
  void release_association(std::uint32_t assoc, Decisions& out);
  void release_queue(NameId queue, Decisions& out);
  void release_all(Decisions& out);
  // Keeps job j (built by make_job() from r) in `state`, bound to assoc
  // (catalog_.resolve() of r) or, when that is kNoAssoc, unbound.
  Slot admit(Job j, const JobRequest& r, JobState state, std::uint32_t assoc, Decisions& out);
  Job make_job(JobId id, const JobRequest& r) const;
  void forget(Slot s);
  PriorityInputs inputs(const Job& j) const;

  Catalog catalog_;
  LimitSet limits_;
  std::vector<Job> jobs_;
  std::vector<Slot> free_slots_;
  std::unordered_map<JobId, Slot> index_;
  JobList unbound_;  // jobs accepted before data arrived, linked through Job::held
};

}  // namespace fluxacct::engine
