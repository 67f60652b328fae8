#include "store/factors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {
namespace {

void upsert(sql::Statement& st, const std::string& factor, std::int64_t weight) {
  st.reset();
  st.bind(1, factor).bind(2, weight).run();
}

sql::Statement prepare_upsert(sql::Connection& db) {
  return db.prepare(
      "INSERT INTO priority_factor_weight_table (factor, weight) VALUES (?, ?) "
      "ON CONFLICT (factor) DO UPDATE SET weight = excluded.weight");
}

}  // namespace

std::vector<std::string> priority_factors() {
  std::vector<std::string> names;
  for (const auto& f : schema::default_factor_weights()) names.emplace_back(f.key);
  return names;
}

void edit_factor(sql::Connection& db, const std::string& factor, std::int64_t weight) {
  const auto names = priority_factors();
  if (std::find(names.begin(), names.end(), factor) == names.end())
    throw Error(
        fmt::format("factor {} not found in priority_factor_weight_table; available factors are {}",
                    factor, fmt::join(names, ",")));
  if (weight < 0 || weight > kMaxFactorWeight)
    throw Error(fmt::format("weight must be an integer between 0 and {}, got {}", kMaxFactorWeight,
                            weight));
  auto st = prepare_upsert(db);
  upsert(st, factor, weight);
}

void reset_factors(sql::Connection& db) {
  auto st = prepare_upsert(db);
  for (const auto& f : schema::default_factor_weights())
    upsert(st, std::string(f.key), std::stoll(std::string(f.value)));
}

}  // namespace fluxacct::store
