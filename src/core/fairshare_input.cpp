#include "core/fairshare_input.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace fluxacct {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& message) {
  throw FairshareInputError("ValueError", message);
}

// A short text of a value for messages (never a whole subtree).
std::string brief(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "a list";
  std::string s = v.dump(-1, ' ', true, json::error_handler_t::replace);
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

// "shares" or "usage" of a node: a finite, non-negative number, kept as
// written (integer or float); `fallback` when absent.
Value number_field(const json& node, const char* key, Value fallback, const std::string& who) {
  auto it = node.find(key);
  if (it == node.end()) return fallback;
  Value v;
  double d = 0;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX) {
    d = static_cast<double>(it->get<std::uint64_t>());
    v = d;
  } else if (it->is_number_integer()) {
    v = it->get<std::int64_t>();
    d = static_cast<double>(std::get<std::int64_t>(v));
  } else if (it->is_number_float()) {
    d = it->get<double>();
    v = d;
  } else {
    d = -1;  // not a number: refused below
  }
  if (!std::isfinite(d) || d < 0)
    fail(
        fmt::format("{}: '{}' must be a finite non-negative number, got {}", who, key, brief(*it)));
  return v;
}

double as_double(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

struct Pending {
  const json* node;
  FairshareTree::Index parent;  // kNoParent for the root
  std::string parent_bank;
};

}  // namespace

FairshareInput parse_fairshare_input(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e999
    // nlohmann's text after its "[json.exception.parse_error.101] " tag.
    std::string what = e.what();
    auto tag_end = what.find("] ");
    throw FairshareInputError("JSONDecodeError",
                              "invalid JSON in input file: " +
                                  (tag_end == std::string::npos ? what : what.substr(tag_end + 2)));
  }
  if (!doc.is_object() || !doc.contains("root")) fail("JSON must contain 'root' key");

  FairshareInput in;
  // Depth first with an explicit stack; children are added in input order
  // when their parent is visited, so siblings keep their order.
  std::vector<Pending> stack{{&doc["root"], FairshareTree::kNoParent, ""}};
  while (!stack.empty()) {
    Pending p = std::move(stack.back());
    stack.pop_back();
    const json& node = *p.node;
    if (!node.is_object()) fail("Node must be an object, got " + brief(node));
    const bool is_user = node.contains("username");
    const json* name =
        is_user ? &node["username"] : (node.contains("bank") ? &node["bank"] : nullptr);
    if (!name || name->is_null() ||
        (name->is_string() && name->get_ref<const std::string&>().empty()))
      fail("Node must have 'username' or 'bank' key");
    if (!name->is_string())
      fail(fmt::format("'{}' must be a string, got {}", is_user ? "username" : "bank",
                       brief(*name)));
    const std::string& n = name->get_ref<const std::string&>();
    const std::string who = fmt::format("{} '{}'", is_user ? "user" : "bank", n);
    Value shares = number_field(node, "shares", std::int64_t{1}, who);
    Value usage = number_field(node, "usage", 0.0, who);

    auto children = node.find("children");
    if (children != node.end()) {
      if (is_user) fail(who + ": a user cannot have 'children'");
      if (!children->is_array()) fail(who + ": 'children' must be a list, got " + brief(*children));
    }

    FairshareTree::Index id;
    if (p.parent == FairshareTree::kNoParent) {
      if (is_user) fail("the root must be a bank, not a user ('username' " + n + ")");
      id = in.tree.add_root(n, as_double(shares), as_double(usage));
    } else if (is_user) {
      id = in.tree.add_user(p.parent, n, as_double(shares), as_double(usage));
      if (in.user_at.size() <= id) in.user_at.resize(id + 1);
      in.user_at[id] = in.users.size();
      in.users.push_back({id, n, p.parent_bank, shares, usage});
    } else {
      id = in.tree.add_bank(p.parent, n, as_double(shares), as_double(usage));
    }
    if (children == node.end()) continue;
    // Pushed in reverse so that they are visited (and added) in input order.
    for (auto it = children->rbegin(); it != children->rend(); ++it) stack.push_back({&*it, id, n});
  }
  return in;
}

}  // namespace fluxacct
