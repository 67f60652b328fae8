// "How was my job's priority made up, and why is it waiting?" (users and
// anchors §1 #4): the answer for one job, as values a command or the
// simulator can print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/job.hpp"
#include "core/engine/limit.hpp"
#include "core/engine/priority.hpp"

namespace fluxacct::engine {

// One dependency holding the job: the limit behind it and its numbers.
struct WaitReason {
  std::string dependency;               // "max-running-jobs-user-limit"
  std::vector<LimitStatus> quantities;  // current, limit, what the job adds
  std::string text;                     // one line, e.g. below
};

struct Explanation {
  JobId id = 0;
  JobState state = JobState::New;
  std::uint32_t userid = 0;
  std::string bank;    // the association's bank ("" while unbound)
  std::string queue;   // "" when the job names none
  bool bound = false;  // false: submitted before accounting data arrived
  // The breakdown; nullopt while unbound (priority unavailable).
  std::optional<PriorityBreakdown> priority;
  std::vector<WaitReason> waiting;  // one per pending dependency, in limit order
  // One line: "held: running jobs of the association 5 of 5 (needs 1 freed)",
  // "waiting for accounting data", or "priority 50000".
  std::string summary;
};

}  // namespace fluxacct::engine
