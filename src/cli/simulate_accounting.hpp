// What simulate's accounting cycle starts from, read from the database by
// the store's own loaders (the reads of update-usage and update-fshare):
// usage settings, the current half-life period, every association's bins
// and fair-share, and update-fshare's bank tree.
#pragma once

#include "sim/accounting_cycle.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::cli {

// The accounting state at `now` (used only to read times stored as text).
// Simulated t = 0 is the start of the database's current half-life period
// (end_half_life_period − half-life), so the same database and workload
// always give the same run; without a stored period, one starts at t = 0.
// Throws Error for what update-usage or update-fshare would refuse (an
// unreadable weight, a bank tree without one root, …).
sim::AccountingSetup load_accounting_setup(sql::Connection& db, double now);

}  // namespace fluxacct::cli
