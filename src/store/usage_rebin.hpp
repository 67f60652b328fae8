// Re-binning: starting every association's usage history afresh after the
// usage periods or the decay factor change (edit-config, add-config).
#pragma once

#include <cstdint>
#include <ctime>

#include "store/sqlite.hpp"

namespace fluxacct::store {

struct RebinResult {
  int bins = 0;                   // usage periods per association now
  std::int64_t associations = 0;  // associations that got them
};

// Within the caller's transaction, using config_table as it stands:
//   * every association - each row of association_table, and any
//     (username, bank) that has usage bins or a job_usage_factor_table row -
//     gets exactly usage_bin_count(reset period, half-life) bins, all 0.0,
//     under the userid of its association_table row when it has one;
//   * every last_job_timestamp becomes 0, association and bank job_usage 0.0;
//   * the half-life period ends at now + half-life;
//   * config_table's reconfigure_time becomes now, so that jobs that ended
//     before it are not counted again.
// A missing or unreadable period falls back as usage_bin_count does (four
// one-week periods). Any failure throws Error("failed to reconfigure usage
// bins, rolled back all changes: <why>"); the caller's transaction then
// rolls everything back.
RebinResult rebin_usage(sql::Connection& db, std::time_t now);

}  // namespace fluxacct::store
