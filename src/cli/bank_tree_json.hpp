// view-bank -t --json: the bank tree as one nested JSON document, for
// scripts, with the field names bank-info --json uses (and sshare --json's
// name/parent convention: a user's parent is its bank).
//
//   bank   {"name", "type": "bank", "parent" (its parent_bank; "" for the
//           root), "active" (true/false), "shares", "usage" (job_usage, as
//           stored), "norm_shares", "norm_usage", "children": [sub-banks
//           in rowid order, or - in a bank without sub-banks - its users]}
//   user   {"name" (username), "type": "user", "parent" (the bank),
//           "active", "shares", "usage", "fairshare" (as stored),
//           "norm_shares", "norm_usage"}
//
// norm_shares and norm_usage are bank-info's (share_tree.hpp): shares over
// the siblings' of the same kind times the parent's norm_shares, usage over
// the root's; null for a bank or user not reachable from the root (a
// detached subtree or a cycle left by an older tool). Siblings hidden by
// -c/-A still count: the values describe the node in the whole tree.
//
// The document is on one line (json.dumps() without indent): indentation
// would make a deep tree's output grow with depth x size. It is written
// without recursion and streamed, so any depth is fine - though most JSON
// readers have their own nesting limit (jq 1.6: 256 levels, two per bank).
#pragma once

#include "cli/output.hpp"
#include "core/share_tree.hpp"
#include "store/bank_tree.hpp"

namespace fluxacct::cli {

// Writes `tree` as above, with a final newline. `shares` is the share tree
// of the whole database (share_tree::build), for the normalised values.
void write_bank_tree_json(const store::BankTree& tree, const share_tree::Tree& shares, Output& out);

}  // namespace fluxacct::cli
