#include "cli/transfer_json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <unordered_map>

#include "cli/argparse.hpp"
#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "store/transfer.hpp"

namespace fluxacct::cli {
namespace {

// Python's int() and float() of a stored value, as upstream converts each
// column before sending it; a value they would refuse is an error here too.
std::int64_t as_int(const Value& v, const std::string& what) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    if (std::isfinite(*d) && std::fabs(*d) < 9.2e18) return static_cast<std::int64_t>(*d);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    long long n;
    if (parse_int(*s, n)) return n;
  }
  throw Error(fmt::format("{} holds {}, which is not an integer", what, py::json(v)));
}

double as_float(const Value& v, const std::string& what) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) {
    double d;
    if (parse_float(*s, d)) return d;
  }
  throw Error(fmt::format("{} holds {}, which is not a number", what, py::json(v)));
}

enum class Kind { kInt, kFloat, kStr };

Kind kind_of(store::PluginSection section, const std::string& key) {
  static const std::set<std::string> text = {"bank",        "def_bank", "queues",  "projects",
                                             "def_project", "queue",    "project", "factor"};
  if (text.count(key)) return Kind::kStr;
  if (key == "fairshare") return Kind::kFloat;
  if (key == "priority" && section == store::PluginSection::kBanks) return Kind::kFloat;
  return Kind::kInt;
}

// Writes one section's JSON list, or with `out` null only checks that
// every value converts.
void write_section(sql::Connection& db, store::PluginSection section, const char* table,
                   Output* out) {
  auto st = store::select_plugin_section(db, section);
  std::vector<std::string> keys;
  std::vector<Kind> kinds;
  for (int i = 0; i < st.column_count(); ++i) {
    keys.push_back(st.column_name(i));
    kinds.push_back(kind_of(section, keys.back()));
  }
  std::string buf;
  bool first = true;
  if (out) out->write("[");
  while (st.step()) {
    buf = first ? "{" : ", {";
    first = false;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Value v = st.get_value(static_cast<int>(i));
      const std::string what = std::string(table) + " column " + keys[i];
      if (i) buf += ", ";
      buf += py::json_string(keys[i]);
      buf += ": ";
      switch (kinds[i]) {
        case Kind::kInt:
          buf += std::to_string(as_int(v, what));
          break;
        case Kind::kFloat:
          buf += py::json(Value(as_float(v, what)));
          break;
        case Kind::kStr:
          buf += py::json_string(py::str(v));
          break;
      }
    }
    buf += "}";
    if (out) out->write(buf);
  }
  if (out) out->write("]");
}

struct Node {
  const HierarchyBank* bank = nullptr;  // null for a user
  const HierarchyUser* user = nullptr;
  std::vector<std::size_t> children;  // indexes into the node list
};

void render(const std::vector<Node>& nodes, std::size_t n, int depth, std::set<std::size_t>& open,
            std::string& out) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  const std::string in = pad + "  ";
  const Node& node = nodes[n];
  out += "{\n";
  if (node.user) {
    out += in + "\"username\": " + py::json_string(node.user->username) + ",\n";
    out += in + "\"shares\": " + std::to_string(node.user->shares) + ",\n";
    out += in + "\"usage\": " + py::json(Value(node.user->usage)) + "\n";
    out += pad + "}";
    return;
  }
  if (!open.insert(n).second)
    throw Error(fmt::format("the bank hierarchy has a cycle at bank {}", node.bank->bank));
  out += in + "\"bank\": " + py::json_string(node.bank->bank) + ",\n";
  out += in + "\"shares\": " + std::to_string(node.bank->shares) + ",\n";
  out += in + "\"usage\": " + py::json(Value(node.bank->usage)) + ",\n";
  out += in + "\"children\": [";
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    out += i ? ",\n" : "\n";
    out += in + "  ";
    render(nodes, node.children[i], depth + 2, open, out);
  }
  out += node.children.empty() ? "]\n" : "\n" + in + "]\n";
  out += pad + "}";
  open.erase(n);
}

}  // namespace

void write_plugin_config(sql::Connection& db, Output& out) {
  using store::PluginSection;
  struct Section {
    PluginSection section;
    const char* key;
    const char* table;
  };
  const Section sections[] = {
      {PluginSection::kAssociations, "associations", "association_table"},
      {PluginSection::kQueues, "queues", "queue_table"},
      {PluginSection::kProjects, "projects", "project_table"},
      {PluginSection::kBanks, "banks", "bank_table"},
      {PluginSection::kPriorityFactors, "priority_factors", "priority_factor_weight_table"},
  };
  // Two passes over one snapshot: the rows are checked first, so that a
  // value the plugin could not read fails before anything is printed,
  // and then written without being held in memory.
  store::ReadSnapshot snapshot(db);
  for (const auto& s : sections) write_section(db, s.section, s.table, nullptr);
  const char* sep = "{";
  for (const auto& s : sections) {
    if (s.section == PluginSection::kPriorityFactors)
      out.write(fmt::format(", \"config\": {{\"deny_unknown_queues\": {}}}",
                            store::deny_unknown_queues(db) ? "true" : "false"));
    out.write(fmt::format("{}\"{}\": ", sep, s.key));
    write_section(db, s.section, s.table, &out);
    sep = ", ";
  }
  // fluxacct's engine options (upstream's plugin ignores the key).
  out.write(fmt::format(", \"options\": {{\"enforce_queue_job_limits\": {}}}}}\n",
                        store::enforce_queue_job_limits(db) ? "true" : "false"));
}

std::string hierarchy_json(const std::vector<HierarchyBank>& banks,
                           const std::vector<HierarchyUser>& users) {
  // Upstream keys banks by name (a later row of the same name wins), hangs
  // every association under its bank, then every bank under its parent.
  std::vector<Node> nodes;
  nodes.reserve(banks.size() + users.size());
  std::unordered_map<std::string, std::size_t> by_name;
  for (const auto& b : banks) {
    nodes.push_back({&b, nullptr, {}});
    by_name[b.bank] = nodes.size() - 1;
  }
  for (const auto& u : users) {
    auto it = by_name.find(u.bank);
    if (it == by_name.end()) continue;
    nodes.push_back({nullptr, &u, {}});
    nodes[it->second].children.push_back(nodes.size() - 1);
  }
  std::size_t root = nodes.size();
  for (const auto& b : banks) {
    const std::size_t self = by_name[b.bank];
    if (b.parent.empty()) {
      root = self;
    } else if (auto it = by_name.find(b.parent); it != by_name.end()) {
      nodes[it->second].children.push_back(self);
    }
  }
  if (root == nodes.size()) throw Error("No root bank found in database");
  std::string out = "{\n  \"root\": ";
  std::set<std::size_t> open;
  render(nodes, root, 1, open, out);
  out += "\n}";
  return out;
}

std::string fairshare_hierarchy(sql::Connection& db) {
  std::vector<HierarchyBank> banks;
  auto b = store::select_hierarchy_banks(db);
  while (b.step())
    banks.push_back({b.get_text(0), b.is_null(1) ? "" : b.get_text(1),
                     as_int(b.get_value(2), "bank_table column shares"),
                     as_float(b.get_value(3), "bank_table column job_usage")});
  std::vector<HierarchyUser> users;
  auto u = store::select_hierarchy_associations(db);
  while (u.step())
    users.push_back({u.get_text(0), u.get_text(1),
                     as_int(u.get_value(2), "association_table column shares"),
                     as_float(u.get_value(3), "association_table column job_usage")});
  return hierarchy_json(banks, users);
}

}  // namespace fluxacct::cli
