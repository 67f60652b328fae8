#include "core/engine/decode.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace fluxacct::engine {
namespace {

using nlohmann::json;

// jansson's names for JSON types, as its unpack errors print them.
const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "real";
    default:
      return "null";
  }
}

// Reads the keys of one element, naming the element in every error.
class Element {
 public:
  Element(const json& v, std::string where, std::string prefix)
      : v_(v), where_(std::move(where)), prefix_(std::move(prefix)) {
    if (!v_.is_object()) fail(where_, fmt::format("Expected object, got {}", type_name(v_)));
  }

  const json& get(const char* key) const {
    auto it = v_.find(key);
    if (it == v_.end()) fail(where_, fmt::format("Object item not found: {}", key));
    return *it;
  }
  bool has(const char* key) const { return v_.contains(key); }

  std::string str(const char* key) const {
    const json& x = get(key);
    if (!x.is_string()) wrong(key, "string", x);
    return x.get<std::string>();
  }
  std::int64_t integer(const char* key) const {
    const json& x = get(key);
    if (x.is_number_unsigned() && x.get<std::uint64_t>() > INT64_MAX)
      fail(at(key), "integer out of range");
    if (!x.is_number_integer()) wrong(key, "integer", x);
    return x.get<std::int64_t>();
  }
  // A limit: an integer that is not negative.
  std::int64_t limit(const char* key) const {
    const std::int64_t n = integer(key);
    if (n < 0) fail(at(key), fmt::format("must be a non-negative integer, got {}", n));
    return n;
  }
  // jansson's "F": a real or an integer.
  double real(const char* key) const {
    const json& x = get(key);
    if (!x.is_number()) wrong(key, "real", x);
    const double d = x.get<double>();
    if (!std::isfinite(d)) fail(at(key), "not a finite number");
    return d;
  }
  bool boolean(const char* key) const {
    const json& x = get(key);
    if (!x.is_boolean()) wrong(key, "true or false", x);
    return x.get<bool>();
  }
  std::vector<std::string> list(const char* key) const {
    std::vector<std::string> out;
    const std::string s = str(key);
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t comma = s.find(',', start);
      if (comma == std::string::npos) comma = s.size();
      std::string item = s.substr(start, comma - start);
      if (item.find_first_not_of(" \t\n") != std::string::npos) out.push_back(std::move(item));
      start = comma + 1;
    }
    return out;
  }

  [[noreturn]] void fail(const std::string& where, const std::string& reason) const {
    throw DecodeError(fmt::format("{}{}: {}", prefix_, where, reason));
  }
  [[noreturn]] void fail_at(const char* key, const std::string& reason) const {
    fail(at(key), reason);
  }

 private:
  std::string at(const char* key) const { return where_ + "." + key; }
  [[noreturn]] void wrong(const char* key, const char* want, const json& got) const {
    fail(at(key), fmt::format("Expected {}, got {}", want, type_name(got)));
  }

  const json& v_;
  std::string where_;
  std::string prefix_;
};

AssociationRecord association(const Element& e) {
  AssociationRecord r;
  const std::int64_t uid = e.integer("userid");
  if (uid < 0 || uid > UINT32_MAX) e.fail_at("userid", fmt::format("no such userid: {}", uid));
  r.userid = static_cast<std::uint32_t>(uid);
  r.bank = e.str("bank");
  r.def_bank = e.str("def_bank");
  r.fairshare = e.real("fairshare");
  r.max_running_jobs = e.limit("max_running_jobs");
  r.max_active_jobs = e.limit("max_active_jobs");
  r.queues = e.list("queues");
  const std::int64_t active = e.integer("active");
  if (active != 0 && active != 1)
    e.fail_at("active", fmt::format("must be 0 or 1, got {}", active));
  r.active = active == 1;
  r.projects = e.list("projects");
  r.def_project = e.str("def_project");
  r.max_nodes = e.limit("max_nodes");
  r.max_cores = e.limit("max_cores");
  r.max_sched_jobs = e.limit("max_sched_jobs");
  if (r.bank.empty()) e.fail_at("bank", "empty bank name");
  return r;
}

QueueRecord queue(const Element& e) {
  QueueRecord q;
  q.queue = e.str("queue");
  q.min_nodes_per_job = e.limit("min_nodes_per_job");
  q.max_nodes_per_job = e.limit("max_nodes_per_job");
  q.max_time_per_job = e.limit("max_time_per_job");
  q.priority = e.integer("priority");
  q.max_running_jobs = e.limit("max_running_jobs");
  q.max_nodes_per_assoc = e.limit("max_nodes_per_assoc");
  q.max_sched_jobs = e.limit("max_sched_jobs");
  q.max_sched_nodes_per_assoc = e.limit("max_sched_nodes_per_assoc");
  q.max_sched_cores_per_assoc = e.limit("max_sched_cores_per_assoc");
  if (e.has("max_nodes")) q.max_nodes = e.limit("max_nodes");
  if (e.has("max_cores")) q.max_cores = e.limit("max_cores");
  if (q.queue.empty()) e.fail_at("queue", "empty queue name");
  return q;
}

template <typename Decode>
auto elements(const json& array, const std::string& where, const std::string& prefix,
              Decode decode) {
  using Record = decltype(decode(std::declval<const Element&>()));
  std::vector<Record> out;
  if (!array.is_array())
    throw DecodeError(fmt::format("{}{}: Expected array, got {}", prefix, where, type_name(array)));
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i)
    out.push_back(decode(Element(array[i], fmt::format("{}[{}]", where, i), prefix)));
  return out;
}

void decode_section(DataTopic topic, const json& data, const std::string& where,
                    const std::string& prefix, DataUpdate& u) {
  switch (topic) {
    case DataTopic::kAssociations:
      u.associations = elements(data, where, prefix, association);
      break;
    case DataTopic::kQueues:
      u.queues = elements(data, where, prefix, queue);
      break;
    case DataTopic::kProjects:
      u.projects = elements(data, where, prefix, [](const Element& e) {
        std::string p = e.str("project");
        if (p.empty()) e.fail_at("project", "empty project name");
        return p;
      });
      break;
    case DataTopic::kBanks:
      u.banks = elements(data, where, prefix, [](const Element& e) {
        return BankRecord{e.str("bank"), e.real("priority")};
      });
      break;
    case DataTopic::kFactors:
      u.factors = elements(data, where, prefix, [](const Element& e) {
        return FactorRecord{e.str("factor"), e.integer("weight")};
      });
      break;
    case DataTopic::kConfig: {
      if (!data.is_object()) throw DecodeError("mf_priority: invalid config payload");
      Element e(data, where, "mf_priority config unpack: ");
      u.deny_unknown_queues = e.has("deny_unknown_queues") && e.boolean("deny_unknown_queues");
      // fluxacct's key (upstream's unpack ignores it); absent: unchanged.
      if (e.has("enforce_queue_job_limits"))
        u.enforce_queue_job_limits = e.boolean("enforce_queue_job_limits");
      break;
    }
  }
}

}  // namespace

std::optional<DataTopic> data_topic(std::string_view name) {
  if (name == "rec_update") return DataTopic::kAssociations;
  if (name == "rec_q_update") return DataTopic::kQueues;
  if (name == "rec_proj_update") return DataTopic::kProjects;
  if (name == "rec_bank_update") return DataTopic::kBanks;
  if (name == "rec_fac_update") return DataTopic::kFactors;
  if (name == "rec_config_update") return DataTopic::kConfig;
  return std::nullopt;
}

DataUpdate decode_rpc(DataTopic topic, const json& payload) {
  if (!payload.is_object() || !payload.contains("data"))
    throw DecodeError("failed to unpack custom_priority.trigger msg");
  DataUpdate u;
  decode_section(topic, payload["data"], "data", "mf_priority unpack: ", u);
  if (topic == DataTopic::kAssociations && payload.contains("replace")) {
    const json& r = payload["replace"];
    if (!r.is_boolean())
      throw DecodeError(
          fmt::format("mf_priority unpack: replace: Expected true or false, got {}", type_name(r)));
    u.replace_associations = r.get<bool>();
  }
  return u;
}

DataUpdate decode_plugin_config(const json& doc) {
  const std::string prefix = "error initializing plugin with JSON object: ";
  if (!doc.is_object())
    throw DecodeError(fmt::format("{}Expected object, got {}", prefix, type_name(doc)));
  static const std::pair<const char*, DataTopic> sections[] = {
      {"associations", DataTopic::kAssociations}, {"queues", DataTopic::kQueues},
      {"projects", DataTopic::kProjects},         {"banks", DataTopic::kBanks},
      {"priority_factors", DataTopic::kFactors},  {"config", DataTopic::kConfig}};
  DataUpdate u;
  for (const auto& [key, topic] : sections) {
    auto it = doc.find(key);
    if (it == doc.end()) continue;
    if (topic == DataTopic::kConfig && !it->is_object())
      throw DecodeError(prefix + "mf_priority: invalid config payload");
    try {
      decode_section(topic, *it, key, "", u);
    } catch (const DecodeError& e) {
      throw DecodeError(prefix + e.what());
    }
  }
  // fluxacct's engine options; absent keys are off, so a document written
  // for upstream loads with upstream's behaviour.
  if (!u.enforce_queue_job_limits) u.enforce_queue_job_limits = false;
  if (auto it = doc.find("options"); it != doc.end()) {
    try {
      Element e(*it, "options", "");
      if (e.has("enforce_queue_job_limits"))
        u.enforce_queue_job_limits = e.boolean("enforce_queue_job_limits");
    } catch (const DecodeError& e) {
      throw DecodeError(prefix + e.what());
    }
  }
  u.replace_associations = true;
  return u;
}

}  // namespace fluxacct::engine
