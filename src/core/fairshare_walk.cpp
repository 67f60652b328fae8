#include "core/fairshare_walk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace fluxacct {

namespace {

using Index = FairshareTree::Index;

// Usage below this counts as none (upstream's threshold).
constexpr double kNoUsage = 1e-9;
// The weight of a node with shares and no usage: max uint64 + 1, above every
// weight a node with usage can have in practice.
constexpr double kNoUsageWeight = 18446744073709551616.0;

double weight_of(double shares, double usage, double shares_sum, double usage_sum) {
  if (shares == 0) return 0;
  if (std::fabs(usage) < kNoUsage) return kNoUsageWeight;
  return (shares / shares_sum) / (usage / usage_sum);
}

// Sums values in a way that does not depend on their order: smallest first.
double order_free_sum(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  return sum;
}

// Every node's weight among its siblings.
std::vector<double> compute_weights(const FairshareTree& tree, TieOrder order) {
  std::vector<double> weight(tree.size(), 0.0);
  std::vector<double> scratch;
  for (Index bank = 0; bank < tree.size(); ++bank) {
    if (tree.is_user(bank)) continue;
    const auto kids = tree.children(bank);
    if (kids.empty()) continue;
    double shares_sum = 0;
    double usage_sum = 0;
    if (order == TieOrder::kByName) {
      scratch.clear();
      for (Index c : kids) scratch.push_back(tree.shares(c));
      shares_sum = order_free_sum(scratch);
      scratch.clear();
      for (Index c : kids) scratch.push_back(tree.usage(c));
      usage_sum = order_free_sum(scratch);
    } else {
      for (Index c : kids) {
        shares_sum += tree.shares(c);
        usage_sum += tree.usage(c);
      }
    }
    for (Index c : kids)
      weight[c] = weight_of(tree.shares(c), tree.usage(c), shares_sum, usage_sum);
  }
  return weight;
}

// The state of one walk: the tree, its weights, and each bank's children in
// visiting order with their ties.
class Walker {
 public:
  Walker(const FairshareTree& tree, TieOrder order)
      : tree_(tree), order_(order), weight_(compute_weights(tree, order)) {}

  std::vector<UserFairshare> run();

 private:
  // A list of siblings being visited: a real bank's children (in order_list_,
  // ties in tied_) or the merged children of tied banks (in merged_list_,
  // ties in merged_tied_, owned by this frame: dropped when it is popped).
  struct Frame {
    bool merged;
    std::size_t begin, end, pos;
  };

  void sort_siblings(Index* first, Index* last, std::uint8_t* tied, bool merged) const;
  void prepare_real_lists();
  void push_real(Index bank);
  void push_merged(const Frame& from, std::size_t first, std::size_t last);
  void visit_user(Index user, bool tied_with_next);

  Index item(const Frame& f, std::size_t k) const {
    return f.merged ? merged_list_[k] : order_list_[k];
  }
  bool tied(const Frame& f, std::size_t k) const {
    if (!f.merged) return tied_[order_list_[k]];
    // The emulator leaves a user tied with its next real sibling tied.
    if (order_ == TieOrder::kInputOrder && tied_[merged_list_[k]]) return true;
    return merged_tied_[k];
  }

  const FairshareTree& tree_;
  const TieOrder order_;
  const std::vector<double> weight_;

  std::vector<std::size_t> order_begin_;  // bank i's children: order_list_[begin[i], begin[i+1])
  std::vector<Index> order_list_;
  std::vector<std::uint8_t> tied_;  // node ranks with the next node of its real sibling list
  std::vector<Index> merged_list_;
  std::vector<std::uint8_t> merged_tied_;
  std::vector<Frame> stack_;

  std::vector<UserFairshare> out_;
  std::uint64_t rank_ = 0;
  std::uint64_t stride_ = 0;
};

// Orders one sibling list (a bank's children, or the merged children of tied
// banks) by weight, highest first, and marks which entries rank together
// with the next one.
void Walker::sort_siblings(Index* first, Index* last, std::uint8_t* tied, bool merged) const {
  const auto& w = weight_;
  const std::size_t n = static_cast<std::size_t>(last - first);
  if (order_ == TieOrder::kInputOrder) {
    std::stable_sort(first, last, [&](Index a, Index b) { return w[a] > w[b]; });
    // The emulator ties a bank's children only to their own kind, but ties a
    // merged list's entries whatever their kind.
    for (std::size_t k = 0; k + 1 < n; ++k) {
      tied[k] = (merged || tree_.is_user(first[k]) == tree_.is_user(first[k + 1])) &&
                fairshare_weights_equal(w[first[k]], w[first[k + 1]]);
    }
    if (n > 0) tied[n - 1] = false;
    return;
  }
  // By exact weight first; then every chain of neighbours with equal weights
  // is one tie group, ordered users first, then by name (and parent's name,
  // as a user may sit in several merged banks), so that the database's row
  // order never shows.
  std::sort(first, last, [&](Index a, Index b) { return w[a] > w[b]; });
  const auto by_kind_and_name = [&](Index a, Index b) {
    if (tree_.is_user(a) != tree_.is_user(b)) return tree_.is_user(a);
    if (tree_.name(a) != tree_.name(b)) return tree_.name(a) < tree_.name(b);
    const Index pa = tree_.parent(a), pb = tree_.parent(b);
    if (tree_.name(pa) != tree_.name(pb)) return tree_.name(pa) < tree_.name(pb);
    return a < b;
  };
  std::size_t group = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    if (k < n && fairshare_weights_equal(w[first[k - 1]], w[first[k]])) continue;
    std::sort(first + group, first + k, by_kind_and_name);
    for (std::size_t j = group; j < k; ++j) {
      tied[j] = j + 1 < k && tree_.is_user(first[j]) == tree_.is_user(first[j + 1]);
    }
    group = k;
  }
}

void Walker::prepare_real_lists() {
  const std::size_t n = tree_.size();
  order_begin_.assign(n + 1, 0);
  order_list_.reserve(n);
  tied_.assign(n, 0);
  std::vector<std::uint8_t> tied_here;
  for (Index bank = 0; bank < n; ++bank) {
    order_begin_[bank] = order_list_.size();
    if (tree_.is_user(bank)) continue;
    const auto kids = tree_.children(bank);
    order_list_.insert(order_list_.end(), kids.begin(), kids.end());
    Index* first = order_list_.data() + order_begin_[bank];
    tied_here.resize(kids.size());
    sort_siblings(first, first + kids.size(), tied_here.data(), /*merged=*/false);
    for (std::size_t k = 0; k < kids.size(); ++k) tied_[first[k]] = tied_here[k];
  }
  order_begin_[n] = order_list_.size();
}

void Walker::push_real(Index bank) {
  if (order_begin_[bank] == order_begin_[bank + 1]) return;
  stack_.push_back({false, order_begin_[bank], order_begin_[bank + 1], order_begin_[bank]});
}

// Replaces the tied banks from.item(first..last) by one list of all their
// children, ranked together by the weights they have in their own banks.
void Walker::push_merged(const Frame& from, std::size_t first, std::size_t last) {
  const std::size_t begin = merged_list_.size();
  for (std::size_t k = first; k <= last; ++k) {
    const Index bank = item(from, k);
    merged_list_.insert(merged_list_.end(), order_list_.begin() + order_begin_[bank],
                        order_list_.begin() + order_begin_[bank + 1]);
  }
  const std::size_t end = merged_list_.size();
  if (begin == end) return;
  merged_tied_.resize(end);
  sort_siblings(merged_list_.data() + begin, merged_list_.data() + end, merged_tied_.data() + begin,
                /*merged=*/true);
  stack_.push_back({true, begin, end, begin});
}

void Walker::visit_user(Index user, bool tied_with_next) {
  out_.push_back({user, static_cast<double>(rank_) / static_cast<double>(tree_.user_count())});
  if (tied_with_next) {
    ++stride_;
  } else {
    rank_ -= 1 + stride_;
    stride_ = 0;
  }
}

std::vector<UserFairshare> Walker::run() {
  if (tree_.user_count() == 0) return {};
  prepare_real_lists();
  out_.reserve(tree_.user_count());
  rank_ = tree_.user_count();
  push_real(0);
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    if (f.pos == f.end) {
      if (f.merged) {
        merged_list_.resize(f.begin);
        merged_tied_.resize(f.begin);
      }
      stack_.pop_back();
      continue;
    }
    const std::size_t k = f.pos;
    const Index node = item(f, k);
    if (tree_.is_user(node)) {
      visit_user(node, tied(f, k));
      ++f.pos;
      continue;
    }
    // The emulator visits the banks of a merged list one by one.
    const bool merge_ties = !(f.merged && order_ == TieOrder::kInputOrder);
    std::size_t last = k;
    if (merge_ties) {
      while (last + 1 < f.end && tied(f, last) && !tree_.is_user(item(f, last + 1))) ++last;
    }
    f.pos = last + 1;
    const Frame from = f;  // push_* may move the stack
    if (last == k) {
      push_real(node);
    } else {
      push_merged(from, k, last);
    }
  }
  return std::move(out_);
}

}  // namespace

bool fairshare_weights_equal(double a, double b) {
  const double threshold = DBL_EPSILON * std::max({std::fabs(a), std::fabs(b), 1.0});
  return std::fabs(a - b) < threshold;
}

std::vector<UserFairshare> walk_fairshare(const FairshareTree& tree, TieOrder order) {
  return Walker(tree, order).run();
}

std::vector<double> sibling_weights(const FairshareTree& tree, TieOrder order) {
  return compute_weights(tree, order);
}

double stored_fairshare(double fairshare) {
  return std::strtod(fmt::format("{:.6f}", fairshare).c_str(), nullptr);
}

}  // namespace fluxacct
