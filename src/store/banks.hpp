// bank_table: adding, disabling, editing and reading banks (the hierarchy
// view-bank -t draws is in bank_tree.hpp).
//
// The writers run inside the caller's transaction (one per command) and
// throw fluxacct::Error with the message the user sees; on error the caller's
// transaction rolls everything back.
//
// Bank names are unique across the whole tree here (upstream only refuses a
// duplicate under the same parent, and then every name-keyed lookup - a
// user's bank, a parent's sub-banks - silently picks one of the two).
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

struct NewBank {
  std::string name;
  std::string parent;  // "" makes the root bank
  std::int64_t shares = 1;
  double priority = 0.0;
  std::int64_t ignore_older_than = 0;  // seconds since the epoch
};

enum class AddBankResult { kAdded, kReactivated };

// Adds a bank, with upstream's checks in upstream's order:
//   a second root            -> "bank_table already has a root bank"
//   unknown parent           -> "parent bank <p> not found in bank table"
//   parent holds associations-> "banks cannot be added to a bank that currently has
//                                associations in it"
//   same name, same parent   -> active: "bank <b> already exists in bank_table";
//                               inactive: set active = 1 and nothing else (kReactivated)
//   same name elsewhere      -> refused (names are unique across the tree).
// A disabled root bank can be re-enabled by adding it again under its own name.
AddBankResult add_bank(sql::Connection& db, const NewBank& bank);

// Disables `bank` and, recursively, every sub-bank, and disables every
// association in those banks through remove_association (so default banks
// rotate as with delete-user). With `force` the rows are deleted instead,
// and every bank's job_usage is then recomputed from the root
// (recompute_bank_usage). Unknown bank -> "bank <b> not found in bank_table".
void delete_bank(sql::Connection& db, const std::string& bank, bool force, std::time_t now);

// The fields edit-bank may change; unset ones are left alone.
struct BankEdit {
  std::optional<std::int64_t> shares;
  std::optional<std::string> parent;
  std::optional<double> priority;
  std::optional<std::int64_t> ignore_older_than;

  bool empty() const { return !shares && !parent && !priority && !ignore_older_than; }
};

// Applies `edit` to `bank`. Refuses: an unknown bank, an empty edit, shares
// <= 0, an unknown parent, moving the root, moving a bank under itself or
// one of its own sub-banks (a cycle), and moving it under a bank that holds
// associations. A move recomputes every bank's job_usage.
void edit_bank(sql::Connection& db, const std::string& bank, const BankEdit& edit);

// Sets every bank's job_usage, walking down from the root bank: a bank
// without sub-banks gets the sum of its *active* associations' job_usage,
// a bank with sub-banks the sum over its *active* sub-banks - the same usage
// the fair-share walk sees. Does nothing when there is no root bank.
// Returns whether any row's job_usage now reads as a different number.
bool recompute_bank_usage(sql::Connection& db);

// The rows view-bank prints: `columns` (empty = all) of the bank's row.
sql::Statement select_bank(sql::Connection& db, const std::string& bank,
                           const std::vector<std::string>& columns);

// list-banks: `columns` (empty = all) of every bank, active ones only
// unless `include_inactive`, in rowid order.
sql::Statement select_banks(sql::Connection& db, bool include_inactive,
                            const std::vector<std::string>& columns);

// Which associations view-bank lists under a bank.
struct AssociationFilter {
  bool with_usage_only = false;  // -c/--concise: job_usage > 0
  bool active_only = false;      // -A/--active
};

// The SQL condition (" AND ...", or "") that applies `filter` to a query on
// association_table.
std::string association_filter_sql(AssociationFilter filter);

// view-bank -u: username, active, default_bank, shares, job_usage and
// fairshare of the bank's associations, in rowid order.
sql::Statement select_bank_users(sql::Connection& db, const std::string& bank,
                                 AssociationFilter filter);

}  // namespace fluxacct::store
