// A JobRequest from a job's jobspec, as the jobtap adapter and the
// simulator build one (the strings are copied into the holder).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/engine/job.hpp"

namespace fluxacct::engine {

// Owns the strings a JobRequest views.
struct JobspecRequest {
  std::optional<std::string> bank, queue, project;
  JobRequest request;  // views into the members above; do not copy the holder
};

// Reads attributes.system.{bank,queue,project,duration} and counts the
// resources (src/core/jobspec.hpp). Never throws for a bad jobspec: a
// non-string attribute sets request.attributes_ok = false, resources that
// cannot be counted set request.resources_ok = false, so validate() rejects
// with upstream's message.
void job_request_from_jobspec(const nlohmann::json& jobspec, std::uint32_t userid, int urgency,
                              JobspecRequest& out);

}  // namespace fluxacct::engine
