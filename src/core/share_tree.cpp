#include "core/share_tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>

#include "core/error.hpp"

namespace fluxacct::share_tree {
namespace {

// Rows grouped by parent bank, each group sorted by name (then input order).
struct Index {
  std::map<std::string_view, std::vector<const BankRow*>> sub_banks;
  std::map<std::string_view, std::vector<const UserRow*>> users;
};

Index index_rows(const Rows& rows) {
  Index ix;
  for (const auto& b : rows.banks) ix.sub_banks[b.parent].push_back(&b);
  for (const auto& u : rows.users) ix.users[u.bank].push_back(&u);
  for (auto& [_, v] : ix.sub_banks)
    std::stable_sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (auto& [_, v] : ix.users)
    std::stable_sort(v.begin(), v.end(),
                     [](auto* a, auto* b) { return a->username < b->username; });
  return ix;
}

std::size_t add_child(Tree& t, std::size_t parent, Node node) {
  node.parent = parent;
  node.depth = t.nodes[parent].depth + 1;
  t.nodes.push_back(std::move(node));
  std::size_t id = t.nodes.size() - 1;
  t.nodes[parent].children.push_back(id);
  return id;
}

// Depth first with an explicit stack: each frame is a bank and how many of
// its sub-banks have been entered; once all have, its users are added.
// `root_name` is the row's (node names move when the node vector grows).
void add_descendants(Tree& t, const Index& ix, const std::string& root_name) {
  static const std::vector<const BankRow*> kNoBanks;
  std::set<std::string_view> expanded{root_name};
  struct Frame {
    std::size_t node;
    const std::vector<const BankRow*>* subs;
    std::size_t next = 0;
  };
  auto subs_of = [&](const std::string& bank) {
    auto it = ix.sub_banks.find(bank);
    return it == ix.sub_banks.end() ? &kNoBanks : &it->second;
  };
  std::vector<Frame> stack{{0, subs_of(root_name)}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < f.subs->size()) {
      const BankRow* b = (*f.subs)[f.next++];
      if (!expanded.insert(b->name).second) continue;  // a cycle or a repeated name
      Node n;
      n.name = b->name;
      n.shares = b->shares;
      n.usage = b->usage;
      n.level_fs = std::numeric_limits<double>::quiet_NaN();
      std::size_t id = add_child(t, f.node, std::move(n));
      stack.push_back({id, subs_of(b->name)});
      continue;
    }
    std::size_t bank = f.node;
    stack.pop_back();
    if (auto it = ix.users.find(t.nodes[bank].name); it != ix.users.end())
      for (const UserRow* u : it->second) {
        Node n;
        n.name = u->username;
        n.is_user = true;
        n.shares = u->shares;
        n.usage = u->usage;
        n.level_fs = u->fairshare;
        add_child(t, bank, std::move(n));
      }
  }
}

// Parents come before their children in node order, so one pass suffices.
void normalise(Tree& t) {
  const double root_usage = t.nodes[0].usage;
  for (auto& parent : t.nodes) {
    double bank_sum = 0.0, user_sum = 0.0;
    for (std::size_t c : parent.children)
      (t.nodes[c].is_user ? user_sum : bank_sum) += static_cast<double>(t.nodes[c].shares);
    for (std::size_t c : parent.children) {
      Node& child = t.nodes[c];
      double sum = child.is_user ? user_sum : bank_sum;
      if (sum > 0) child.norm_shares = static_cast<double>(child.shares) / sum * parent.norm_shares;
    }
  }
  if (root_usage > 0)
    for (auto& n : t.nodes) n.norm_usage = n.usage / root_usage;
}

}  // namespace

std::vector<std::size_t> Tree::find(const std::string& name) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) out.push_back(i);
  return out;
}

Tree build(const Rows& rows) {
  std::vector<const BankRow*> roots;
  for (const auto& b : rows.banks)
    if (b.parent.empty()) roots.push_back(&b);
  if (roots.empty()) throw Error("No root bank found in bank_table");
  if (roots.size() > 1) {
    std::string names;
    for (const BankRow* b : roots) names += (names.empty() ? "" : ", ") + b->name;
    throw Error("bank_table has " + std::to_string(roots.size()) +
                " root banks (parent_bank ''): " + names + "; there must be one");
  }
  const BankRow* root = roots.front();

  Tree t;
  Node r;
  r.name = root->name;
  r.shares = root->shares;
  r.usage = root->usage;
  r.norm_shares = 1.0;
  r.norm_usage = 1.0;
  r.level_fs = std::numeric_limits<double>::infinity();
  t.nodes.push_back(std::move(r));
  add_descendants(t, index_rows(rows), root->name);
  normalise(t);
  return t;
}

std::vector<std::size_t> subtree_view(const Tree& t, const std::vector<std::size_t>& targets,
                                      bool include_users, const std::string& exclude) {
  std::vector<std::size_t> out;
  struct Frame {
    std::vector<std::size_t> children;  // sorted by name
    std::size_t next = 0;
  };
  auto enter = [&](std::vector<Frame>& stack, std::size_t id) {
    out.push_back(id);
    Frame f{t.nodes[id].children};
    std::stable_sort(f.children.begin(), f.children.end(), [&](std::size_t a, std::size_t b) {
      return t.nodes[a].name < t.nodes[b].name;
    });
    stack.push_back(std::move(f));
  };
  for (std::size_t target : targets) {
    std::vector<Frame> stack;
    enter(stack, target);
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next == f.children.size()) {
        stack.pop_back();
        continue;
      }
      std::size_t child = f.children[f.next++];
      const Node& n = t.nodes[child];
      if (!exclude.empty() && n.name == exclude) continue;
      if (n.is_user) {
        if (include_users) out.push_back(child);
      } else {
        enter(stack, child);
      }
    }
  }
  return out;
}

std::vector<std::size_t> to_root_view(const Tree& t, const std::vector<std::size_t>& targets,
                                      const std::string& exclude) {
  std::vector<std::size_t> out;
  for (std::size_t target : targets) {
    std::vector<std::size_t> path;
    bool skip = false;
    for (std::size_t id = target; id != kNoParent; id = t.nodes[id].parent) {
      if (id != 0 && !exclude.empty() && t.nodes[id].name == exclude) skip = true;
      path.push_back(id);
    }
    if (!skip) out.insert(out.end(), path.rbegin(), path.rend());
  }
  return out;
}

}  // namespace fluxacct::share_tree
