#include "store/share_tree_rows.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::store {
namespace {

std::string describe(const Value& v) {
  return is_null(v) ? std::string("NULL") : fmt::format("'{}'", py::str(v));
}

std::int64_t integer_of(const sql::Statement& st, int col, const std::string& what) {
  Value v = st.get_value(col);
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v))
    if (std::isfinite(*d) && *d == std::floor(*d) && std::fabs(*d) < 9.0e15)
      return static_cast<std::int64_t>(*d);
  throw Error(fmt::format("{} is not an integer: {}", what, describe(v)));
}

double number_of(const sql::Statement& st, int col, const std::string& what) {
  Value v = st.get_value(col);
  if (is_null(v)) return 0.0;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  throw Error(fmt::format("{} is not a number: {}", what, describe(v)));
}

}  // namespace

share_tree::Rows load_share_tree_rows(sql::Connection& db) {
  share_tree::Rows rows;
  auto banks = db.prepare(
      "SELECT bank, parent_bank, shares, job_usage FROM bank_table ORDER BY bank, rowid");
  while (banks.step()) {
    share_tree::BankRow b;
    b.name = banks.get_text(0);
    b.parent = banks.is_null(1) ? std::string() : banks.get_text(1);
    b.shares = integer_of(banks, 2, fmt::format("shares of bank {}", b.name));
    b.usage = number_of(banks, 3, fmt::format("job_usage of bank {}", b.name));
    rows.banks.push_back(std::move(b));
  }
  auto users = db.prepare(
      "SELECT username, bank, shares, job_usage, fairshare FROM association_table "
      "ORDER BY username, rowid");
  while (users.step()) {
    share_tree::UserRow u;
    u.username = users.get_text(0);
    u.bank = users.get_text(1);
    const std::string who = fmt::format("association {},{}", u.username, u.bank);
    u.shares = integer_of(users, 2, fmt::format("shares of {}", who));
    u.usage = number_of(users, 3, fmt::format("job_usage of {}", who));
    u.fairshare = number_of(users, 4, fmt::format("fairshare of {}", who));
    rows.users.push_back(std::move(u));
  }
  return rows;
}

std::optional<std::string> default_bank_of(sql::Connection& db, const std::string& username) {
  auto st = db.prepare(
      "SELECT default_bank FROM association_table WHERE username = ? ORDER BY rowid LIMIT 1");
  st.bind(1, username);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.get_text(0);
}

}  // namespace fluxacct::store
