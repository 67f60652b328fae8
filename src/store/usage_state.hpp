// What update-usage reads and writes for each association: the usage
// settings of config_table, the current half-life period, every association
// with its usage rows, and writing back only the values that changed. The
// run itself is store/usage_update.cpp's; simulate's accounting cycle starts
// from the same reads (cli/simulate_site.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/usage.hpp"
#include "store/row_values.hpp"
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

// The rows of association_table.
std::int64_t count_associations(sql::Connection& db);

// Every association of association_table (in rowid order) with its
// job_usage_factor_table row and bins, and the time after which its jobs are
// charged: the latest of its last charged job, its bank's
// ignore_older_than and reconfigure_time. Without `with_bins` the bins are
// left empty (BackgroundBins or load_bins reads them).
std::vector<Association> load_associations(sql::Connection& db, const Settings& settings,
                                           double now, bool with_bins = true);

// Reads the bins of associations loaded without them.
void load_bins(sql::Connection& db, std::vector<Association>& assocs, const Settings& settings);

// The bins read on a second, read-only connection to the same file, in a
// thread of its own, while the caller's connection reads the rest: a third
// of what update-usage reads. The caller holds the write transaction
// (BEGIN IMMEDIATE) and has written nothing in it yet, so both connections
// see the same rows.
class BackgroundBins {
 public:
  // Starts reading; a database in memory has no file to open again, and
  // nothing starts.
  BackgroundBins(sql::Connection& db, const Settings& settings);
  ~BackgroundBins();  // waits for the thread
  BackgroundBins(const BackgroundBins&) = delete;
  BackgroundBins& operator=(const BackgroundBins&) = delete;

  // Waits, and gives each of `assocs` (load_associations's, in the same
  // order) its bins. False, with `assocs` unchanged, when nothing was
  // started, the read failed (say the file could not be locked at once) or
  // it saw other associations: the caller then reads them with load_bins.
  bool take(std::vector<Association>& assocs);

 private:
  std::future<std::vector<Association>> loaded_;
};

// Writes associations back: missing rows are inserted at once, new values
// of existing rows are collected and written by flush(), one statement per
// table (sql::RowValues), which the destructor does not do.
class UsageWriter {
 public:
  explicit UsageWriter(sql::Connection& db);
  void bin(const Association& a, std::size_t period, double value);
  void last_job(const Association& a, double t);
  void job_usage(const Association& a, double value);
  void flush();

 private:
  sql::Connection& db_;
  sql::Statement insert_bin_, insert_factor_;
  sql::RowValues bins_, last_jobs_, usage_;
};

// Bins (given as they were before the run), last job and usage of one
// association; only values that changed are written, and missing rows are
// created. True when anything was written.
bool write_back(UsageWriter& w, const Association& a, const std::vector<double>& before);

}  // namespace fluxacct::store::usage_state
