// What update-usage reads and writes for each association: the usage
// settings of config_table, the current half-life period, every association
// with its usage rows, and writing back only the values that changed. The
// run itself is store/usage_update.cpp's; simulate's accounting cycle starts
// from the same reads (cli/simulate_site.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/usage.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store::usage_state {

struct Settings {
  double half_life = 604800;  // seconds; one week when unreadable, as usage_bin_count falls back
  double decay = 0.5;
  usage::Weights weights;
  double reconfigure_time = 0;
  int bins = 4;  // usage_bin_count of the configured periods
};

// config_table's values; a weight, decay_factor or reconfigure_time that is
// not a number throws Error naming the key and the value.
Settings load_settings(sql::Connection& db);

// A time stored in a column: a number, NULL (0), or text that names a time
// (upstream's edit-bank stored --ignore-older-than as typed, §6.3 #11);
// other text throws Error("<what()> is not a time: '<text>'").
double stored_time(const sql::Statement& st, int col, double now,
                   const std::function<std::string()>& what);

// The end of the current half-life period (t_half_life_period_table's
// end_half_life_period), or nullopt when the table has no row for the
// cluster or a NULL there (update-usage then starts a period).
std::optional<double> load_period_end(sql::Connection& db, double now);

// One association as a run sees and changes it.
struct Association {
  std::int64_t rowid = 0;
  std::string username, bank;
  bool in_default_bank = false;  // bank is the user's default bank
  std::int64_t userid = 0;
  bool active = false;
  double stored_usage = 0;
  std::int64_t factor_rowid = 0;  // 0: no job_usage_factor_table row
  double last_job = 0;
  double after = 0;  // jobs must end after this to be charged
  std::vector<double> bins;
  std::vector<std::int64_t> bin_rowids;  // 0 where the bin has no row
  usage::CostSum added;
  double newest = 0;  // t_inactive of the newest job charged
};

// Every association of association_table (in rowid order) with its
// job_usage_factor_table row and bins, and the time after which its jobs are
// charged: the latest of its last charged job, its bank's
// ignore_older_than and reconfigure_time.
std::vector<Association> load_associations(sql::Connection& db, const Settings& settings,
                                           double now);

// Prepared statements for writing associations back.
class UsageWriter {
 public:
  explicit UsageWriter(sql::Connection& db);
  void bin(const Association& a, std::size_t period, double value);
  void last_job(const Association& a, double t);
  void job_usage(const Association& a, double value);

 private:
  sql::Statement update_bin_, insert_bin_, update_last_, insert_factor_, update_usage_;
};

// Bins (given as they were before the run), last job and usage of one
// association; only values that changed are written, and missing rows are
// created. True when anything was written.
bool write_back(UsageWriter& w, const Association& a, const std::vector<double>& before);

}  // namespace fluxacct::store::usage_state
