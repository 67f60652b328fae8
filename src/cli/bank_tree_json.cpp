#include "cli/bank_tree_json.hpp"

#include <string_view>
#include <unordered_map>

#include "cli/json_writer.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

// For each node of the view-bank tree, its node in the share tree, or
// kNoParent when it has none. Banks are matched by name (each name is
// expanded once in both trees), users by their bank's node and username.
std::vector<std::size_t> match_share_nodes(const store::BankTree& tree,
                                           const share_tree::Tree& shares) {
  std::unordered_map<std::string_view, std::size_t> bank_at;
  std::unordered_map<std::string, std::size_t> user_at;  // "<bank node>\0<username>"
  auto user_key = [](std::size_t bank, std::string_view username) {
    std::string key = std::to_string(bank);
    key += '\0';
    key += username;
    return key;
  };
  for (std::size_t i = 0; i < shares.nodes.size(); ++i) {
    const share_tree::Node& n = shares.nodes[i];
    if (n.is_user)
      user_at.emplace(user_key(n.parent, n.name), i);
    else
      bank_at.emplace(n.name, i);
  }
  std::vector<std::size_t> match(tree.nodes.size(), share_tree::kNoParent);
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const store::BankTreeNode& n = tree.nodes[i];
    auto bank = bank_at.find(n.is_user ? n.parent_name : n.name);
    if (bank == bank_at.end()) continue;
    if (!n.is_user) {
      match[i] = bank->second;
    } else if (auto user = user_at.find(user_key(bank->second, n.name)); user != user_at.end()) {
      match[i] = user->second;
    }
  }
  return match;
}

bool is_active(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i == 1;
  if (auto* d = std::get_if<double>(&v)) return *d == 1.0;
  return false;
}

// Every member but "children".
void write_fields(const store::BankTreeNode& n, const share_tree::Node* share, JsonWriter& json) {
  json.key("name");
  json.value(n.name);
  json.key("type");
  json.value(std::string(n.is_user ? "user" : "bank"));
  json.key("parent");
  json.value(n.parent_name);
  json.key("active");
  json.boolean(is_active(n.active));
  json.key("shares");
  json.value(n.shares);
  json.key("usage");
  json.value(n.job_usage);
  if (n.is_user) {
    json.key("fairshare");
    json.value(n.fairshare);
  }
  json.key("norm_shares");
  json.value(share ? Value(share->norm_shares) : Value());
  json.key("norm_usage");
  json.value(share ? Value(share->norm_usage) : Value());
}

}  // namespace

void write_bank_tree_json(const store::BankTree& tree, const share_tree::Tree& shares,
                          Output& out) {
  const std::vector<std::size_t> match = match_share_nodes(tree, shares);
  JsonWriter json(JsonWriter::Layout::kOneLine);
  // The depths of the banks whose "children" list is open. Nodes come in
  // pre-order, so a node closes every open bank at its depth or deeper.
  std::vector<std::size_t> open;
  auto close_bank = [&] {
    json.end_array();
    json.end_object();
    open.pop_back();
  };
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const store::BankTreeNode& n = tree.nodes[i];
    while (!open.empty() && open.back() >= n.depth) close_bank();
    json.begin_object();
    write_fields(n, match[i] == share_tree::kNoParent ? nullptr : &shares.nodes[match[i]], json);
    if (n.is_user) {
      json.end_object();
    } else {
      json.key("children");
      json.begin_array();
      open.push_back(n.depth);
    }
    if (json.text().size() >= kFlushBytes) out.write(json.take());
  }
  while (!open.empty()) close_bank();
  out.write(json.take());
  out.write("\n");
}

}  // namespace fluxacct::cli
