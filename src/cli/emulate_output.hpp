// The outputs of fairshare-emulate, as upstream's emulator prints them
// (each followed by one newline):
//
//   table   "Username | Bank | Shares | Usage | FairShare", a rule of '-'
//           joined by "-+-", one row per user; every cell left-justified to
//           its column's widest text; usage printed as round(usage, 2),
//           fairshare as round(fairshare, 6) (Python's str of each)
//   JSON    a list of {username, bank, shares, usage, fairshare}, indent 2;
//           shares and usage as the input wrote them, fairshare rounded to 6
//   format  a Python format string over {username} {bank} {shares} {usage}
//           {fairshare} (usage raw, fairshare rounded to 6), one line per
//           user, no header; -P is "{username}|{bank}|{shares}|{usage}|{fairshare}"
//
// Users come in walk order (highest fair-share first).
#pragma once

#include <string>
#include <vector>

#include "core/fairshare_input.hpp"
#include "core/fairshare_walk.hpp"

namespace fluxacct::cli {

std::string emulate_table(const FairshareInput& in, const std::vector<UserFairshare>& ranked);
std::string emulate_json(const FairshareInput& in, const std::vector<UserFairshare>& ranked);
// Throws Error("Invalid format string key: 'k'") for a field that is not
// one of the five, and Error with Python's text for a spec that does not fit.
std::string emulate_format(const FairshareInput& in, const std::vector<UserFairshare>& ranked,
                           const std::string& format);

// Python's round(v, digits) of a float (half to even on the exact binary
// value), as a float; integers and other values are returned unchanged.
Value py_round(const Value& v, int digits);

}  // namespace fluxacct::cli
