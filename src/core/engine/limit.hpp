// One kind of limit. Every limit the engine enforces is one Limit: it may
// reject a job at submit (a hard facet), hold it with a named dependency
// while it would exceed the limit (a soft facet), and explain itself. Soft
// limits count, besides the jobs in SCHED or RUN, the room reserved for
// released jobs not yet there (Reservation, catalog.hpp). Adding a kind of
// limit means writing one Limit and listing it in limit_set.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/catalog.hpp"
#include "core/engine/job.hpp"

namespace fluxacct::engine {

// Everything a limit may read about one job, all current.
struct LimitView {
  const Association& assoc;
  const Queue* queue;         // null: the job names no queue, or one accounting does not know
  const QueueUsage& usage;    // the association's use of the job's queue
  const QueueTotals& totals;  // every association's use of the job's queue
  const Job& job;
  // Catalog::enforce_queue_job_limits().
  bool enforce_queue_job_limits = false;
};

// Where a soft limit's held jobs wait: the association's FIFO (released when
// the association's counts drop) or the queue's (released when any
// association's jobs in that queue leave).
enum class Scope : std::uint8_t { Association, Queue };

// One quantity a limit compares, for "why is my job waiting".
struct LimitStatus {
  std::string what;           // "running jobs of user 1001 in bank A"
  std::int64_t current = 0;   // counted now
  std::int64_t reserved = 0;  // promised to released jobs not yet counted
  std::int64_t limit = 0;     // configured
  std::int64_t request = 0;   // what this job adds (1 job, its nodes, …)
  // How much must be freed before the job fits (0 when it fits).
  std::int64_t room_needed() const {
    const std::int64_t over = current + reserved + request - limit;
    return over > 0 ? over : 0;
  }
};

class Limit {
 public:
  virtual ~Limit() = default;

  // The dependency name while a job waits on this limit ("" for a limit that
  // only rejects).
  virtual std::string_view dependency() const { return {}; }
  virtual Scope scope() const { return Scope::Association; }

  // The hard facet: a message rejecting the job at submit, or nullopt.
  // `new_job` is false when Flux re-validates an existing job.
  virtual std::optional<std::string> reject(const LimitView&, bool /*new_job*/) const {
    return std::nullopt;
  }
  // True when reject() reads the job's node or core counts.
  virtual bool needs_resources() const { return false; }

  // The soft facet: would the job exceed the limit if it were let go now,
  // counting the room reserved for jobs released before it?
  virtual bool blocks(const LimitView&) const { return false; }

  // The quantities behind the limit, for explain().
  virtual std::vector<LimitStatus> status(const LimitView&) const { return {}; }
};

}  // namespace fluxacct::engine
