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
#pragma once

#include <string>

#include "core/value.hpp"
#include "store/banks.hpp"

namespace fluxacct::cli {

std::string format_bank_tree(const store::TreeBank& top);
std::string format_bank_tree_parsable(const store::TreeBank& top);

// Python's str(round(v, 2)): a float rounded half-to-even on its exact
// value, printed with repr(); integers and other values print unchanged.
std::string round2_str(const Value& v);

}  // namespace fluxacct::cli
