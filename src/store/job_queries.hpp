// Reading job records (the jobs table) for view-job-records and
// view-usage-report. Every filter is a bound parameter of one SELECT, and
// the statement keeps the shape SQLite can answer from an index on
// jobs(userid) or jobs(t_inactive) when one exists.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration_expr.hpp"
#include "core/flux_r.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

// All given filters must hold (AND).
struct JobFilter {
  std::optional<std::int64_t> userid;
  std::optional<std::uint64_t> jobid;
  std::optional<double> run_after;        // t_run > x        (-a)
  std::optional<double> inactive_before;  // t_inactive < x   (-b, report end)
  std::optional<double> inactive_from;    // t_inactive >= x  (report start)
  std::optional<std::string> project;
  std::optional<std::string> bank;
  std::vector<DurationExpr> requested;  // requested_duration op x
  std::vector<DurationExpr> actual;     // actual_duration op x
  std::vector<DurationExpr> delta;      // requested_duration - actual_duration op x
};

// A sort key for SQLite's sorter: a stored column (or requested − actual),
// a count of R, or the owner's user name. Job IDs sort by number, project,
// bank and R's text with NULL as "", counts of an R that cannot be counted
// as NULL (first).
struct JobOrder {
  enum class Column {
    kId,
    kUserid,
    kTSubmit,
    kTRun,
    kTInactive,
    kProject,
    kBank,
    kRequestedDuration,
    kActualDuration,
    kDurationDelta,
    kResources,  // R's text
    kNnodes,
    kNcores,
    kNgpus,
    kUsername,  // JobQuery's UsernameOf
  };
  Column column;
  bool descending = false;
};

// One job record. The views are valid until the next call of next().
struct JobRow {
  std::string_view id;  // as stored: the decimal job ID
  std::int64_t userid = 0;
  double t_submit = 0, t_run = 0, t_inactive = 0;
  std::string_view R;
  std::string_view project;  // NULL reads as ""
  std::string_view bank;     // NULL reads as ""
  double requested_duration = 0, actual_duration = 0;
  // R's counts, when the query counted them (it does when it sorts by one):
  // nullopt when R cannot be counted.
  bool counted = false;
  std::optional<ResourceCounts> counts;
};

// The matching job records ordered by `order` (each key in turn), then in
// the order they were recorded (rowid) — Python's stable sort by each key,
// done by SQLite's sorter, which spills to temporary files instead of
// holding a million rows in memory.
class JobQuery {
 public:
  // The user name of a userid, for sorting by kUsername (a password
  // database lookup is the caller's); called once per record sorted.
  using UsernameOf = std::function<std::string(std::int64_t)>;

  JobQuery(sql::Connection& db, const JobFilter& filter, const std::vector<JobOrder>& order = {},
           UsernameOf username = {});
  ~JobQuery();
  JobQuery(const JobQuery&) = delete;
  JobQuery& operator=(const JobQuery&) = delete;
  bool next(JobRow& row);
  // Runs the query again from the first row.
  void rewind() { stmt_.reset_keep_bindings(); }

 private:
  sql::Connection& db_;
  bool names_registered_ = false;
  bool counted_ = false;
  sql::Statement stmt_;
};

// Makes fluxacct_r_count(R, k) known to a connection (Connection's
// constructor calls it): node (k = 0), core (1) or GPU (2) count of R's
// text, NULL when R cannot be counted. Each shape of R is counted once.
void register_job_functions(sqlite3* db);

// The SQL text JobQuery prepares for `filter` (for tests and query plans).
std::string job_query_sql(const JobFilter& filter, const std::vector<JobOrder>& order = {});

// The userid of the first association_table row of `username`, if any.
std::optional<std::int64_t> association_userid(sql::Connection& db, const std::string& username);

}  // namespace fluxacct::store
