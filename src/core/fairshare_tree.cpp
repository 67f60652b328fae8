#include "core/fairshare_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace fluxacct {

namespace {

const char* kind_word(FairshareTree::Kind kind) {
  return kind == FairshareTree::Kind::kUser ? "user" : "bank";
}

void check_amount(FairshareTree::Kind kind, std::string_view name, const char* field,
                  double value) {
  if (!std::isfinite(value) || value < 0) {
    throw Error(fmt::format("{} '{}': {} must be a finite non-negative number, got {}",
                            kind_word(kind), name, field, value));
  }
}

}  // namespace

FairshareTree::Index FairshareTree::add_root(std::string_view name, double shares, double usage) {
  if (!empty()) throw Error(fmt::format("bank '{}': the fair-share tree already has a root", name));
  return add(kNoParent, Kind::kBank, name, shares, usage);
}

FairshareTree::Index FairshareTree::add_bank(Index parent, std::string_view name, double shares,
                                             double usage) {
  return add(parent, Kind::kBank, name, shares, usage);
}

FairshareTree::Index FairshareTree::add_user(Index parent, std::string_view name, double shares,
                                             double usage) {
  return add(parent, Kind::kUser, name, shares, usage);
}

FairshareTree::Index FairshareTree::add(Index parent, Kind kind, std::string_view name,
                                        double shares, double usage) {
  if (parent != kNoParent) {
    if (parent >= size()) {
      throw Error(
          fmt::format("{} '{}': parent node {} does not exist", kind_word(kind), name, parent));
    }
    if (is_user(parent)) {
      throw Error(fmt::format("{} '{}': parent '{}' is a user, not a bank", kind_word(kind), name,
                              this->name(parent)));
    }
  }
  check_amount(kind, name, "shares", shares);
  check_amount(kind, name, "usage", usage);
  if (size() >= kNoParent) throw Error("the fair-share tree is full (2^32 - 1 nodes)");

  kind_.push_back(kind);
  parent_.push_back(parent);
  shares_.push_back(shares);
  usage_.push_back(usage);
  names_.append(name);
  name_end_.push_back(names_.size());
  if (kind == Kind::kUser) ++user_count_;
  linked_ = false;
  return static_cast<Index>(size() - 1);
}

void FairshareTree::reserve(std::size_t n) {
  kind_.reserve(n);
  parent_.reserve(n);
  shares_.reserve(n);
  usage_.reserve(n);
  name_end_.reserve(n);
}

std::string_view FairshareTree::name(Index i) const {
  const std::size_t begin = i == 0 ? 0 : name_end_[i - 1];
  return std::string_view(names_).substr(begin, name_end_[i] - begin);
}

void FairshareTree::roll_up_user_usage() {
  // Parents have smaller indexes than their children: going from the last
  // bank to the first, every bank's children are final when it is summed.
  // Each bank's children are summed smallest first, so that the sum (to the
  // last bit, which decides exact ties) does not depend on insertion order.
  std::vector<double> values;
  for (std::size_t i = size(); i-- > 0;) {
    if (is_user(static_cast<Index>(i))) continue;
    values.clear();
    for (Index c : children(static_cast<Index>(i))) values.push_back(usage_[c]);
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (double v : values) sum += v;
    usage_[i] = sum;
  }
}

std::span<const FairshareTree::Index> FairshareTree::children(Index i) const {
  if (!linked_) link_children();
  return {child_index_.data() + child_begin_[i], child_begin_[i + 1] - child_begin_[i]};
}

void FairshareTree::link_children() const {
  const std::size_t n = size();
  child_begin_.assign(n + 1, 0);
  for (std::size_t i = 1; i < n; ++i) ++child_begin_[parent_[i] + 1];
  for (std::size_t i = 0; i < n; ++i) child_begin_[i + 1] += child_begin_[i];
  child_index_.resize(n == 0 ? 0 : n - 1);
  std::vector<std::size_t> next(child_begin_.begin(), child_begin_.end() - 1);
  for (std::size_t i = 1; i < n; ++i) child_index_[next[parent_[i]]++] = static_cast<Index>(i);
  linked_ = true;
}

}  // namespace fluxacct
