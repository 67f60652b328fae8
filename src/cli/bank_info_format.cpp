#include "cli/bank_info_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "cli/json_writer.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::cli {
namespace {

std::string f(const Value& v, const char* spec) { return py::format_value(v, spec); }

bool is_default(const share_tree::Node& node, const BankInfoStyle& style) {
  return !node.is_user && style.default_bank && *style.default_bank == node.name;
}

std::string display_name(const share_tree::Node& node, const BankInfoStyle& style) {
  std::string name(node.depth + (node.is_user ? 1 : 0), ' ');
  name += node.name;
  if (is_default(node, style)) name += '*';
  return name;
}

}  // namespace

std::string bank_info_header(const BankInfoStyle& style) {
  if (style.parsable)
    return style.verbose ? "Name|Shares|Norm_Shares|Usage|Norm_Usage|Norm_FS|Type"
                         : "Name|Shares|Norm_Shares|Norm_Usage|Norm_FS";
  std::vector<std::string> cells{f("Name", "20s"), f("Shares", ">10s"), f("Norm Shares", ">12s")};
  if (style.verbose) cells.push_back(f("Usage", ">13s"));
  cells.push_back(f("Norm Usage", ">12s"));
  cells.push_back(f("Level FS", ">10s"));
  if (style.verbose) cells.push_back(f("Type", ">5s"));
  return fmt::format("{}", fmt::join(cells, " "));
}

std::string bank_info_line(const share_tree::Node& node, const BankInfoStyle& style) {
  const std::string name = display_name(node, style);
  const Value shares = node.shares;
  const std::string type = node.is_user ? "User" : "Bank";
  const std::string level = std::isnan(node.level_fs) ? "--" : f(node.level_fs, ".3f");
  std::vector<std::string> cells;
  if (style.parsable) {
    cells = {name, py::str(shares), f(node.norm_shares, ".6f")};
    if (style.verbose) cells.push_back(f(node.usage, ".1f"));
    cells.push_back(f(node.norm_usage, ".6f"));
    if (style.verbose) {
      cells.push_back(f(node.level_fs, ".6f"));
      cells.push_back(type);
    } else {
      cells.push_back(level);
    }
    return fmt::format("{}", fmt::join(cells, "|"));
  }
  cells = {f(name, "20s"), f(shares, "10d"), f(node.norm_shares, "12.6f")};
  if (style.verbose) cells.push_back(f(node.usage, "13.1f"));
  cells.push_back(f(node.norm_usage, "12.6f"));
  cells.push_back(f(level, ">10s"));
  if (style.verbose) cells.push_back(f(type, ">5s"));
  return fmt::format("{}", fmt::join(cells, " "));
}

void bank_info_json(const share_tree::Tree& tree, const std::vector<std::size_t>& rows,
                    const BankInfoStyle& style, Output& out) {
  constexpr std::size_t kFlushBytes = 64 * 1024;
  JsonWriter json;
  json.begin_array();
  for (std::size_t id : rows) {
    const auto& n = tree.nodes[id];
    json.begin_object();
    json.key("name");
    json.value(n.name);
    json.key("type");
    json.value(std::string(n.is_user ? "user" : "bank"));
    json.key("parent");
    json.value(n.parent == share_tree::kNoParent ? Value{} : Value{tree.nodes[n.parent].name});
    json.key("depth");
    json.value(static_cast<std::int64_t>(n.depth));
    json.key("shares");
    json.value(n.shares);
    json.key("norm_shares");
    json.value(n.norm_shares);
    json.key("usage");
    json.value(n.usage);
    json.key("norm_usage");
    json.value(n.norm_usage);
    json.key("fairshare");
    json.value(n.is_user ? Value{n.level_fs} : Value{});
    json.key("default_bank");
    json.boolean(is_default(n, style));
    json.end_object();
    if (json.text().size() >= kFlushBytes) out.write(json.take());
  }
  json.end_array();
  out.line(json.take());
}

}  // namespace fluxacct::cli
