#include "store/usage_rebin.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/config_keys.hpp"
#include "core/error.hpp"
#include "core/usage_bins.hpp"
#include "store/config.hpp"

namespace fluxacct::store {
namespace {

constexpr double kDefaultHalfLife = 604800;  // one week, usage_bin_count's fallback period

// A period from config_table in seconds; 0 when missing or unreadable (the
// fallback usage_bin_count applies).
double period_seconds(sql::Connection& db, const char* key) {
  auto text = config_value(db, key);
  if (!text) return 0;
  auto v = config::parse_number(*text);
  return v && std::isfinite(*v) && *v > 0 ? *v : 0;
}

// Exactly `bins` zero bins for every association: every (username, bank)
// that association_table, the usage bins or job_usage_factor_table name.
// The old bins are all deleted and the new ones written in key order. An
// association takes the userid of its association_table row, else of its
// bins, else of its job_usage_factor_table row. Returns how many
// associations got bins.
std::int64_t reset_bins(sql::Connection& db, int bins) {
  db.exec(
      "CREATE TEMP TABLE rebin_associations (username TEXT, bank TEXT, userid INTEGER,"
      " PRIMARY KEY (username, bank)) WITHOUT ROWID;"
      "INSERT OR IGNORE INTO temp.rebin_associations"
      " SELECT username, bank, userid FROM association_table;"
      "INSERT OR IGNORE INTO temp.rebin_associations"
      " SELECT username, bank, userid FROM job_usage_per_association_table;"
      "INSERT OR IGNORE INTO temp.rebin_associations"
      " SELECT username, bank, userid FROM job_usage_factor_table;"
      "DELETE FROM job_usage_per_association_table;");
  db.prepare(
        "WITH RECURSIVE periods(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM periods WHERE p + 1 < "
        "?)"
        " INSERT INTO job_usage_per_association_table (username, userid, bank, period, value)"
        " SELECT username, userid, bank, p, 0.0 FROM temp.rebin_associations, periods")
      .bind(1, bins)
      .run();
  std::int64_t n = 0;
  {
    auto count = db.prepare("SELECT count(*) FROM temp.rebin_associations");
    count.step();
    n = count.get_int(0);
  }  // finalized: a table cannot be dropped while a statement reads it
  db.exec("DROP TABLE temp.rebin_associations");
  return n;
}

}  // namespace

RebinResult rebin_usage(sql::Connection& db, std::time_t now) {
  const double reset = period_seconds(db, "priority_usage_reset_period");
  const double configured_half_life = period_seconds(db, "priority_decay_half_life");
  const int bins = usage_bin_count(reset, configured_half_life);
  if (bins > config::kMaxUsageBins)
    throw Error(fmt::format(
        "priority_usage_reset_period / priority_decay_half_life = {} / {} would give {} usage "
        "periods per association; at most {} are allowed",
        config::seconds_text(reset), config::seconds_text(configured_half_life),
        config::seconds_text(std::ceil(reset / configured_half_life)), config::kMaxUsageBins));
  const double half_life = configured_half_life > 0 ? configured_half_life : kDefaultHalfLife;

  RebinResult result{.bins = bins, .associations = 0};
  try {
    result.associations = reset_bins(db, bins);
    db.exec("UPDATE job_usage_factor_table SET last_job_timestamp = 0");
    db.exec("UPDATE association_table SET job_usage = 0.0");
    db.exec("UPDATE bank_table SET job_usage = 0.0");
    const double end = static_cast<double>(now) + half_life;
    db.prepare(
          "UPDATE t_half_life_period_table SET end_half_life_period = ? WHERE cluster = 'cluster'")
        .bind(1, end)
        .run();
    if (db.changes() == 0)
      db.prepare(
            "INSERT INTO t_half_life_period_table (cluster, end_half_life_period) "
            "VALUES ('cluster', ?)")
          .bind(1, end)
          .run();
    db.prepare(
          "INSERT INTO config_table (key, value) VALUES ('reconfigure_time', ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, config::seconds_text(static_cast<double>(now)))
        .run();
  } catch (const Error& e) {
    throw Error(
        fmt::format("failed to reconfigure usage bins, rolled back all changes: {}", e.what()));
  }
  return result;
}

}  // namespace fluxacct::store
