// The engine's copy of the accounting data (associations, queues, projects,
// bank priorities, factor weights, configuration) and the per-association
// and per-queue counters that limits read. Data arrives as DataUpdate
// values (decode.hpp); counters are changed only by the ledger (ledger.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/engine/job.hpp"
#include "core/engine/names.hpp"
#include "core/engine/records.hpp"

namespace fluxacct::engine {

inline constexpr std::uint32_t kNoAssoc = UINT32_MAX;

// A FIFO of job slots linked through one of Job's Links members.
struct JobList {
  Slot head = kNoSlot;
  Slot tail = kNoSlot;
  std::uint32_t size = 0;
  bool empty() const { return size == 0; }
};

// Room promised to released jobs (a held job whose last hold went, or a job
// bound late) until they are counted for real: `to_sched` until the job
// reaches SCHED (limits on SCHED, or SCHED+RUN), `to_run` until it runs
// (limits on RUN). §6.3 #8: without it, the next release pass, not seeing
// them, released more jobs than there was room for.
struct Reservation {
  std::int64_t to_sched_jobs = 0, to_sched_nodes = 0, to_sched_cores = 0;
  std::int64_t to_run_jobs = 0, to_run_nodes = 0, to_run_cores = 0;
  bool zero() const { return *this == Reservation{}; }
  bool operator==(const Reservation&) const = default;
};

// One association's use of one queue (key kEmptyName: jobs without a queue).
struct QueueUsage {
  std::int64_t run_jobs = 0, run_nodes = 0, run_cores = 0;
  std::int64_t sched_jobs = 0, sched_nodes = 0, sched_cores = 0;
  Reservation reserved;
  bool zero() const {
    return run_jobs == 0 && run_nodes == 0 && run_cores == 0 && sched_jobs == 0 &&
           sched_nodes == 0 && sched_cores == 0 && reserved.zero();
  }
  bool operator==(const QueueUsage&) const = default;
};

struct Association {
  // Data, as last received.
  std::uint32_t userid = 0;
  NameId bank = kEmptyName;
  double fairshare = 0.5;
  std::int64_t max_run_jobs = 5, max_active_jobs = 7;
  std::int64_t max_nodes = kIntMax, max_cores = kIntMax, max_sched_jobs = kIntMax;
  bool active = true;
  // false once a data update forgot it; kept only while jobs still count here.
  bool present = true;
  std::vector<NameId> queues, projects;  // permitted, in the order received
  NameId def_project = kEmptyName;

  // Counters (ledger.hpp keeps them equal to a recount of the job table).
  std::int64_t active_jobs = 0;  // bound jobs in any state
  std::int64_t run_jobs = 0, run_nodes = 0, run_cores = 0;
  std::int64_t sched_jobs = 0;
  Reservation reserved;  // released jobs not yet counted above
  std::vector<std::pair<NameId, QueueUsage>> queue_usage;
  JobList held;  // jobs with a dependency, oldest first

  bool permits_queue(NameId q) const;
  bool permits_project(NameId p) const;
  // The usage of queue q; zeros (a shared empty value) when none.
  const QueueUsage& usage(NameId q) const;
  QueueUsage& usage_for_update(NameId q);

  std::uint32_t stamp = 0;  // last data generation that listed it
  bool in_use = false;      // false: a free slot
};

// A queue known to accounting.
struct Queue {
  NameId name = kEmptyName;
  std::int64_t min_nodes_per_job = 1, max_nodes_per_job = 1, max_time_per_job = 60;
  std::int64_t priority = 0, max_running_jobs = 100, max_nodes_per_assoc = kIntMax;
  std::int64_t max_sched_jobs = kIntMax, max_sched_nodes_per_assoc = kIntMax;
  std::int64_t max_sched_cores_per_assoc = kIntMax;
  std::int64_t max_nodes = kIntMax, max_cores = kIntMax;  // totals, all associations
};

// Jobs of one queue (any association) in SCHED or RUN, and the FIFO of jobs
// held on the queue's totals. Kept for every queue name jobs use, known or not.
struct QueueTotals {
  std::int64_t jobs = 0, nodes = 0, cores = 0;
  Reservation reserved;  // released jobs of any association not yet counted above
  JobList waiting;
};

struct Weights {
  std::int64_t fairshare = 100000;
  std::int64_t queue = 10000;
  std::int64_t bank = 0;
  std::int64_t urgency = 1000;
};

class Catalog {
 public:
  NamePool& names() { return names_; }
  const NamePool& names() const { return names_; }

  // Applies decoded data (see DataUpdate). Associations that a replacing
  // update no longer lists are forgotten at once when no job counts in
  // them, else marked not present and dropped when their last job leaves.
  void apply(const DataUpdate& update);

  // True once at least one association is present ("real data").
  bool has_data() const { return present_ > 0; }

  // The present association of (uid, bank), or kNoAssoc.
  std::uint32_t find(std::uint32_t uid, NameId bank) const;
  // The association a job belongs to: the bank it named, else the user's
  // default bank; kNoAssoc when there is none.
  std::uint32_t resolve(std::uint32_t uid, std::optional<std::string_view> bank) const;
  // The user's default bank as last received, or kUnknownName.
  NameId default_bank(std::uint32_t uid) const;

  Association& assoc(std::uint32_t i) { return assocs_[i]; }
  const Association& assoc(std::uint32_t i) const { return assocs_[i]; }
  std::uint32_t assoc_slots() const { return static_cast<std::uint32_t>(assocs_.size()); }
  // Drops association i if a data update forgot it and no job counts in it.
  void drop_if_forgotten(std::uint32_t i);

  // The queue of that name, or null when accounting does not know it.
  const Queue* queue(NameId q) const;
  const std::vector<NameId>& queue_order() const { return queue_order_; }
  QueueTotals& totals(NameId q);
  const QueueTotals& totals(NameId q) const;
  std::size_t totals_size() const { return totals_.size(); }

  bool project_known(NameId p) const;
  const std::vector<NameId>& project_order() const { return project_order_; }
  // bank_table.priority of a bank; 0.0 when unknown.
  double bank_priority(NameId bank) const;
  // Every bank priority received, by bank name id.
  std::vector<std::pair<NameId, double>> bank_priorities() const;

  const Weights& weights() const { return weights_; }
  bool deny_unknown_queues() const { return deny_unknown_queues_; }
  // Reject jobs outside their queue's min/max nodes and max time per job
  // (§6.5)? Off unless the data say so: upstream never enforced them, and
  // queues made with the database defaults (1 node, 60 minutes) would refuse
  // most jobs of a site migrating from it.
  bool enforce_queue_job_limits() const { return enforce_queue_job_limits_; }

 private:
  static std::uint64_t key(std::uint32_t uid, NameId bank) {
    return (static_cast<std::uint64_t>(uid) << 32) | bank;
  }
  void apply_associations(const std::vector<AssociationRecord>& records, bool replace);

  NamePool names_;
  std::vector<Association> assocs_;
  std::vector<std::uint32_t> free_assocs_;
  std::unordered_map<std::uint64_t, std::uint32_t> assoc_index_;
  std::unordered_map<std::uint32_t, NameId> default_bank_;
  std::uint32_t present_ = 0;
  std::uint32_t generation_ = 0;

  std::vector<std::optional<Queue>> queues_;  // by NameId
  std::vector<NameId> queue_order_;
  std::vector<QueueTotals> totals_;  // by NameId
  std::vector<char> projects_;       // by NameId: 1 = known
  std::vector<NameId> project_order_;
  std::vector<std::optional<double>> bank_priority_;  // by NameId
  Weights weights_;
  bool deny_unknown_queues_ = false;
  bool enforce_queue_job_limits_ = false;
};

}  // namespace fluxacct::engine
