// Repairs and clean-ups: sync-userids, scrub-old-jobs. Both run inside the
// caller's transaction.
#pragma once

#include <cstdint>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// Gives every job_usage_factor_table and job_usage_per_association_table
// row the userid of its association (the association_table row with the
// same username and bank). Returns how many rows changed.
std::int64_t sync_userids(sql::Connection& db);

// Deletes the job records that became inactive before `cutoff` (seconds
// since the epoch). Returns how many were deleted.
std::int64_t scrub_old_jobs(sql::Connection& db, double cutoff);

}  // namespace fluxacct::store
