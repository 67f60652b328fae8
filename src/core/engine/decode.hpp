// The one decoder of the plugin's data payloads: rec_* RPCs (spec §1.4) and
// the plugin-initialisation document (export-json, §1.5) both go through
// here, so every path is equally strict. A payload decodes completely or
// not at all: nothing is applied from a payload with one bad element.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "core/engine/records.hpp"
#include "core/error.hpp"

namespace fluxacct::engine {

// A payload the plugin refuses. The message is upstream's where it has one:
//   "failed to unpack custom_priority.trigger msg"      (no "data" array)
//   "mf_priority unpack: data[2]: Object item not found: max_cores"
//   "mf_priority unpack: data[0].bank: Expected string, got integer"
//   "mf_priority: invalid config payload"                (config not an object)
//   "mf_priority config unpack: deny_unknown_queues: Expected true or false, got integer"
// and for the initialisation document the same, prefixed
//   "error initializing plugin with JSON object: ".
class DecodeError : public Error {
 public:
  explicit DecodeError(const std::string& message) : Error(message) {}
};

// The RPC topics that carry data (without the "job-manager.mf_priority." prefix).
enum class DataTopic { kAssociations, kQueues, kProjects, kBanks, kFactors, kConfig };

// The topic for a name such as "rec_update"; nullopt for any other name
// (including "reprioritize", which carries no data).
std::optional<DataTopic> data_topic(std::string_view name);

// Decodes one RPC payload ({"data": …}). A rec_update payload may carry
// "replace": true (fluxacct's priority-update sends it with the whole
// table) to forget associations not listed.
DataUpdate decode_rpc(DataTopic topic, const nlohmann::json& payload);

// Decodes the plugin-initialisation document: an object whose keys
// associations, queues, projects, banks, config, priority_factors are each
// optional; other keys are ignored (as upstream, and so that a newer
// export-json still loads). Associations listed replace all. fluxacct's
// "options": {"enforce_queue_job_limits": bool} switches the queue per-job
// limits on; they are off when the key is absent.
DataUpdate decode_plugin_config(const nlohmann::json& doc);

}  // namespace fluxacct::engine
