// Text answers about one job, for people: the priority breakdown as
// `flux account jobs` prints it (spec §3.7), and "why is my job waiting"
// (users and anchors §1 #4): each dependency holding it, the limit behind
// it, the count now, the limit and the room needed — or, past the limits,
// what the scheduler is waiting for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/explain.hpp"
#include "sim/job_manager.hpp"

namespace fluxacct::sim {

// One row of `flux account jobs`: the factors, their weights, the result.
struct PriorityRow {
  std::string jobid;  // f58
  std::string user;
  std::string bank;
  double bank_priority = 0;
  std::int64_t bank_weight = 0;
  std::string queue;
  std::int64_t queue_priority = 0;
  std::int64_t queue_weight = 0;
  double fairshare = 0;
  std::int64_t fairshare_weight = 0;
  int urgency = 16;
  std::int64_t urgency_weight = 0;
  std::uint32_t priority = 0;
};

// The row of a bound job (nullopt breakdown → zeros and priority 0).
PriorityRow priority_row(const engine::Explanation& e, std::string jobid, std::string user);

// `flux account jobs` table: fixed-width, left-aligned columns JOBID USER
// BANK BANKPRIO BANKFACT QUEUE QPRIO QFACT FAIRSHARE FSFACTOR URGENCY URGFACT
// PRIORITY.
std::string jobs_table_header();
std::string jobs_table_line(const PriorityRow& row);

// `flux account jobs -v` for one job: the id, then the formula, the values
// in it, the products and the priority, one line each, numbers as Python
// prints them:
//   = (0.99 * 100000) + (1 * 10000) + (100.0 * 1000) + (1000 * (16 - 16))
//   = 99000.0 + 10000 + 100000.0 + 0
//   = 209000
std::vector<std::string> priority_formula(const PriorityRow& row);

// Why the job is where it is, one line per reason, the first a summary:
//   job ƒ5 (uid 1001, bank A, queue batch) is held in DEPEND by 1 limit
//     max-running-jobs-user-limit: running jobs of the association: 2 of 2, this job needs 1 (1
//     must be freed)
std::vector<std::string> why_waiting(const JobManager& model, JobId id);

}  // namespace fluxacct::sim
