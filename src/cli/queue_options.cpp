#include "cli/queue_options.hpp"

#include <fmt/format.h>

#include <limits>

#include "cli/numeric_options.hpp"
#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

using V = QueueValue;

const std::vector<QueueField>& fields() {
  static const std::vector<QueueField> f = {
      {"min_nodes_per_job",
       {"--min-nodes-per-job"},
       V::kCount,
       "the fewest nodes a job in this queue may ask for; stored, not enforced"},
      {"max_nodes_per_job",
       {"-N", "--max-nodes-per-job"},
       V::kLimit,
       "the most nodes a job in this queue may ask for; stored, not enforced"},
      {"max_time_per_job",
       {"-t", "--max-time-per-job"},
       V::kLimit,
       "the longest time limit a job in this queue may ask for; stored, not enforced"},
      {"priority",
       {"-P", "--priority"},
       V::kPriority,
       "the queue's priority factor: any integer; a negative one lowers its jobs' priority"},
      {"max_running_jobs",
       {"--max-running-jobs"},
       V::kLimit,
       "how many jobs each association may run in this queue at once"},
      {"max_nodes_per_assoc",
       {"--max-nodes-per-assoc"},
       V::kLimit,
       "how many nodes each association's running and scheduled jobs in this queue may use"},
      {"max_sched_jobs",
       {"--max-sched-jobs"},
       V::kLimit,
       "how many jobs each association may have in the SCHED state in this queue"},
      {"max_sched_nodes_per_assoc",
       {"-msn", "--max-sched-nodes-per-assoc"},
       V::kLimit,
       "how many nodes each association's jobs in the SCHED state in this queue may ask for"},
      {"max_sched_cores_per_assoc",
       {"-msc", "--max-sched-cores-per-assoc"},
       V::kLimit,
       "how many cores each association's jobs in the SCHED state in this queue may ask for"},
      {"max_nodes",
       {"--max-nodes"},
       V::kLimit,
       "how many nodes all jobs in this queue may use at once; stored, not yet enforced"},
      {"max_cores",
       {"--max-cores"},
       V::kLimit,
       "how many cores all jobs in this queue may use at once; stored, not yet enforced"},
  };
  return f;
}

std::string display(const QueueField& f) {
  std::string s;
  for (const auto& flag : f.flags) s += (s.empty() ? "" : "/") + flag;
  return s;
}

std::string default_text(const QueueField& f) {
  const auto* col = schema::table("queue_table").find(f.column);
  if (!col || !col->def) return "none";
  return *col->def == std::to_string(schema::kIntMax) ? "unlimited" : std::string(*col->def);
}

}  // namespace

std::span<const QueueField> queue_fields() { return fields(); }

std::optional<std::int64_t> parse_queue_value(const QueueField& f, const std::string& text) {
  const std::string where = fmt::format("({} {})", f.flags.back(), quoted(text));
  if (f.kind == V::kLimit && is_unlimited_word(text)) return schema::kIntMax;
  long long v = 0;
  if (!parse_int(text, v))
    throw UsageError(fmt::format("argument {}: invalid int value: '{}'", display(f), text));
  if (v == -1) return std::nullopt;
  if (f.kind == V::kPriority) {
    if (v < std::numeric_limits<std::int32_t>::min() ||
        v > std::numeric_limits<std::int32_t>::max())
      throw Error(fmt::format("priority must be an integer from {} to {} {}",
                              std::numeric_limits<std::int32_t>::min(), schema::kIntMax, where));
    return v;
  }
  if (v < -1)
    throw Error("value must be a non-negative integer or -1 to reset to default " + where);
  if (v > schema::kIntMax)
    throw Error(fmt::format("value must be at most {}{} {}", schema::kIntMax,
                            f.kind == V::kLimit ? " (or \"unlimited\")" : "", where));
  return v;
}

void define_queue_options(Parser& p) {
  for (const auto& f : fields())
    p.option({.flags = f.flags, .help = fmt::format("{} (default {})", f.help, default_text(f))});
}

}  // namespace fluxacct::cli
