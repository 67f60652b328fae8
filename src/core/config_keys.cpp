#include "core/config_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::config {
namespace {

constexpr std::string_view kWeights[] = {"node_weight", "core_weight", "gpu_weight"};
constexpr std::string_view kPeriods[] = {"priority_usage_reset_period", "priority_decay_half_life"};

bool one_of(std::string_view key, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

template <std::size_t N>
bool one_of(std::string_view key, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), key) != std::end(names);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string weight_text(std::string_view key, std::string_view value) {
  auto v = parse_number(value);
  if (!v || !std::isfinite(*v) || *v < 0)
    throw Error(
        fmt::format("{} must be a non-negative floating-point value, got '{}'", key, value));
  return py::float_repr(*v + 0.0);  // + 0.0 turns -0.0 into 0.0
}

std::string period_text(std::string_view key, std::string_view value) {
  double seconds = 0;
  try {
    seconds = parse_fsd(value);
  } catch (const Error&) {
    throw Error(fmt::format("invalid Flux standard duration for {}: '{}'", key, value));
  }
  if (!std::isfinite(seconds)) throw Error(fmt::format("{} must be finite, got '{}'", key, value));
  if (!(seconds > 0)) throw Error(fmt::format("{} must be greater than 0, got '{}'", key, value));
  return seconds_text(seconds);
}

std::string decay_factor_text(std::string_view value) {
  auto v = parse_number(value);
  if (!v || !(*v > 0 && *v < 1))
    throw Error(fmt::format(
        "decay_factor must be a floating-point value between 0 and 1 (exclusive), got '{}'",
        value));
  return py::float_repr(*v);
}

std::string boolean_text(std::string_view key, std::string_view value) {
  std::string v = lower(value);
  if (v != "true" && v != "false")
    throw Error(fmt::format("{} must be 'true' or 'false', got '{}'", key, value));
  return v;
}

std::string epoch_text(std::string_view key, std::string_view value) {
  auto v = parse_number(value);
  if (!v || !std::isfinite(*v) || *v < 0)
    throw Error(fmt::format("{} must be a non-negative number of seconds since the epoch, got '{}'",
                            key, value));
  return seconds_text(*v + 0.0);
}

}  // namespace

std::pair<std::string, std::string> split_key_value(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || text.find('=', eq + 1) != std::string_view::npos)
    throw Error("key-value string must contain exactly one \"=\"");
  if (eq == 0) throw Error(fmt::format("key-value string '{}' has an empty key", text));
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

bool is_known_key(std::string_view key) {
  return one_of(key, kWeights) || one_of(key, kPeriods) ||
         one_of(key, {"decay_factor", "deny_unknown_queues", "enforce_queue_job_limits",
                      "reconfigure_time"});
}

bool affects_usage_bins(std::string_view key) {
  return one_of(key, kPeriods) || key == "decay_factor";
}

std::string normalize_value(std::string_view key, std::string_view value) {
  if (one_of(key, kWeights)) return weight_text(key, value);
  if (one_of(key, kPeriods)) return period_text(key, value);
  if (key == "decay_factor") return decay_factor_text(value);
  if (key == "deny_unknown_queues" || key == "enforce_queue_job_limits")
    return boolean_text(key, value);
  if (key == "reconfigure_time") return epoch_text(key, value);
  return std::string(value);
}

std::string seconds_text(double seconds) {
  if (std::floor(seconds) == seconds && std::fabs(seconds) < 1e15)
    return fmt::format("{}", static_cast<long long>(seconds));
  return py::float_repr(seconds);
}

std::optional<double> parse_number(std::string_view text) {
  const auto b = text.find_first_not_of(" \t\n\r\f\v");
  if (b == std::string_view::npos) return std::nullopt;
  const auto e = text.find_last_not_of(" \t\n\r\f\v");
  const std::string t(text.substr(b, e - b + 1));
  if (t.find_first_of("xX(") != std::string::npos) return std::nullopt;  // hex, nan(...)
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return std::nullopt;
  return v;
}

}  // namespace fluxacct::config
