// Flux jobspec (RFC 14, version 1 as in RFC 25): the attributes accounting
// reads and the resource counts the priority plugin checks against limits.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace fluxacct {

struct JobspecInfo {
  // attributes.system.*; absent keys stay empty.
  std::optional<std::string> bank;
  std::optional<std::string> project;
  std::optional<std::string> queue;
  std::optional<double> duration;  // seconds; 0 means unlimited in Flux

  // From the resources tree (all 0 when resources are not counted). Each
  // vertex's count is multiplied by the counts of the vertices above it, and
  // vertices of one type add up across branches:
  //   node[2] > slot[3] > core[4]  ->  nnodes 2, nslots 6, ncores 24.
  // A request with cores but no node level counts as one node.
  int64_t nnodes = 0;
  int64_t nslots = 0;
  int64_t ncores_per_slot = 0;  // the core count directly under the last slot read
  int64_t ncores = 0;
  int64_t ngpus = 0;
};

enum class JobspecResources {
  Count,   // count the resources tree; a tree that cannot be counted is an Error
  Ignore,  // attributes only (job records: R, not jobspec, says what a job used)
};

// Parses jobspec JSON text. Throws Error with a short reason: not JSON, not an
// object, bank/project/queue not a string, duration not a non-negative
// number; with JobspecResources::Count also: no resources array, a vertex
// without a string type or positive integer count ("Invalid count 0 for type
// 'slot'"), no slot ("Unable to determine slot count"), no cores in a slot
// ("Unable to determine slot size"), counts too large for int64.
JobspecInfo parse_jobspec(std::string_view json_text,
                          JobspecResources resources = JobspecResources::Count);

// The same for a jobspec already parsed.
JobspecInfo parse_jobspec(const nlohmann::json& jobspec,
                          JobspecResources resources = JobspecResources::Count);

}  // namespace fluxacct
