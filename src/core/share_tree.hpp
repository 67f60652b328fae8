// The share tree bank-info shows: every bank and association below the
// root, with shares and usage normalised to the whole tree.
//
//   root        norm_shares 1.0, norm_usage 1.0, level_fs +inf
//   any child   norm_shares = shares / (sum of shares of its siblings of the
//               same kind: banks among banks, users among users)
//               x the parent's norm_shares (0 when that sum is 0);
//               norm_usage = usage / the root's usage (0 when the root's
//               usage is not positive)
//   bank        level_fs NaN (shown as "--")
//   user        level_fs = the stored fair-share value
//
// Every bank (active or not) hangs under its parent, sub-banks ordered by
// name, then the bank's associations (active or not) ordered by username.
// Node order is the upstream tool's: depth first, a bank's sub-bank
// subtrees before its own associations.
//
// The builder never recurses (a chain of banks may be arbitrarily deep), and
// each bank name is expanded once, so a cycle of parent_bank values left by
// an older tool cannot make it loop; banks not reachable from the root
// (orphans, cycles) are not in the tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fluxacct::share_tree {

struct BankRow {
  std::string name;
  std::string parent;  // "" for a root bank
  std::int64_t shares = 0;
  double usage = 0.0;
};

struct UserRow {
  std::string username;
  std::string bank;
  std::int64_t shares = 0;
  double usage = 0.0;
  double fairshare = 0.0;
};

// The input: rows in any order (the builder sorts by name).
struct Rows {
  std::vector<BankRow> banks;
  std::vector<UserRow> users;
};

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

struct Node {
  std::string name;  // bank name or username
  bool is_user = false;
  std::int64_t shares = 0;
  double usage = 0.0;
  double norm_shares = 0.0;
  double norm_usage = 0.0;
  double level_fs = 0.0;  // see above
  std::size_t depth = 0;  // root 0, its children 1, ...
  std::size_t parent = kNoParent;
  std::vector<std::size_t> children;  // sub-banks by name, then users by username
};

struct Tree {
  std::vector<Node> nodes;  // nodes[0] is the root

  // The indexes of every node named `name` (a user may have several
  // associations, and a user may share a bank's name), in node order.
  std::vector<std::size_t> find(const std::string& name) const;
};

// Builds the tree. Throws fluxacct::Error "No root bank found in
// bank_table" when no bank has an empty parent, and names them all when
// several do (which root the administrator meant is not ours to guess;
// update-fshare refuses the same way).
Tree build(const Rows& rows);

// What bank-info shows, as node indexes in display order.
//
// Down from each target (-t with users, -T without): the target, then its
// children sorted by name, each bank followed by its own subtree; a child
// named `exclude` is skipped with everything below it.
std::vector<std::size_t> subtree_view(const Tree& t, const std::vector<std::size_t>& targets,
                                      bool include_users, const std::string& exclude);

// Up from each target (-r, -u): the path root ... target; a path that
// passes through a node named `exclude` (other than the root) is left out.
std::vector<std::size_t> to_root_view(const Tree& t, const std::vector<std::size_t>& targets,
                                      const std::string& exclude);

}  // namespace fluxacct::share_tree
