// update-fshare: the active bank hierarchy read from the database as the
// fair-share walk sees it, and every active association's fair-share
// written back (the walk itself is core/fairshare_walk.hpp's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/fairshare_tree.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

// The hierarchy of upstream's update-fshare (spec §4.4 Load), read in three
// set-based queries whatever the number of banks:
//  - the root is the bank whose parent_bank is '' (none: "root bank not
//    found, exiting"; more than one: an Error naming them);
//  - a bank with sub-bank rows (active or not) holds no users; only its
//    active sub-banks are part of the tree, so an inactive bank hides all
//    below it and a bank whose sub-banks are all inactive adds no users;
//  - a bank without sub-bank rows holds its active associations;
//  - a bank's usage is the sum of the usage of the users beneath it,
//    recomputed (bank_table.job_usage is not read).
// Shares and usage must be finite non-negative numbers, and a bank name
// reached twice (a cycle, or a name used by two rows) is an Error.
struct FairshareHierarchy {
  FairshareTree tree;
  // Per tree node: the association's rowid and its stored fair-share (the
  // value read, or NaN when it is not a number); 0 and NaN for banks.
  std::vector<std::int64_t> association_rowid;
  std::vector<double> stored_fairshare;
};

FairshareHierarchy load_fairshare_hierarchy(sql::Connection& db);

struct FairshareUpdateResult {
  std::size_t users = 0;    // active associations ranked
  std::size_t written = 0;  // whose stored value changed
};

// update-fshare inside the caller's transaction: ranks every active
// association (TieOrder::kByName) and writes the fair-shares that differ
// from the stored ones. Inactive associations keep their value.
FairshareUpdateResult update_fairshare(sql::Connection& db);

}  // namespace fluxacct::store
