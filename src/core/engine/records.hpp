// The accounting data the priority plugin receives, as decoded from the
// rec_* RPC payloads (spec §1.4) or the plugin-initialisation document
// (export-json, §1.5). Plain values: the decoder fills them, the catalog
// applies them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fluxacct::engine {

inline constexpr std::int64_t kIntMax = 2147483647;  // "unlimited" in the database

// One rec_update element: the 13 keys of an association row.
struct AssociationRecord {
  std::uint32_t userid = 0;
  std::string bank;
  std::string def_bank;
  double fairshare = 0.5;
  std::int64_t max_running_jobs = 5;
  std::int64_t max_active_jobs = 7;
  std::vector<std::string> queues;  // from the comma list; "" → none
  bool active = true;
  std::vector<std::string> projects;
  std::string def_project = "*";
  std::int64_t max_nodes = kIntMax;
  std::int64_t max_cores = kIntMax;
  std::int64_t max_sched_jobs = kIntMax;
};

// One rec_q_update element: the 10 keys upstream reads, plus the per-queue
// totals across all associations that export-json also writes (§6.5).
struct QueueRecord {
  std::string queue;
  std::int64_t min_nodes_per_job = 1;
  std::int64_t max_nodes_per_job = 1;
  std::int64_t max_time_per_job = 60;
  std::int64_t priority = 0;
  std::int64_t max_running_jobs = 100;
  std::int64_t max_nodes_per_assoc = kIntMax;
  std::int64_t max_sched_jobs = kIntMax;
  std::int64_t max_sched_nodes_per_assoc = kIntMax;
  std::int64_t max_sched_cores_per_assoc = kIntMax;
  std::int64_t max_nodes = kIntMax;  // optional key
  std::int64_t max_cores = kIntMax;  // optional key
};

struct BankRecord {
  std::string bank;
  double priority = 0.0;
};

struct FactorRecord {
  std::string factor;
  std::int64_t weight = 0;
};

// What one payload changes. Absent sections leave the engine's data as it
// is; a present section replaces its table (associations: see below;
// factors: merged, as upstream).
struct DataUpdate {
  std::optional<std::vector<AssociationRecord>> associations;
  // false: associations are upserted (rec_update); true: associations not
  // in the list are forgotten (plugin-init document, or a rec_update whose
  // payload carries "replace": true — see docs/compatibility.md).
  bool replace_associations = false;
  std::optional<std::vector<QueueRecord>> queues;
  std::optional<std::vector<std::string>> projects;
  std::optional<std::vector<BankRecord>> banks;
  std::optional<std::vector<FactorRecord>> factors;
  std::optional<bool> deny_unknown_queues;
  // fluxacct's switch for the queue per-job limits (Catalog::
  // enforce_queue_job_limits): the plugin-init document's
  // "options": {"enforce_queue_job_limits": bool} (absent: off), or a
  // rec_config_update payload carrying the key (absent: unchanged).
  std::optional<bool> enforce_queue_job_limits;
};

}  // namespace fluxacct::engine
