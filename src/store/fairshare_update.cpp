#include "store/fairshare_update.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "core/fairshare_walk.hpp"
#include "store/row_values.hpp"

namespace fluxacct::store {

namespace {

using Index = FairshareTree::Index;

struct BankRow {
  std::string name, parent;
  double shares = 0;
  bool shares_ok = false;  // a finite non-negative number (checked when the bank is used)
  std::string shares_text;
  bool active = false;
};

struct AssociationRow {
  std::int64_t rowid;
  std::string username;
  double shares, usage, fairshare;
};

// Column `col` as a finite non-negative number, or an Error naming what()
// (built only then: this runs for every row).
template <typename What>
double amount(const sql::Statement& st, int col, const What& what, const char* column) {
  const int type = st.column_type(col);
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
    throw Error(fmt::format("{}: {} must be a finite non-negative number, got {}", what(), column,
                            type == SQLITE_NULL ? "NULL" : "'" + st.get_text(col) + "'"));
  }
  const double v = st.get_double(col);
  if (!std::isfinite(v) || v < 0) {
    throw Error(
        fmt::format("{}: {} must be a finite non-negative number, got {}", what(), column, v));
  }
  return v;
}

std::vector<BankRow> load_banks(sql::Connection& db) {
  std::vector<BankRow> banks;
  auto st = db.prepare("SELECT bank, parent_bank, shares, active FROM bank_table ORDER BY rowid");
  while (st.step()) {
    BankRow b;
    b.name = st.get_text(0);
    b.parent = st.is_null(1) ? std::string("\x01null") : st.get_text(1);
    b.active = st.column_type(3) == SQLITE_INTEGER && st.get_int(3) == 1;
    try {
      b.shares = amount(
          st, 2, [&] { return "bank " + b.name; }, "shares");
      b.shares_ok = true;
    } catch (const Error& e) {
      b.shares_text = e.what();
    }
    banks.push_back(std::move(b));
  }
  return banks;
}

// Active associations grouped by bank name, in rowid order.
std::unordered_map<std::string, std::vector<AssociationRow>> load_associations(
    sql::Connection& db) {
  std::unordered_map<std::string, std::vector<AssociationRow>> by_bank;
  auto st = db.prepare(
      "SELECT rowid, username, bank, shares, job_usage, fairshare FROM association_table "
      "WHERE active = 1");
  while (st.step()) {
    AssociationRow a;
    a.rowid = st.get_int(0);
    a.username = st.get_text(1);
    std::string bank = st.get_text(2);
    const auto what = [&] { return fmt::format("user {} in bank {}", a.username, bank); };
    a.shares = amount(st, 3, what, "shares");
    a.usage = amount(st, 4, what, "job_usage");
    const int t = st.column_type(5);
    a.fairshare = t == SQLITE_INTEGER || t == SQLITE_FLOAT
                      ? st.get_double(5)
                      : std::numeric_limits<double>::quiet_NaN();
    by_bank[std::move(bank)].push_back(std::move(a));
  }
  return by_bank;
}

std::size_t find_root(const std::vector<BankRow>& banks) {
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < banks.size(); ++i)
    if (banks[i].parent.empty()) roots.push_back(i);
  if (roots.empty()) throw Error("root bank not found, exiting");
  if (roots.size() > 1) {
    std::string names;
    for (std::size_t i : roots) names += (names.empty() ? "" : ", ") + banks[i].name;
    throw Error(fmt::format("bank_table has {} root banks (parent_bank ''): {}; there must be one",
                            roots.size(), names));
  }
  return roots.front();
}

}  // namespace

FairshareHierarchy load_fairshare_hierarchy(sql::Connection& db) {
  const std::vector<BankRow> banks = load_banks(db);
  auto associations = load_associations(db);
  const std::size_t root = find_root(banks);

  // Sub-bank rows of each bank name (upstream looks them up by name).
  std::unordered_map<std::string_view, std::vector<std::size_t>> sub_banks;
  for (std::size_t i = 0; i < banks.size(); ++i) sub_banks[banks[i].parent].push_back(i);

  FairshareHierarchy h;
  const auto add_node = [&](std::int64_t rowid, double stored) {
    h.association_rowid.push_back(rowid);
    h.stored_fairshare.push_back(stored);
  };
  const auto shares_of = [&](std::size_t row) {
    if (!banks[row].shares_ok) throw Error(banks[row].shares_text);
    return banks[row].shares;
  };
  const double no_value = std::numeric_limits<double>::quiet_NaN();

  // Depth-first with an explicit stack (any depth); a bank's name is "on the
  // path" between entering and leaving it, so a name met again there is a
  // cycle, and one met again elsewhere is a duplicate.
  enum class Seen : std::uint8_t { kReached, kOnPath, kLeft };
  std::unordered_map<std::string_view, Seen> seen;
  struct Step {
    std::size_t row;
    Index node;
    bool leave;
  };
  std::vector<Step> stack;
  stack.push_back({root, h.tree.add_root(banks[root].name, shares_of(root), 0), false});
  add_node(0, no_value);
  seen[banks[root].name] = Seen::kReached;
  std::vector<std::size_t> kids;
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    const std::string& name = banks[step.row].name;
    if (step.leave) {
      seen[name] = Seen::kLeft;
      continue;
    }
    seen[name] = Seen::kOnPath;
    stack.push_back({step.row, step.node, true});

    auto sub = sub_banks.find(name);
    if (sub == sub_banks.end()) {
      auto users = associations.find(name);
      if (users == associations.end()) continue;
      for (const auto& a : users->second) {
        h.tree.add_user(step.node, a.username, a.shares, a.usage);
        add_node(a.rowid, a.fairshare);
      }
      continue;
    }
    kids.clear();
    for (std::size_t row : sub->second)
      if (banks[row].active) kids.push_back(row);
    // Upstream visits sub-banks by name; pushed in reverse, popped in order.
    std::sort(kids.begin(), kids.end(),
              [&](std::size_t a, std::size_t b) { return banks[a].name > banks[b].name; });
    for (std::size_t row : kids) {
      const std::string& kid = banks[row].name;
      auto it = seen.find(kid);
      if (it != seen.end()) {
        if (it->second == Seen::kOnPath)
          throw Error(fmt::format("the bank hierarchy has a cycle at bank {}", kid));
        throw Error(fmt::format("bank {} appears more than once in the bank hierarchy", kid));
      }
      seen.emplace(kid, Seen::kReached);
      stack.push_back({row, h.tree.add_bank(step.node, kid, shares_of(row), 0), false});
      add_node(0, no_value);
    }
  }
  h.tree.roll_up_user_usage();
  return h;
}

FairshareUpdateResult update_fairshare(sql::Connection& db) {
  const FairshareHierarchy h = load_fairshare_hierarchy(db);
  FairshareUpdateResult result;
  sql::RowValues changes;  // association rowid -> new value (each user once)
  for (const UserFairshare& u : walk_fairshare(h.tree, TieOrder::kByName)) {
    ++result.users;
    const double value = stored_fairshare(u.fairshare);
    if (value != h.stored_fairshare[u.user]) changes.set(h.association_rowid[u.user], value);
  }
  if (changes.empty()) return result;
  // Written in rowid order (one walk of the table, or row by row when few):
  // each table page is loaded and journalled once, in file order; in walk
  // order, a large site's pages would be visited at random (and evicted and
  // re-read from a page cache smaller than the table).
  result.written = changes.size();
  db.exec(fmt::format("PRAGMA cache_size = -{}",
                      std::clamp<std::size_t>(result.written / 2, 2000, 1 << 20)));
  changes.write(db, "association_table", "fairshare");
  return result;
}

}  // namespace fluxacct::store
