// The largest job_usage values, for show-usage's bar charts.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::store {

struct UsageEntry {
  std::string username;  // empty for banks
  std::string bank;
  double job_usage = 0;
};

// The `limit` associations with the most job_usage, most first (ties in the
// order they were added). A negative limit means no limit, as SQLite's does.
std::vector<UsageEntry> top_association_usage(sql::Connection& db, long long limit);

// The same for banks, the root bank left out.
std::vector<UsageEntry> top_bank_usage(sql::Connection& db, long long limit);

}  // namespace fluxacct::store
