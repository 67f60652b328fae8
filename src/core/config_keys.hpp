// The keys of config_table that fluxacct and the plugin read, and the rules
// their values follow. add-config and edit-config check a value with these
// rules before it is stored, so that update-usage and the plugin never meet a
// value they cannot read. Other keys are free text, as upstream allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace fluxacct::config {

// More usage periods than this per association is refused: a half-life of a
// millisecond over a month would ask for billions of bins per association.
inline constexpr int kMaxUsageBins = 1000;

// Splits "KEY=VALUE". Exactly one '=' (upstream's rule) and a non-empty key.
// Throws Error('key-value string must contain exactly one "="').
std::pair<std::string, std::string> split_key_value(std::string_view text);

// True for a key with a typed value: node_weight, core_weight, gpu_weight,
// priority_usage_reset_period, priority_decay_half_life, decay_factor,
// deny_unknown_queues, enforce_queue_job_limits (ours: whether the plugin
// enforces queues' per-job node and time limits) and reconfigure_time.
bool is_known_key(std::string_view key);

// True for the keys whose change re-bins every association's usage: the two
// periods and decay_factor.
bool affects_usage_bins(std::string_view key);

// The text to store for `value` under `key`. Known keys are checked and
// written in one canonical form:
//   node_weight, core_weight, gpu_weight   a finite float >= 0    "2" -> "2.0"
//   priority_usage_reset_period,
//   priority_decay_half_life               a Flux Standard Duration > 0, in
//                                          seconds (integer text when whole,
//                                          as create-db writes) "15m" -> "900"
//   decay_factor                           a float, 0 < F < 1 (create-db's rule)
//   deny_unknown_queues,
//   enforce_queue_job_limits               true or false, any case -> lower case
//   reconfigure_time                       seconds since the epoch, >= 0
// Other keys are stored as given. Throws Error naming the key and the value.
std::string normalize_value(std::string_view key, std::string_view value);

// Seconds as config_table stores them: "604800" when whole, else Python's
// float text ("0.5").
std::string seconds_text(double seconds);

// The number a stored value holds, or nullopt when the whole text is not one
// (Python float() acceptance: surrounding blanks, no hex).
std::optional<double> parse_number(std::string_view text);

}  // namespace fluxacct::config
