// What the engine asks its adapter to do. Each event call appends plain
// values to a Decisions list; the jobtap adapter turns them into jobtap
// calls, the simulator applies them to its job model.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/engine/job.hpp"

namespace fluxacct::engine {

// Refuse the job (flux_jobtap_reject_job) with this message.
struct Reject {
  JobId job;
  std::string message;
};
// flux_jobtap_dependency_add / _remove; names are upstream's ("max-run-jobs-queue", …).
struct AddDependency {
  JobId job;
  std::string_view name;
};
struct RemoveDependency {
  JobId job;
  std::string_view name;
};
// Ask the job's priority again (flux_jobtap_reprioritize_job): a job held
// in PRIORITY (Job::held_in_priority) has room now and priority() will
// answer with a value.
struct Reprioritize {
  JobId job;
};
// The job's priority (from priorities(); priority() returns its value directly).
struct SetPriority {
  JobId job;
  std::uint32_t priority;
};
// flux_jobtap_jobspec_update_pack: key "attributes.system.bank" or
// "attributes.system.project"; the view lives as long as the engine.
struct UpdateJobspec {
  JobId job;
  std::string_view key;
  std::string_view value;
};
// flux_jobtap_raise_exception, type "mf_priority", severity 0 (the job ends).
struct RaiseException {
  JobId job;
  std::string message;
};
// The memo event {"fairshare": value} (annotation user.fairshare).
struct PostFairshareMemo {
  JobId job;
  double fairshare;
};

using Decision = std::variant<Reject, AddDependency, RemoveDependency, Reprioritize, SetPriority,
                              UpdateJobspec, RaiseException, PostFairshareMemo>;
using Decisions = std::vector<Decision>;

inline constexpr std::string_view kJobspecBank = "attributes.system.bank";
inline constexpr std::string_view kJobspecProject = "attributes.system.project";

}  // namespace fluxacct::engine
