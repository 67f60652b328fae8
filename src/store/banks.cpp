#include "store/banks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "store/associations.hpp"
#include "store/query.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {
namespace {

constexpr const char* kHasAssociationsMsg =
    "banks cannot be added to a bank that currently has associations in it";

std::string not_found(const std::string& bank) {
  return fmt::format("bank {} not found in bank_table", bank);
}

bool bank_exists(sql::Connection& db, const std::string& bank) {
  auto st = db.prepare("SELECT 1 FROM bank_table WHERE bank = ? LIMIT 1");
  st.bind(1, bank);
  return st.step();
}

bool has_associations(sql::Connection& db, const std::string& bank) {
  auto st = db.prepare("SELECT 1 FROM association_table WHERE bank = ? LIMIT 1");
  st.bind(1, bank);
  return st.step();
}

bool is_one(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i == 1;
  if (auto* d = std::get_if<double>(&v)) return *d == 1.0;
  return false;
}

// The names of the banks directly below `bank`, in rowid order.
std::vector<std::string> sub_banks(sql::Connection& db, const std::string& bank) {
  auto st = db.prepare("SELECT bank FROM bank_table WHERE parent_bank = ? ORDER BY rowid");
  st.bind(1, bank);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.get_text(0));
  return out;
}

// `bank` and every bank below it, parents before children; each name once,
// so a cycle written by an older tool cannot make this loop.
std::vector<std::string> subtree(sql::Connection& db, const std::string& bank) {
  std::vector<std::string> order{bank};
  std::set<std::string> seen{bank};
  for (std::size_t i = 0; i < order.size(); ++i)
    for (auto& child : sub_banks(db, order[i]))
      if (seen.insert(child).second) order.push_back(std::move(child));
  return order;
}

// The bank tree and the active associations' usage, read once for
// recompute_bank_usage (two queries, whatever the number of banks).
struct UsageTree {
  std::unordered_map<std::string, std::vector<std::pair<std::string, bool>>> children;
  std::unordered_map<std::string, double> user_usage;  // bank -> sum of its active associations
  std::unordered_map<std::string, std::vector<std::pair<std::int64_t, double>>>
      rows;                                            // rowid, job_usage
  std::vector<std::pair<std::string, double>> totals;  // computed, in walk order
};

double recompute_from(UsageTree& t, const std::string& bank, std::set<std::string>& seen) {
  seen.insert(bank);
  // Summed one by one in rowid order, as upstream's update-usage does, so
  // the totals match it to the last bit when every row counts.
  double total = 0.0;
  auto kids = t.children.find(bank);
  if (kids == t.children.end() || kids->second.empty()) {
    if (auto u = t.user_usage.find(bank); u != t.user_usage.end()) total = u->second;
  } else {
    for (const auto& [child, active] : kids->second) {
      if (seen.count(child)) continue;
      double usage = recompute_from(t, child, seen);
      if (active) total += usage;
    }
  }
  t.totals.emplace_back(bank, total);
  return total;
}

}  // namespace

AddBankResult add_bank(sql::Connection& db, const NewBank& bank) {
  if (bank.name.empty()) throw Error("bank name must not be empty");

  if (bank.parent.empty()) {
    auto root = db.prepare(
        "SELECT bank, active FROM bank_table WHERE parent_bank = '' ORDER BY rowid LIMIT 1");
    // Re-adding a disabled root under its own name re-enables it (below);
    // any other second root is refused.
    if (root.step() && (root.get_text(0) != bank.name || is_one(root.get_value(1))))
      throw Error("bank_table already has a root bank");
  } else if (!bank_exists(db, bank.parent)) {
    throw Error(fmt::format("parent bank {} not found in bank table", bank.parent));
  }

  if (has_associations(db, bank.parent)) throw Error(kHasAssociationsMsg);

  // Rows already holding this name: under the same parent they are this
  // bank (active or to be re-enabled); anywhere else they make it a duplicate.
  auto same = db.prepare(
      "SELECT parent_bank, active FROM bank_table WHERE bank = ? "
      "ORDER BY parent_bank = ? DESC, rowid LIMIT 1");
  same.bind(1, bank.name).bind(2, bank.parent);
  if (same.step()) {
    std::string parent = same.get_text(0);
    bool active = is_one(same.get_value(1));
    if (parent == bank.parent) {
      if (active) throw Error(fmt::format("bank {} already exists in bank_table", bank.name));
      auto reactivate =
          db.prepare("UPDATE bank_table SET active = 1 WHERE bank = ? AND parent_bank = ?");
      reactivate.bind(1, bank.name).bind(2, bank.parent).run();
      return AddBankResult::kReactivated;
    }
    std::string where = parent.empty() ? std::string("as the root bank")
                                       : fmt::format("under parent bank {}", parent);
    throw Error(fmt::format("bank {} already exists in bank_table {}{}; bank names must be unique",
                            bank.name, where, active ? "" : " (inactive)"));
  }

  auto insert = db.prepare(
      "INSERT INTO bank_table (bank, parent_bank, shares, priority, ignore_older_than) "
      "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, bank.name)
      .bind(2, bank.parent)
      .bind(3, bank.shares)
      .bind(4, bank.priority)
      .bind(5, bank.ignore_older_than)
      .run();
  return AddBankResult::kAdded;
}

void delete_bank(sql::Connection& db, const std::string& bank, bool force, std::time_t now) {
  if (!bank_exists(db, bank)) throw Error(not_found(bank));

  auto change = db.prepare(force ? "DELETE FROM bank_table WHERE bank = ?"
                                 : "UPDATE bank_table SET active = 0 WHERE bank = ?");
  auto members = db.prepare("SELECT username FROM association_table WHERE bank = ? ORDER BY rowid");
  for (const auto& b : subtree(db, bank)) {
    change.bind(1, b).run();
    // Associations normally live only in banks without sub-banks; clearing
    // every bank of the subtree also covers a tree an older tool left mixed.
    members.bind(1, b);
    std::vector<std::string> users;
    while (members.step()) users.push_back(members.get_text(0));
    members.reset();
    for (const auto& user : users) remove_association(db, user, b, force, now);
  }
  if (force) recompute_bank_usage(db);
}

void edit_bank(sql::Connection& db, const std::string& bank, const BankEdit& edit) {
  if (edit.empty()) throw Error("no fields provided for update");

  auto row = db.prepare("SELECT parent_bank FROM bank_table WHERE bank = ? ORDER BY rowid LIMIT 1");
  row.bind(1, bank);
  if (!row.step()) throw Error(not_found(bank));
  const std::string current_parent = row.get_text(0);

  if (edit.shares && *edit.shares <= 0) throw Error("new shares amount must be > 0");

  bool moves = edit.parent && *edit.parent != current_parent;
  if (edit.parent) {
    const std::string& parent = *edit.parent;
    if (!bank_exists(db, parent))
      throw Error(fmt::format("parent bank {} not found in bank table", parent));
    if (moves) {
      if (current_parent.empty())
        throw Error(fmt::format("the root bank {} cannot be moved under another bank", bank));
      if (parent == bank) throw Error(fmt::format("bank {} cannot be its own parent bank", bank));
      for (const auto& below : subtree(db, bank))
        if (below == parent)
          throw Error(
              fmt::format("bank {} cannot be moved under {}: {} is one of its own sub-banks", bank,
                          parent, parent));
      if (has_associations(db, parent)) throw Error(kHasAssociationsMsg);
    }
  }

  // Column names come from this list, never from input; values are bound.
  std::string set;
  std::vector<Value> values;
  auto add = [&](const char* column, Value v) {
    set += (set.empty() ? "" : ", ") + std::string(column) + " = ?";
    values.push_back(std::move(v));
  };
  if (edit.shares) add("shares", *edit.shares);
  if (edit.parent) add("parent_bank", *edit.parent);
  if (edit.priority) add("priority", *edit.priority);
  if (edit.ignore_older_than) add("ignore_older_than", *edit.ignore_older_than);
  auto update = db.prepare("UPDATE bank_table SET " + set + " WHERE bank = ?");
  int i = 1;
  for (const auto& v : values) update.bind(i++, v);
  update.bind(i, bank).run();

  // The old and the new parent's totals (and their ancestors') changed.
  if (moves) recompute_bank_usage(db);
}

bool recompute_bank_usage(sql::Connection& db) {
  UsageTree t;
  std::string root;
  bool has_root = false;
  {
    auto banks = db.prepare(
        "SELECT rowid, bank, parent_bank, active, job_usage FROM bank_table ORDER BY rowid");
    while (banks.step()) {
      std::string bank = banks.get_text(1);
      if (!banks.is_null(2)) {
        std::string parent = banks.get_text(2);
        if (parent.empty() && !has_root) {
          root = bank;
          has_root = true;
        }
        t.children[parent].emplace_back(bank, is_one(banks.get_value(3)));
      }
      t.rows[bank].emplace_back(banks.get_int(0), banks.get_double(4));
    }
  }
  if (!has_root) return false;
  {
    // One pass in rowid order adds each bank's associations in rowid order.
    auto users =
        db.prepare("SELECT bank, job_usage FROM association_table WHERE active = 1 ORDER BY rowid");
    while (users.step()) t.user_usage[users.get_text(0)] += users.get_double(1);
  }
  std::set<std::string> seen;
  recompute_from(t, root, seen);
  // Every row of a bank's name gets its total (names repeat in files older
  // tools wrote); rows that already hold it are not written.
  auto update = db.prepare("UPDATE bank_table SET job_usage = ? WHERE rowid = ?");
  bool changed = false;
  for (const auto& [bank, total] : t.totals)
    for (const auto& [rowid, stored] : t.rows[bank]) {
      if (stored == total && std::signbit(stored) == std::signbit(total)) continue;
      changed = changed || stored != total;  // a new sign alone reads as the same number
      update.reset();
      update.bind(1, total).bind(2, rowid).run();
    }
  return changed;
}

sql::Statement select_bank(sql::Connection& db, const std::string& bank,
                           const std::vector<std::string>& columns) {
  return select(db, {.table = &schema::table("bank_table"),
                     .columns = columns,
                     .filters = {{.column = "bank", .values = {bank}}}});
}

sql::Statement select_banks(sql::Connection& db, bool include_inactive,
                            const std::vector<std::string>& columns) {
  SelectSpec spec{.table = &schema::table("bank_table"), .columns = columns, .filters = {}};
  if (!include_inactive) spec.filters.push_back({.column = "active", .values = {std::int64_t{1}}});
  return select(db, spec);
}

std::string association_filter_sql(AssociationFilter filter) {
  std::string s;
  if (filter.with_usage_only) s += " AND job_usage > 0";
  if (filter.active_only) s += " AND active = 1";
  return s;
}

sql::Statement select_bank_users(sql::Connection& db, const std::string& bank,
                                 AssociationFilter filter) {
  auto st = db.prepare(
      "SELECT username, active, default_bank, shares, job_usage, fairshare "
      "FROM association_table WHERE bank = ?" +
      association_filter_sql(filter) + " ORDER BY rowid");
  st.bind(1, bank);
  return st;
}

}  // namespace fluxacct::store
