#include "cli/bank_tree.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/pyformat.hpp"

namespace fluxacct::cli {
namespace {

constexpr long kWidth = 20;

// Python's len(): code points, not bytes.
long length(const std::string& s) {
  long n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// str.ljust / str.rjust; a width below the length (even negative) pads nothing.
std::string ljust(const std::string& s, long width) {
  long n = length(s);
  return n >= width ? s : s + std::string(static_cast<std::size_t>(width - n), ' ');
}

std::string rjust(const std::string& s, long width) {
  long n = length(s);
  return n >= width ? s : std::string(static_cast<std::size_t>(width - n), ' ') + s;
}

std::string active_str(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i == 1 ? "true" : "false";
  if (auto* d = std::get_if<double>(&v)) return *d == 1.0 ? "true" : "false";
  return "false";
}

void text_lines(const store::TreeBank& bank, const std::string& indent, std::string& out) {
  const std::string prefix = indent + " ";
  const long user_width = kWidth - length(prefix);
  for (const auto& sub : bank.sub_banks) {
    out += prefix + ljust(sub.name, kWidth) + rjust("", user_width) +
           rjust(active_str(sub.active), kWidth) + rjust(py::str(sub.shares), kWidth) +
           rjust(py::str(sub.job_usage), kWidth) + "\n";
    text_lines(sub, prefix, out);
  }
  for (const auto& user : bank.users)
    out += prefix + ljust(bank.name, kWidth) + rjust(user.username, user_width) +
           rjust(active_str(user.active), kWidth) + rjust(py::str(user.shares), kWidth) +
           rjust(py::str(user.job_usage), kWidth) + rjust(py::str(user.fairshare), kWidth) + "\n";
}

void parsable_lines(const store::TreeBank& bank, const std::string& indent, std::string& out) {
  const std::string prefix = indent + " ";
  for (const auto& sub : bank.sub_banks) {
    out += prefix + sub.name + "||" + active_str(sub.active) + "|" + py::str(sub.shares) + "|" +
           py::str(sub.job_usage) + "\n";
    parsable_lines(sub, prefix, out);
  }
  for (const auto& user : bank.users)
    out += prefix + bank.name + "|" + user.username + "|" + active_str(user.active) + "|" +
           py::str(user.shares) + "|" + py::str(user.job_usage) + "|" + py::str(user.fairshare) +
           "\n";
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

std::string format_bank_tree(const store::TreeBank& top) {
  std::string out = ljust("Bank", kWidth) + rjust("Username", kWidth) + rjust("Active", kWidth) +
                    rjust("RawShares", kWidth) + rjust("RawUsage", kWidth) +
                    rjust("Fairshare", kWidth) + "\n";
  out += ljust(top.name, kWidth) + rjust("", kWidth) + rjust(active_str(top.active), kWidth) +
         rjust(py::str(top.shares), kWidth) + rjust(round2_str(top.job_usage), kWidth) + "\n";
  text_lines(top, "", out);
  return out;
}

std::string format_bank_tree_parsable(const store::TreeBank& top) {
  std::string out = "Bank|Username|Active|RawShares|RawUsage|Fairshare\n";
  out += top.name + "||" + active_str(top.active) + "|" + py::str(top.shares) + "|" +
         round2_str(top.job_usage) + "\n";
  parsable_lines(top, "", out);
  return out;
}

}  // namespace fluxacct::cli
