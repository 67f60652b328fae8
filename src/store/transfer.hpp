// export-db, pop-db and export-json: reading whole tables out, and loading
// CSV files into tables with the checks the schema implies.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/value.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

// A deferred read transaction: every SELECT inside it sees one snapshot of
// the database, and it takes no write lock (it works on a read-only file).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sql::Connection& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sql::Connection& db_;
};

// ---- export ---------------------------------------------------------------

// Receives the tables of the database one after another.
class TableSink {
 public:
  virtual ~TableSink() = default;
  // `total` is the number of rows when wants_totals() says so, else -1.
  virtual void begin_table(const std::string& table, const std::vector<std::string>& columns,
                           std::int64_t total) = 0;
  virtual void row(const std::vector<Value>& values) = 0;
  virtual void end_table() = 0;
  virtual bool wants_totals() const { return false; }
};

// Streams every table of the database (sqlite_sequence included, in
// sqlite_master order), each in rowid order, from one read transaction so
// that the files form a consistent snapshot.
void export_tables(sql::Connection& db, TableSink& sink);

// ---- import ---------------------------------------------------------------

struct ImportOptions {
  // -f/--fields: the header columns to import; empty means all of them.
  std::vector<std::string> fields;
  // New association_table rows get their usage-tracking rows (a
  // job_usage_factor_table row and one zero bin per usage period), unless
  // the import also brings those tables' rows.
  bool create_factor_rows = true;
  bool create_usage_bins = true;
  // Called now and then with the rows and input bytes done so far.
  std::function<void(std::int64_t rows, std::uint64_t bytes)> progress;
};

// Loads a CSV file whose first record names the columns into `table`, in
// the caller's transaction. Every cell is checked against its column's
// declared type; an empty unquoted cell leaves the column to its default,
// "" is the empty string; NOT NULL columns without a default must have a
// value; a row whose key is already in the table (or earlier in the file)
// is refused. Tables the database seeds (config_table,
// priority_factor_weight_table, project_table, t_half_life_period_table,
// sqlite_sequence) and the usage-tracking tables are upserted by key
// instead, so that an export can be loaded over a fresh create-db.
// Errors name the file and line. Returns the number of rows imported.
std::int64_t import_table(sql::Connection& db, const std::string& table, csv::Reader& in,
                          const ImportOptions& opts);

// The tables pop-db -d loads, in dependency order: settings first, then
// banks, associations, their usage, jobs, and the sequences last.
const std::vector<std::string>& import_order();

// ---- export-json and export-db -F -----------------------------------------

// The sections of the plugin's initialisation document, each a SELECT whose
// column names are the JSON keys, in upstream's order (rowid order).
enum class PluginSection { kAssociations, kQueues, kProjects, kBanks, kPriorityFactors };
sql::Statement select_plugin_section(sql::Connection& db, PluginSection section);

// config_table's deny_unknown_queues as the plugin reads it ("true" in any
// case); false when the key is missing.
bool deny_unknown_queues(sql::Connection& db);

// config_table's enforce_queue_job_limits ("true" in any case; absent or
// anything else is false): whether the engine rejects jobs over a queue's
// min/max nodes per job and max time per job, which upstream stores but
// never enforces.
bool enforce_queue_job_limits(sql::Connection& db);

// The rows the fair-share hierarchy is built from, in rowid order: every
// bank (bank, parent_bank, shares, job_usage), active or not, and every
// association (username, bank, shares, job_usage).
sql::Statement select_hierarchy_banks(sql::Connection& db);
sql::Statement select_hierarchy_associations(sql::Connection& db);

// ---- 0.18.1-era CSV files (pop-db -u/-b, export-db -u/-b) ---------------

// The headerless column lists of the original guide.
sql::Statement select_legacy_users(sql::Connection& db);  // username, userid, bank, shares,
                                                          // max_running_jobs, max_active_jobs,
                                                          // max_nodes, queues
sql::Statement select_legacy_banks(sql::Connection& db);  // bank, parent_bank, shares

}  // namespace fluxacct::store
