#include "core/r_counter.hpp"

#include "core/error.hpp"
#include "core/job_record.hpp"
#include "core/json_scan.hpp"
#include "core/utf8.hpp"

namespace fluxacct {

std::optional<ResourceCounts> RCounter::count(std::string_view R) {
  // The scanner validates the JSON but not its UTF-8; count_R on the whole
  // text would refuse both.
  if (!is_valid_utf8(R)) return std::nullopt;
  pruned_.clear();
  if (json::prune_object(R, jobrec::r_keep(), pruned_) != json::Shape::kObject) return std::nullopt;
  if (auto it = memo_.find(pruned_); it != memo_.end()) return it->second;
  if (memo_.size() >= kMemoSize) memo_.clear();
  std::optional<ResourceCounts> counts;
  try {
    counts = count_R(pruned_);
  } catch (const Error&) {
  }
  return memo_.emplace(pruned_, counts).first->second;
}

}  // namespace fluxacct
