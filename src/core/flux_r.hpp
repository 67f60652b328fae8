// Flux resource sets: R version 1 (RFC 20) and the idsets (RFC 22) inside it.
//
// fluxacct needs only counts from R: how many nodes, cores and GPUs a job
// held. Counting works on ranges, never on expanded ids, so an R naming
// "0-4294967294" costs no more than one naming "0".
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string_view>
#include <vector>

namespace fluxacct {

// One closed range of ids, first <= last.
struct IdRange {
  uint32_t first;
  uint32_t last;
  bool operator==(const IdRange&) const = default;
};

// Largest id an idset may hold (Flux's idsets are unsigned int, with
// UINT_MAX reserved as "invalid").
inline constexpr uint32_t kIdsetMaxId = 4294967294u;

// Parses an idset string ("0-3,7", "[1-2]", "5", "" for the empty set):
// decimal ids and "a-b" ranges (a <= b) separated by commas, optionally in
// square brackets. Ids may repeat, ranges overlap and come in any order.
// Returns the set as sorted, disjoint, non-adjacent ranges. Throws Error
// ("invalid idset '<text>'") on anything else: "3-1", "a", "1-", "1,,2",
// ids above kIdsetMaxId.
std::vector<IdRange> parse_idset(std::string_view text);

// Number of distinct ids in an idset string; throws as parse_idset does.
int64_t idset_count(std::string_view text);

struct ResourceCounts {
  int64_t nnodes = 0;  // distinct ranks over all R_lite entries
  int64_t ncores = 0;  // sum over entries of |core ids| x |ranks|
  int64_t ngpus = 0;   // sum over entries of |gpu ids| x |ranks|
  bool operator==(const ResourceCounts&) const = default;
};

// Counts the resources in R given as JSON text. Throws Error with a short
// reason ("R is not valid JSON", "R version is not 1", "R has no
// execution.R_lite", "invalid idset '...'" ...) when R cannot be counted;
// callers skip such jobs.
ResourceCounts count_R(std::string_view json_text);

// The same for R already parsed.
ResourceCounts count_R(const nlohmann::json& R);

}  // namespace fluxacct
