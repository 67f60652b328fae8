// view-bank -t: the bank hierarchy as upstream's fixed-width text tree, or
// as its '|'-separated "parsable" form (-t -P).
//
// Fixed-width layout (every column 20 characters wide):
//   header     "Bank" left-justified, then Username, Active, RawShares,
//              RawUsage, Fairshare right-justified;
//   top bank   name, an empty Username column, active, shares and its
//              usage rounded to 2 places;
//   sub-bank   one space per depth, name left-justified, the Username column
//              shortened by the indent, active, shares, usage as stored;
//   user       (only in banks without sub-banks) indent, the bank's name,
//              the username right-justified in the shortened column,
//              active, shares, usage, fairshare.
// Both forms end with a newline; the command prints one more, as upstream's
// print() does, so the output ends with a blank line.
//
// The tree is flat and in display order (store::BankTree), so rendering is
// one loop over its nodes, line by line: no recursion, whatever the depth.
#pragma once

#include <cstddef>
#include <string>

#include "cli/output.hpp"
#include "core/value.hpp"
#include "store/bank_tree.hpp"

namespace fluxacct::cli {

enum class BankTreeLayout { kFixedWidth, kParsable };

// The header line, without its newline.
std::string bank_tree_header(BankTreeLayout layout);
// The line of node `i` of `tree`, without its newline.
std::string bank_tree_line(const store::BankTree& tree, std::size_t i, BankTreeLayout layout);
// Streams the header and every node's line to `out` (a tree 100,000 levels
// deep is gigabytes of indentation: it is never held in memory at once).
void write_bank_tree(const store::BankTree& tree, BankTreeLayout layout, Output& out);

// The whole tree as one string (for small trees and tests).
std::string format_bank_tree(const store::BankTree& tree);
std::string format_bank_tree_parsable(const store::BankTree& tree);

// Python's str(round(v, 2)): a float rounded half-to-even on its exact
// value, printed with repr(); integers and other values print unchanged.
std::string round2_str(const Value& v);

}  // namespace fluxacct::cli
