#include "core/jobspec.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/checked_count.hpp"
#include "core/error.hpp"

namespace fluxacct {
namespace {

// Deeper trees than this are not resource requests anyone writes; refusing
// them keeps the walk's recursion bounded.
constexpr int kMaxDepth = 64;

int64_t checked_mul(int64_t a, int64_t b) { return checked_count_mul(a, b, "jobspec"); }
int64_t checked_add(int64_t a, int64_t b) { return checked_count_add(a, b, "jobspec"); }

std::optional<std::string> string_attribute(const nlohmann::json& system, const char* key) {
  auto it = system.find(key);
  if (it == system.end()) return std::nullopt;
  if (!it->is_string())
    throw Error(std::string("jobspec attributes.system.") + key + " is not a string");
  return it->get<std::string>();
}

void read_level(const nlohmann::json& level, int depth, int64_t multiplier, JobspecInfo& info);

void read_vertex(const nlohmann::json& v, int depth, int64_t multiplier, JobspecInfo& info) {
  if (!v.is_object()) throw Error("level " + std::to_string(depth) + ": not an object");
  auto type = v.find("type");
  if (type == v.end() || !type->is_string())
    throw Error("level " + std::to_string(depth) + ": no string type");
  const std::string& t = type->get_ref<const std::string&>();
  auto count = v.find("count");
  if (count == v.end() || !count->is_number_integer())
    throw Error("level " + std::to_string(depth) + ": no integer count for type '" + t + "'");
  int64_t n;
  if (count->is_number_unsigned()) {
    if (count->get<uint64_t>() > INT64_MAX) throw Error("jobspec resource count is too large");
    n = static_cast<int64_t>(count->get<uint64_t>());
  } else {
    n = count->get<int64_t>();
  }
  if (n <= 0) throw Error("Invalid count " + std::to_string(n) + " for type '" + t + "'");
  int64_t total = checked_mul(multiplier, n);
  if (t == "node") {
    info.nnodes = checked_add(info.nnodes, total);
  } else if (t == "slot") {
    info.nslots = checked_add(info.nslots, total);
  } else if (t == "core") {
    info.ncores = checked_add(info.ncores, total);
    info.ncores_per_slot = n;
  } else if (t == "gpu") {
    info.ngpus = checked_add(info.ngpus, total);
  }  // other types only multiply what they hold
  auto with = v.find("with");
  if (with != v.end()) read_level(*with, depth + 1, total, info);
}

void read_level(const nlohmann::json& level, int depth, int64_t multiplier, JobspecInfo& info) {
  if (depth > kMaxDepth) throw Error("jobspec resources are nested too deeply");
  if (!level.is_array()) throw Error("level " + std::to_string(depth) + ": must be an array");
  for (const auto& v : level) read_vertex(v, depth, multiplier, info);
}

void count_resources(const nlohmann::json& jobspec, JobspecInfo& info) {
  auto resources = jobspec.find("resources");
  if (resources == jobspec.end()) throw Error("jobspec has no resources");
  read_level(*resources, 0, 1, info);
  if (info.nslots <= 0) throw Error("Unable to determine slot count");
  if (info.ncores <= 0) throw Error("Unable to determine slot size");
  if (info.nnodes == 0) info.nnodes = 1;
}

}  // namespace

JobspecInfo parse_jobspec(const nlohmann::json& jobspec, JobspecResources resources) {
  if (!jobspec.is_object()) throw Error("jobspec is not a JSON object");
  JobspecInfo info;
  auto attributes = jobspec.find("attributes");
  if (attributes != jobspec.end()) {
    if (!attributes->is_object()) throw Error("jobspec attributes is not an object");
    auto system = attributes->find("system");
    if (system != attributes->end()) {
      if (!system->is_object()) throw Error("jobspec attributes.system is not an object");
      info.bank = string_attribute(*system, "bank");
      info.project = string_attribute(*system, "project");
      info.queue = string_attribute(*system, "queue");
      auto duration = system->find("duration");
      if (duration != system->end()) {
        if (!duration->is_number() || duration->get<double>() < 0)
          throw Error("jobspec attributes.system.duration is not a non-negative number");
        info.duration = duration->get<double>();
      }
    }
  }
  if (resources == JobspecResources::Count) count_resources(jobspec, info);
  return info;
}

JobspecInfo parse_jobspec(std::string_view json_text, JobspecResources resources) {
  nlohmann::json jobspec = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (jobspec.is_discarded()) throw Error("jobspec is not valid JSON");
  return parse_jobspec(jobspec, resources);
}

}  // namespace fluxacct
