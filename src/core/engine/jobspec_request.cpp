#include "core/engine/jobspec_request.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/jobspec.hpp"

namespace fluxacct::engine {

void job_request_from_jobspec(const nlohmann::json& jobspec, std::uint32_t userid, int urgency,
                              JobspecRequest& out) {
  out = JobspecRequest{};
  JobRequest& r = out.request;
  r.userid = userid;
  r.urgency = urgency;
  JobspecInfo info;
  try {
    info = parse_jobspec(jobspec, JobspecResources::Ignore);
  } catch (const Error&) {
    r.attributes_ok = false;
    return;
  }
  out.bank = info.bank;
  out.queue = info.queue;
  out.project = info.project;
  if (out.bank) r.bank = *out.bank;
  if (out.queue) r.queue = *out.queue;
  if (out.project) r.project = *out.project;
  r.duration = info.duration.value_or(0);
  try {
    const JobspecInfo counted = parse_jobspec(jobspec, JobspecResources::Count);
    r.nnodes = counted.nnodes;
    r.ncores = counted.ncores;
  } catch (const Error&) {
    r.resources_ok = false;
  }
}

}  // namespace fluxacct::engine
