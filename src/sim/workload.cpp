#include "sim/workload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/duration.hpp"
#include "core/error.hpp"

namespace fluxacct::sim {
namespace {

using nlohmann::json;

// A line's problem, without the "line N: " the parser adds.
struct Bad {
  std::string what;
};

// Arrays and objects nested deeper than this are not dumped in messages:
// nlohmann's dump() recurses once per level, and a line may nest them
// deeply enough to overflow the stack.
constexpr std::size_t kMaxShownDepth = 64;

// True when v nests arrays or objects more than `limit` levels deep
// (iterative, for the same reason).
bool nested_deeper_than(const json& v, std::size_t limit) {
  std::vector<std::pair<const json*, std::size_t>> stack{{&v, 1}};
  while (!stack.empty()) {
    const auto [x, depth] = stack.back();
    stack.pop_back();
    if (!x->is_structured()) continue;
    if (depth > limit) return true;
    for (const json& child : *x) stack.emplace_back(&child, depth + 1);
  }
  return false;
}

// Short, one-line form of a value for messages; long values are cut.
std::string shown(const json& v) {
  if (nested_deeper_than(v, kMaxShownDepth))
    return fmt::format("an {} nested over {} levels deep", v.is_array() ? "array" : "object",
                       kMaxShownDepth);
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

std::optional<WorkloadOp> op_named(std::string_view name) {
  if (name == "submit") return WorkloadOp::kSubmit;
  if (name == "cancel") return WorkloadOp::kCancel;
  if (name == "urgency") return WorkloadOp::kUrgency;
  if (name == "update") return WorkloadOp::kUpdate;
  return std::nullopt;
}

// The keys each op takes, in the order messages list them.
const std::vector<std::string_view>& keys_of(WorkloadOp op) {
  static const std::vector<std::string_view> submit = {"t",      "op",       "user",    "uid",
                                                       "bank",   "queue",    "project", "nnodes",
                                                       "ncores", "duration", "runtime", "urgency"};
  static const std::vector<std::string_view> cancel = {"t", "op", "job"};
  static const std::vector<std::string_view> urgency = {"t", "op", "job", "urgency"};
  static const std::vector<std::string_view> update = {"t", "op", "job", "bank", "queue"};
  switch (op) {
    case WorkloadOp::kSubmit:
      return submit;
    case WorkloadOp::kCancel:
      return cancel;
    case WorkloadOp::kUrgency:
      return urgency;
    case WorkloadOp::kUpdate:
      return update;
  }
  return submit;
}

// An integer in [lo, hi]; integral floats (1e3) count as integers.
std::int64_t integer(const json& obj, const char* key, std::int64_t lo, std::int64_t hi) {
  const json& v = obj.at(key);
  bool ok = false;
  double d = 0;
  if (v.is_number_integer() || v.is_number_float()) {
    d = v.get<double>();
    ok = std::isfinite(d) && std::floor(d) == d && d >= static_cast<double>(lo) &&
         d <= static_cast<double>(hi);
  }
  if (!ok)
    throw Bad{fmt::format("{} must be an integer from {} to {}, got {}", key, lo, hi, shown(v))};
  // Exact for large integers, which a double may round.
  if (v.is_number_unsigned()) return static_cast<std::int64_t>(v.get<std::uint64_t>());
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return static_cast<std::int64_t>(d);
}

// Seconds: a number, or (when `fsd`) a Flux Standard Duration string.
double seconds(const json& obj, const char* key, bool fsd) {
  const json& v = obj.at(key);
  double d = NAN;
  if (v.is_number()) {
    d = v.get<double>();
  } else if (fsd && v.is_string()) {
    try {
      d = parse_fsd(v.get<std::string>());
    } catch (const Error&) {
      throw Bad{fmt::format("{}: invalid Flux standard duration {}", key, shown(v))};
    }
  }
  if (!(d >= 0 && d <= kMaxWorkloadSeconds))
    throw Bad{fmt::format("{} must be {}seconds from 0 to {:.0f}, got {}", key,
                          fsd ? "a duration or " : "a number of ", kMaxWorkloadSeconds, shown(v))};
  return d;
}

std::string name(const json& obj, const char* key) {
  const json& v = obj.at(key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    throw Bad{fmt::format("{} must be a non-empty string, got {}", key, shown(v))};
  return v.get<std::string>();
}

std::size_t job_number(const json& obj, std::size_t submitted) {
  if (!obj.contains("job")) throw Bad{"missing \"job\" (the number of a submit line)"};
  const std::int64_t n = integer(obj, "job", 1, kMaxWorkloadCount);
  if (static_cast<std::uint64_t>(n) > submitted)
    throw Bad{fmt::format("job {} has not been submitted ({} job{} submitted so far)", n, submitted,
                          submitted == 1 ? "" : "s")};
  return static_cast<std::size_t>(n);
}

}  // namespace

std::string_view workload_op_name(WorkloadOp op) {
  switch (op) {
    case WorkloadOp::kSubmit:
      return "submit";
    case WorkloadOp::kCancel:
      return "cancel";
    case WorkloadOp::kUrgency:
      return "urgency";
    case WorkloadOp::kUpdate:
      return "update";
  }
  return "?";
}

std::optional<WorkloadEvent> WorkloadParser::parse(std::string_view text, std::int64_t line_no) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos || text[first] == '#') return std::nullopt;
  try {
    json obj;
    try {
      obj = json::parse(text);
    } catch (const json::parse_error& e) {
      throw Bad{fmt::format("not valid JSON (at byte {})", e.byte)};
    } catch (const json::exception&) {
      // out_of_range: a number too large for any C++ type (1e400).
      throw Bad{"not valid JSON (a number out of range)"};
    }
    if (!obj.is_object()) throw Bad{"not a JSON object"};

    WorkloadEvent ev;
    ev.line = line_no;
    if (obj.contains("op")) {
      const json& v = obj["op"];
      std::optional<WorkloadOp> op;
      if (v.is_string()) op = op_named(v.get_ref<const std::string&>());
      if (!op)
        throw Bad{
            fmt::format("op must be one of submit, cancel, urgency, update, got {}", shown(v))};
      ev.op = *op;
    }
    const auto& allowed = keys_of(ev.op);
    for (const auto& item : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
        throw Bad{fmt::format("unknown key \"{}\" for op {} (it takes {})", item.key(),
                              workload_op_name(ev.op), fmt::join(allowed, ", "))};
    }

    if (!obj.contains("t")) throw Bad{"missing \"t\" (seconds from the start)"};
    ev.t = seconds(obj, "t", false);
    if (ev.t < last_t_)
      throw Bad{fmt::format("t {} is before the previous line's t {}", shown(obj["t"]), last_t_)};

    switch (ev.op) {
      case WorkloadOp::kSubmit: {
        Submission& s = ev.submission;
        if (obj.contains("user") == obj.contains("uid"))
          throw Bad{"a submit line needs \"user\" (a name) or \"uid\" (a number), not both"};
        if (obj.contains("user")) {
          ev.user = name(obj, "user");
          const auto uid = users_(ev.user);
          if (!uid) throw Bad{fmt::format("unknown user \"{}\" (no association)", ev.user)};
          s.userid = *uid;
        } else {
          s.userid = static_cast<std::uint32_t>(integer(obj, "uid", 0, 4294967295));
        }
        if (obj.contains("bank")) s.bank = name(obj, "bank");
        if (obj.contains("queue")) s.queue = name(obj, "queue");
        if (obj.contains("project")) s.project = name(obj, "project");
        if (obj.contains("nnodes")) s.nnodes = integer(obj, "nnodes", 1, kMaxWorkloadCount);
        // As `flux run -N n` without -n: one core per node.
        s.ncores = obj.contains("ncores") ? integer(obj, "ncores", 1, kMaxWorkloadCount) : s.nnodes;
        if (s.ncores < s.nnodes)
          throw Bad{fmt::format("ncores ({}) is less than nnodes ({}): every node needs a core",
                                s.ncores, s.nnodes)};
        if (obj.contains("duration")) s.duration = seconds(obj, "duration", true);
        if (obj.contains("runtime")) {
          double rt = seconds(obj, "runtime", true);
          // Flux ends a job at its time limit.
          if (s.duration > 0) rt = std::min(rt, s.duration);
          s.runtime = rt;
        }
        if (obj.contains("urgency")) s.urgency = static_cast<int>(integer(obj, "urgency", 0, 31));
        ++submits_;
        break;
      }
      case WorkloadOp::kCancel:
        ev.job = job_number(obj, submits_);
        break;
      case WorkloadOp::kUrgency:
        ev.job = job_number(obj, submits_);
        if (!obj.contains("urgency")) throw Bad{"missing \"urgency\" (0 to 31)"};
        ev.urgency = static_cast<int>(integer(obj, "urgency", 0, 31));
        break;
      case WorkloadOp::kUpdate:
        ev.job = job_number(obj, submits_);
        if (obj.contains("bank")) ev.bank = name(obj, "bank");
        if (obj.contains("queue")) ev.queue = name(obj, "queue");
        if (!ev.bank && !ev.queue) throw Bad{"an update line needs \"bank\" or \"queue\""};
        break;
    }
    last_t_ = ev.t;
    return ev;
  } catch (const Bad& b) {
    throw Error(fmt::format("line {}: {}", line_no, b.what));
  }
}

}  // namespace fluxacct::sim
