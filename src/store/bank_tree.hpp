// The hierarchy view-bank -t draws: a bank and everything below it, as
// stored (any SQLite type), flat and in display order.
//
// Not share_tree::Tree (bank-info's): view-bank orders sub-banks and
// associations by rowid, not by name, lists associations only in banks
// without sub-banks, filters them (-c, -A), starts at any bank, and prints
// every value as stored rather than refusing one an older tool left as text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "store/banks.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

struct BankTreeNode {
  static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

  bool is_user = false;
  std::string name;  // bank name, or username for an association
  // The bank's parent_bank as stored (the top bank's may be ""), or the
  // association's bank.
  std::string parent_name;
  Value active, shares, job_usage;
  Value fairshare;                 // associations only
  std::size_t depth = 0;           // the top bank 0, its children 1, ...
  std::size_t parent = kNoParent;  // index of the bank above; kNoParent for the top
};

// Nodes in depth-first pre-order: nodes[0] is the top bank; every bank is
// followed by its subtree: its sub-banks (each with its own subtree) in rowid
// order or - only when it has no sub-banks - its associations in rowid order.
// A node's subtree therefore ends at the next node whose depth is not
// greater, so renderers need neither recursion nor child lists.
struct BankTree {
  std::vector<BankTreeNode> nodes;
};

// Loads the tree rooted at `bank` (the first row of that name by rowid);
// nullopt when there is no such bank. Every sub-bank is included, active or
// not; associations pass `filter`. Two queries whatever the size, and no
// recursion, so a chain of banks may be any depth. Each bank name is
// expanded once, as bank-info does: a sub-bank whose name was already
// placed (a parent_bank cycle or a repeated name left by an older tool) is
// left out, so the walk ends.
std::optional<BankTree> load_bank_tree(sql::Connection& db, const std::string& bank,
                                       AssociationFilter filter);

}  // namespace fluxacct::store
