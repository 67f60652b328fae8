// update-usage and clear-usage: charging job records to associations'
// usage bins, ageing the bins from one half-life period to the next, and the
// bank totals that follow (the arithmetic is core/usage.hpp's).
//
// Both run inside the caller's transaction and throw Error with the message
// the user sees; nothing is written that the caller would not commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::store {

struct UsageUpdateResult {
  std::int64_t associations = 0;          // rows of association_table
  std::int64_t associations_charged = 0;  // that had new jobs
  std::int64_t associations_written = 0;  // whose bins or usage changed
  std::int64_t usage_rows_created = 0;    // that got missing usage rows
  std::int64_t jobs_read = 0;             // job records read (their user's candidates)
  std::int64_t jobs_charged = 0;
  std::int64_t jobs_unreadable = 0;  // charged to no one: R could not be counted
  std::int64_t jobs_unmatched = 0;   // no association for their user and bank
  std::int64_t duplicate_keys = 0;   // associations sharing a userid and bank with an earlier one
  std::int64_t users_sought = 0;     // users whose records were found by a seek each
  std::int64_t users_in_range = 0;   // users whose records were found in one range of end times
  bool bins_in_background = false;   // read by a second connection (UsageUpdateOptions)
  std::int64_t periods_closed = 0;
  double period_end = 0;  // end of the current half-life period after the run
  bool changed = false;   // anything written at all
};

struct UsageUpdateOptions {
  // Progress while job records are read: the number read so far.
  std::function<void(std::int64_t)> progress;
  // From this many associations on, their bins are read by a second
  // connection in a thread of its own while the job records are charged
  // (usage_state::BackgroundBins); below it a thread costs more than it
  // saves. A database in memory is always read by one connection.
  std::int64_t background_bins_from = 2000;
};

// update-usage at time `now`:
//   1. The periods that have ended by `now` are closed: k of them, where the
//      current one ends at t_half_life_period_table's end_half_life_period
//      and each lasts priority_decay_half_life seconds. Every association's
//      bins move k places (core/usage.hpp), and the end moves k periods on.
//   2. Each association is charged, in bin 0, the cost of its jobs that
//      ended after its last_job_timestamp, after its bank's
//      ignore_older_than and after config_table's reconfigure_time. A job
//      belongs to the association with its userid (association_table's) and
//      bank; a job without a bank to the user's association in their
//      default bank. Costs use config_table's node, core and gpu weights.
//      last_job_timestamp becomes the newest charged job's t_inactive.
//   3. job_usage becomes the sum of the bins for every association, and the
//      bank totals are recomputed (recompute_bank_usage: active
//      associations and active sub-banks).
// Associations without a job_usage_factor_table row or without bins get
// them (usage_bin_count bins). A job whose R cannot be counted is charged to
// no one and counted in the result. Rows that would keep their value are
// not written, so a run with nothing new changes nothing. Creates the
// auxiliary indexes of `jobs` when they are missing. Unreadable settings
// (a weight, decay_factor, reconfigure_time, a bank's ignore_older_than
// that is not a number or time) throw Error naming them.
UsageUpdateResult update_usage(sql::Connection& db, double now,
                               const UsageUpdateOptions& options = {});

struct ClearUsageResult {
  std::int64_t banks = 0;         // banks whose usage was cleared (named ones and those below)
  std::int64_t associations = 0;  // associations cleared
};

// clear-usage: for each named bank and every bank below it, its
// associations' bins and job_usage become 0, their last_job_timestamp 0 and
// fairshare 0.5, and the bank's ignore_older_than becomes
// `ignore_older_than`, so that the jobs that ended before it are not charged
// again; then every bank total is recomputed. An unknown bank -> "bank B not
// found in bank_table" (before anything is written).
ClearUsageResult clear_usage(sql::Connection& db, const std::vector<std::string>& banks,
                             std::int64_t ignore_older_than);

}  // namespace fluxacct::store
