// bank-info's output forms, upstream's layout to the character:
//
//   default   Name (20, left) Shares (10) Norm Shares (12) Norm Usage (12)
//             Level FS (10); numbers %d / %.6f; Level FS "--" for banks,
//             "inf" for the root, a user's stored fair-share as %.3f
//   verbose   adds Usage (13, %.1f) before Norm Usage and Type (5, Bank/User)
//   parsable  the same fields joined by '|' (Norm_FS: %.3f, or %.6f with -v,
//             where banks print "nan")
//
// Names are indented one space per depth; users one more; a bank that is
// the queried user's default bank is marked with '*'.
//
// --json: a list of rows with name, type ("bank"/"user"), parent (null for
// the root), depth, shares, norm_shares, usage, norm_usage, fairshare (a
// user's stored value; null for banks) and default_bank (true for the
// queried user's default bank), at full precision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "core/share_tree.hpp"

namespace fluxacct::cli {

struct BankInfoStyle {
  bool verbose = false;
  bool parsable = false;
  std::optional<std::string> default_bank;  // the queried user's
};

std::string bank_info_header(const BankInfoStyle& style);
std::string bank_info_line(const share_tree::Node& node, const BankInfoStyle& style);
// Writes the --json list (and a final newline) to `out` as it goes.
void bank_info_json(const share_tree::Tree& tree, const std::vector<std::size_t>& rows,
                    const BankInfoStyle& style, Output& out);

}  // namespace fluxacct::cli
