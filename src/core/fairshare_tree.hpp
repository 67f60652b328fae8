// The bank/user hierarchy that the fair-share walk ranks: who sits under
// which bank, with how many shares and how much usage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fluxacct {

// A tree of banks (inner nodes) and users (leaves), stored flat: every node
// lives in one arena and is named by its index, children are index lists.
// Nothing recurses over it, so trees nested hundreds of thousands of levels
// deep are fine, and memory is linear in the number of nodes.
//
// Build it top-down: add_root() first, then add_bank()/add_user() with the
// index of a node already added as parent (so a parent's index is always
// smaller than its children's). The order in which siblings are added is
// kept; it matters only for TieOrder::kInputOrder (see fairshare_walk.hpp).
//
// Every add validates its numbers: shares and usage must be finite and not
// negative, else fluxacct::Error("<kind> '<name>': <field> must be a finite
// non-negative number, got <value>"). A user is a leaf: adding a child to a
// user, a second root, or naming a parent that does not exist is an Error.
//
// Example (upstream's small_no_tie tree, abbreviated):
//
//   FairshareTree tree;
//   auto root = tree.add_root("root", 1000, 0);
//   auto a1 = tree.add_bank(root, "account1", 1000, 0);
//   tree.add_user(a1, "leaf.1.1", 10000, 100);
//   tree.roll_up_user_usage();  // banks' usage = sum of their users'
//   auto users = walk_fairshare(tree);
class FairshareTree {
 public:
  using Index = std::uint32_t;
  static constexpr Index kNoParent = UINT32_MAX;

  enum class Kind : std::uint8_t { kBank, kUser };

  // Adds the root bank; it must be the first node. Returns its index (0).
  Index add_root(std::string_view name, double shares, double usage);
  // Adds a bank below the bank `parent`. Returns its index.
  Index add_bank(Index parent, std::string_view name, double shares, double usage);
  // Adds a user (an association: the user in bank `parent`). Returns its index.
  Index add_user(Index parent, std::string_view name, double shares, double usage);

  // Sets every bank's usage to the sum of the usage of all users beneath it
  // (in floating point, each bank's children summed smallest first so that
  // the result does not depend on the order they were added), as update-fshare
  // does: a bank's stored usage is never trusted. Banks without users get 0.
  void roll_up_user_usage();

  // Makes room for n nodes (optional; adding is amortised O(1) anyway).
  void reserve(std::size_t n);

  std::size_t size() const { return kind_.size(); }
  bool empty() const { return kind_.empty(); }
  std::size_t user_count() const { return user_count_; }

  Kind kind(Index i) const { return kind_[i]; }
  bool is_user(Index i) const { return kind_[i] == Kind::kUser; }
  std::string_view name(Index i) const;
  double shares(Index i) const { return shares_[i]; }
  double usage(Index i) const { return usage_[i]; }
  // kNoParent for the root.
  Index parent(Index i) const { return parent_[i]; }
  // The children of node i in the order they were added.
  std::span<const Index> children(Index i) const;

 private:
  Index add(Index parent, Kind kind, std::string_view name, double shares, double usage);
  void link_children() const;

  std::vector<Kind> kind_;
  std::vector<Index> parent_;
  std::vector<double> shares_;
  std::vector<double> usage_;
  std::string names_;                  // all names, back to back
  std::vector<std::size_t> name_end_;  // name i is names_[name_end_[i-1], name_end_[i])
  std::size_t user_count_ = 0;

  // Children lists in compressed form (offsets into one index array), built
  // on first use after the last add: one pass, no per-node allocation.
  mutable std::vector<std::size_t> child_begin_;
  mutable std::vector<Index> child_index_;
  mutable bool linked_ = false;
};

}  // namespace fluxacct
