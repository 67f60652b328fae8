// Upstream's weighted-tree walk: a fair-share value for every user of a
// FairshareTree (spec §4.4, and the emulator's variant of §4.5).
#pragma once

#include <vector>

#include "core/fairshare_tree.hpp"

namespace fluxacct {

// How siblings whose weights are equal are ordered, and which of upstream's
// two walks is reproduced.
enum class TieOrder {
  // The walk of upstream's C++ `flux account-update-fshare`, made independent
  // of the order rows came out of the database: equal-weight siblings (see
  // fairshare_weights_equal) are users first, then banks, each by name;
  // sibling sums are taken over the values in ascending order. Use for
  // update-fshare and everything that must agree with it.
  kByName,
  // The walk of upstream's Python `flux account-fairshare-emulate`, quirks
  // included, so that its outputs are matched line for line: a stable sort by
  // exact weight (siblings of equal weight keep the order they were added, a
  // bank may precede a user), sibling sums taken in that order, the children
  // of a run of tied banks visited as one flat list (banks in it are not
  // merged again), and a user there ranked with the next node of equal weight
  // whatever its kind (a user tied with its next real sibling stays tied).
  kInputOrder,
};

// The fair-share of one user.
struct UserFairshare {
  FairshareTree::Index user;  // index of the user node in the tree
  double fairshare;           // rank / number of users, in (0, 1]
};

// Ranks every user of the tree and returns them in walk order (highest
// fair-share first).
//
// Each node's weight among its siblings (S, U: sums of the siblings' shares
// and usage, the node included) is 0 when it has no shares, 2^64 (above
// every finite weight) when its usage is below 1e-9, else
// (shares/S) / (usage/U). U is summed in floating point (upstream's C++ tool
// truncates each partial sum to an integer, spec §6.3 #22: we do not).
// Children are visited by weight, highest first; a run of tied banks is
// replaced by one virtual bank holding all their children, ranked together
// with the weights they have relative to their real parents. With N users,
// the rank starts at N and each user gets rank / N; users tied with the next
// share its rank, and the rank then drops by the size of the group.
//
// Iterative (explicit stack): any depth is fine. O(n log n) time for n nodes,
// O(n) memory. An empty tree or one without users gives an empty result.
std::vector<UserFairshare> walk_fairshare(const FairshareTree& tree,
                                          TieOrder order = TieOrder::kByName);

// Each node's weight among its siblings as the walk computes it (indexed by
// node; the root's is 0). For views that explain a fair-share value.
std::vector<double> sibling_weights(const FairshareTree& tree, TieOrder order = TieOrder::kByName);

// Upstream's equality of weights: |a - b| < DBL_EPSILON * max(|a|, |b|, 1).
bool fairshare_weights_equal(double a, double b);

// A fair-share as update-fshare stores it: printed with "%.6f" (upstream's
// text) and read back. This, not the walk's exact rank / N, is what
// priority-update then sends the plugin, so whatever models the cron
// pipeline (update-fshare, simulate's accounting cycle) rounds through it.
double stored_fairshare(double fairshare);

}  // namespace fluxacct
