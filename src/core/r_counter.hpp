// Counting the resources of many jobs' R quickly. Jobs look alike: stripped
// of what counting does not read (start and expiration times, node names),
// most R documents of a cluster come in a few shapes, so each shape is
// counted once (count_R) and remembered.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/flux_r.hpp"

namespace fluxacct {

class RCounter {
 public:
  // The counts of R given as JSON text, or nullopt when it cannot be
  // counted (not UTF-8, not JSON, not an object, or count_R refuses it):
  // the same verdict count_R gives on the whole text.
  std::optional<ResourceCounts> count(std::string_view R);

  // Shapes remembered at most; past that the memo starts afresh, so memory
  // stays bounded whatever the number of jobs.
  static constexpr std::size_t kMemoSize = 4096;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::string pruned_;
  std::unordered_map<std::string, std::optional<ResourceCounts>, Hash, std::equal_to<>> memo_;
};

}  // namespace fluxacct
