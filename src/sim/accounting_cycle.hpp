// The accounting pipeline a site's cron jobs run — fetch-job-records,
// update-usage, update-fshare, priority-update — as one step on a what-if
// run's simulated clock, so that fair-share moves as the simulated jobs
// use the machine (flux-account simulate --cycle).
//
// Pure: it starts from what the database holds (usage settings, every
// association's usage bins, update-fshare's bank tree with its shares) and
// uses the same arithmetic as the commands: job_cost with the site's
// weights, usage::advance for the half-life periods, walk_fairshare with
// TieOrder::kByName, and the fair-share as update-fshare stores it. On the
// same jobs a cycle gives the numbers those commands would write.
//
// Simulated time t is the site's time origin + t. Every simulated job is
// new: it is charged whatever the database's last_job_timestamp,
// ignore_older_than or reconfigure_time say (they concern the records
// already in the database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fairshare_tree.hpp"
#include "core/flux_r.hpp"
#include "core/usage.hpp"

namespace fluxacct::sim {

// One association as update-usage and update-fshare keep it.
struct UsageAccount {
  std::uint32_t userid = 0;
  std::string username, bank;
  bool in_default_bank = false;  // bank is the user's default bank
  bool active = true;
  std::vector<double> bins;  // bin 0 is the current period; empty: none yet
  double fairshare = 0.5;    // as stored (and as the plugin has it)
};

inline constexpr std::size_t kNoAccount = std::numeric_limits<std::size_t>::max();

// Where a cycle starts from: the database's state, in plain values.
struct AccountingSetup {
  usage::Weights weights;
  double half_life = 604800;  // seconds (> 0)
  double decay = 0.5;
  int bin_count = 4;  // bins given to an association that has none
  // Absolute time of simulated t = 0, and the end of the current half-life
  // period (absolute, after origin).
  double origin = 0;
  double period_end = 604800;
  // Every association, in association_table's rowid order: jobs go to the
  // first one with their userid and bank.
  std::vector<UsageAccount> accounts;
  // update-fshare's tree (active banks and associations); the users' usage
  // in it is not read: each cycle ranks with the accounts' bins.
  FairshareTree tree;
  // Per tree node: the index of its account (kNoAccount for banks).
  std::vector<std::size_t> tree_account;
};

// A job that ended, as its job record reads (times are simulated).
struct EndedJob {
  std::uint32_t userid = 0;
  std::string bank;  // "" : none, charged to the user's default bank
  double t_run = 0;
  double t_inactive = 0;
  ResourceCounts resources;
};

// An account whose stored fair-share a cycle changed.
struct FairshareChange {
  std::size_t account = 0;
  double before = 0, after = 0;
};

// What one cycle did.
struct CycleResult {
  std::int64_t jobs_charged = 0;
  std::int64_t jobs_unmatched = 0;  // no association for their user and bank
  std::int64_t periods_closed = 0;
  std::vector<FairshareChange> changes;  // in account order
};

class AccountingCycle {
 public:
  // Throws Error when tree_account does not match the tree or names an
  // account that does not exist.
  explicit AccountingCycle(AccountingSetup setup);

  // One run of the pipeline at simulated time t (not before the previous
  // run): charges `ended` (the jobs that ended since the previous run; any
  // order, they are summed in order of t_inactive as update-usage reads
  // them) to bin 0 after closing the periods that ended by t, then ranks
  // every active association and keeps the fair-shares as stored.
  CycleResult run(double t, std::vector<EndedJob> ended);

  const std::vector<UsageAccount>& accounts() const { return setup_.accounts; }
  // An account's usage: the sum of its bins (update-usage's job_usage).
  double usage(std::size_t account) const;
  // The account jobs of userid in bank are charged to; "" is the user's
  // default bank (an active association first).
  std::optional<std::size_t> find(std::uint32_t userid, std::string_view bank) const;
  // Absolute end of the current period.
  double period_end() const { return setup_.period_end; }
  double origin() const { return setup_.origin; }

 private:
  FairshareTree ranked_tree() const;

  AccountingSetup setup_;
  // Each userid's accounts, in rowid order.
  std::map<std::uint32_t, std::vector<std::size_t>> by_user_;
};

}  // namespace fluxacct::sim
