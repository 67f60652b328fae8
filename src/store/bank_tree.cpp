#include "store/bank_tree.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace fluxacct::store {
namespace {

// One bank_table row, as stored.
struct BankRow {
  std::string name, parent;
  Value active, shares, job_usage;
};

// Rows grouped by their parent bank (or, for associations, their bank),
// each group in rowid order. The keys view the rows' own strings.
template <typename Row>
using ByParent = std::unordered_map<std::string_view, std::vector<const Row*>>;

std::vector<BankRow> read_banks(sql::Connection& db) {
  auto st = db.prepare(
      "SELECT bank, parent_bank, active, shares, job_usage FROM bank_table ORDER BY rowid");
  std::vector<BankRow> rows;
  while (st.step())
    rows.push_back({.name = st.get_text(0),
                    .parent = st.is_null(1) ? std::string() : st.get_text(1),
                    .active = st.get_value(2),
                    .shares = st.get_value(3),
                    .job_usage = st.get_value(4)});
  return rows;
}

std::vector<BankTreeNode> read_associations(sql::Connection& db, AssociationFilter filter) {
  auto st = db.prepare(
      "SELECT username, bank, active, shares, job_usage, fairshare FROM association_table "
      "WHERE 1" +
      association_filter_sql(filter) + " ORDER BY rowid");
  std::vector<BankTreeNode> rows;
  while (st.step()) {
    BankTreeNode n;
    n.is_user = true;
    n.name = st.get_text(0);
    n.parent_name = st.get_text(1);
    n.active = st.get_value(2);
    n.shares = st.get_value(3);
    n.job_usage = st.get_value(4);
    n.fairshare = st.get_value(5);
    rows.push_back(std::move(n));
  }
  return rows;
}

BankTreeNode bank_node(const BankRow& row, std::size_t parent, std::size_t depth) {
  BankTreeNode n;
  n.name = row.name;
  n.parent_name = row.parent;
  n.active = row.active;
  n.shares = row.shares;
  n.job_usage = row.job_usage;
  n.depth = depth;
  n.parent = parent;
  return n;
}

}  // namespace

std::optional<BankTree> load_bank_tree(sql::Connection& db, const std::string& bank,
                                       AssociationFilter filter) {
  const std::vector<BankRow> banks = read_banks(db);
  const BankRow* top = nullptr;
  ByParent<BankRow> sub_banks;
  for (const auto& row : banks) {
    if (!top && row.name == bank) top = &row;
    sub_banks[row.parent].push_back(&row);
  }
  if (!top) return std::nullopt;

  std::vector<BankTreeNode> associations = read_associations(db, filter);
  ByParent<BankTreeNode> members;
  for (const auto& a : associations) members[a.parent_name].push_back(&a);

  BankTree tree;
  std::unordered_set<std::string_view> placed{top->name};
  static const std::vector<const BankRow*> kNone;
  auto subs_of = [&](const std::string& name) -> const std::vector<const BankRow*>& {
    auto it = sub_banks.find(name);
    return it == sub_banks.end() ? kNone : it->second;
  };

  // Enters a bank: appends it, and - when it has no sub-banks - its
  // associations, which are leaves, so pre-order holds.
  struct Frame {
    std::size_t node;
    const std::vector<const BankRow*>* subs;
    std::size_t next = 0;
  };
  std::vector<Frame> stack;
  auto enter = [&](const BankRow& row, std::size_t parent, std::size_t depth) {
    tree.nodes.push_back(bank_node(row, parent, depth));
    const std::size_t id = tree.nodes.size() - 1;
    const auto& subs = subs_of(row.name);
    if (subs.empty())
      if (auto it = members.find(row.name); it != members.end())
        for (const BankTreeNode* a : it->second) {
          tree.nodes.push_back(*a);
          tree.nodes.back().depth = depth + 1;
          tree.nodes.back().parent = id;
        }
    stack.push_back({id, &subs});
  };

  enter(*top, BankTreeNode::kNoParent, 0);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == f.subs->size()) {
      stack.pop_back();
      continue;
    }
    const BankRow& child = *(*f.subs)[f.next++];
    if (!placed.insert(child.name).second) continue;  // a cycle or a repeated name
    const std::size_t parent = f.node;                // `f` dies when the stack grows
    enter(child, parent, tree.nodes[parent].depth + 1);
  }
  return tree;
}

}  // namespace fluxacct::store
