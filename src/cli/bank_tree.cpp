#include "cli/bank_tree.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/pyformat.hpp"
#include "core/utf8.hpp"

namespace fluxacct::cli {
namespace {

constexpr long kWidth = 20;

// str.ljust / str.rjust; a width below the length (even negative) pads nothing.
std::string ljust(const std::string& s, long width) {
  const auto n = static_cast<long>(utf8_length(s));
  return n >= width ? s : s + std::string(static_cast<std::size_t>(width - n), ' ');
}

std::string rjust(const std::string& s, long width) {
  const auto n = static_cast<long>(utf8_length(s));
  return n >= width ? s : std::string(static_cast<std::size_t>(width - n), ' ') + s;
}

std::string active_str(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i == 1 ? "true" : "false";
  if (auto* d = std::get_if<double>(&v)) return *d == 1.0 ? "true" : "false";
  return "false";
}

// A sub-bank at depth d, or an association in a bank at depth d - 1, is
// indented by d spaces (upstream adds one per level as it recurses).
std::string text_line(const store::BankTree& tree, const store::BankTreeNode& n) {
  const std::string prefix(n.depth, ' ');
  const long user_width = kWidth - static_cast<long>(n.depth);
  if (!n.is_user)
    return prefix + ljust(n.name, kWidth) + rjust("", user_width) +
           rjust(active_str(n.active), kWidth) + rjust(py::str(n.shares), kWidth) +
           rjust(py::str(n.job_usage), kWidth);
  return prefix + ljust(tree.nodes[n.parent].name, kWidth) + rjust(n.name, user_width) +
         rjust(active_str(n.active), kWidth) + rjust(py::str(n.shares), kWidth) +
         rjust(py::str(n.job_usage), kWidth) + rjust(py::str(n.fairshare), kWidth);
}

std::string parsable_line(const store::BankTree& tree, const store::BankTreeNode& n) {
  const std::string prefix(n.depth, ' ');
  if (!n.is_user)
    return prefix + n.name + "||" + active_str(n.active) + "|" + py::str(n.shares) + "|" +
           py::str(n.job_usage);
  return prefix + tree.nodes[n.parent].name + "|" + n.name + "|" + active_str(n.active) + "|" +
         py::str(n.shares) + "|" + py::str(n.job_usage) + "|" + py::str(n.fairshare);
}

// The top bank: no indent, an empty Username column, usage rounded to 2 places.
std::string top_line(const store::BankTreeNode& top, BankTreeLayout layout) {
  if (layout == BankTreeLayout::kParsable)
    return top.name + "||" + active_str(top.active) + "|" + py::str(top.shares) + "|" +
           round2_str(top.job_usage);
  return ljust(top.name, kWidth) + rjust("", kWidth) + rjust(active_str(top.active), kWidth) +
         rjust(py::str(top.shares), kWidth) + rjust(round2_str(top.job_usage), kWidth);
}

std::string format_whole(const store::BankTree& tree, BankTreeLayout layout) {
  std::string out = bank_tree_header(layout) + "\n";
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) out += bank_tree_line(tree, i, layout) + "\n";
  return out;
}

}  // namespace

std::string round2_str(const Value& v) {
  auto* d = std::get_if<double>(&v);
  if (!d || !std::isfinite(*d)) return py::str(v);
  // printf rounds the exact binary value half-to-even, as Python's round() does.
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.2f", *d);
  return py::float_repr(std::strtod(buf, nullptr));
}

std::string bank_tree_header(BankTreeLayout layout) {
  if (layout == BankTreeLayout::kParsable)
    return "Bank|Username|Active|RawShares|RawUsage|Fairshare";
  return ljust("Bank", kWidth) + rjust("Username", kWidth) + rjust("Active", kWidth) +
         rjust("RawShares", kWidth) + rjust("RawUsage", kWidth) + rjust("Fairshare", kWidth);
}

std::string bank_tree_line(const store::BankTree& tree, std::size_t i, BankTreeLayout layout) {
  const store::BankTreeNode& n = tree.nodes[i];
  if (i == 0) return top_line(n, layout);
  return layout == BankTreeLayout::kParsable ? parsable_line(tree, n) : text_line(tree, n);
}

void write_bank_tree(const store::BankTree& tree, BankTreeLayout layout, Output& out) {
  out.line(bank_tree_header(layout));
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) out.line(bank_tree_line(tree, i, layout));
}

std::string format_bank_tree(const store::BankTree& tree) {
  return format_whole(tree, BankTreeLayout::kFixedWidth);
}

std::string format_bank_tree_parsable(const store::BankTree& tree) {
  return format_whole(tree, BankTreeLayout::kParsable);
}

}  // namespace fluxacct::cli
