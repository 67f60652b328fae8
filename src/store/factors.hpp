// priority_factor_weight_table: the integer weight of each factor of the
// plugin's priority formula (view-factor, edit-factor, list-factors,
// reset-factors). Writers run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// The weights the plugin reads into a C int: 0 ... 2147483647.
inline constexpr std::int64_t kMaxFactorWeight = 2147483647;

// The factors of the priority formula, in create-db's order: fairshare,
// queue, bank, urgency (schema::default_factor_weights()).
std::vector<std::string> priority_factors();

// edit-factor. An unknown factor -> "factor F not found in
// priority_factor_weight_table; available factors are
// fairshare,queue,bank,urgency"; a weight outside 0 ... kMaxFactorWeight is
// refused. A known factor whose row is missing gets it back.
void edit_factor(sql::Connection& db, const std::string& factor, std::int64_t weight);

// reset-factors: every factor gets create-db's weight again (rows upserted).
void reset_factors(sql::Connection& db);

}  // namespace fluxacct::store
