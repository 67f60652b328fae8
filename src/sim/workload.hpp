// A what-if workload (flux-account simulate): JSON lines, one event each,
// in time order.
//
//   {"t": 0, "user": "alice", "bank": "A", "queue": "batch", "nnodes": 1,
//    "ncores": 4, "duration": "1h", "runtime": 600}
//   {"t": 30, "op": "cancel", "job": 1}
//   {"t": 60, "op": "urgency", "job": 2, "urgency": 0}
//   {"t": 90, "op": "update", "job": 3, "queue": "debug"}
//
// "t" (seconds from the start, non-decreasing) is required; "op" is submit
// (the default), cancel, urgency or update; "job" names the N-th submit
// line (1-based), whether or not that submission was accepted. Blank lines
// and lines starting with '#' are skipped. Every line is checked in full -
// types, ranges, keys that do not belong to its op - so a workload is
// refused before anything runs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sim/job_manager.hpp"

namespace fluxacct::sim {

enum class WorkloadOp { kSubmit, kCancel, kUrgency, kUpdate };
std::string_view workload_op_name(WorkloadOp op);

// The largest time, duration or runtime a workload may give, in seconds
// (about 31 years): far past any what-if, and small enough that sums of
// them stay exact in a double.
inline constexpr double kMaxWorkloadSeconds = 1e9;
// The largest node or core count of one job (the database's "unlimited").
inline constexpr std::int64_t kMaxWorkloadCount = 2147483647;

struct WorkloadEvent {
  std::int64_t line = 0;  // line number in the workload file
  double t = 0;
  WorkloadOp op = WorkloadOp::kSubmit;
  // kSubmit: the job. `user` is the name as written ("" when given by uid).
  Submission submission;
  std::string user;
  // kCancel, kUrgency, kUpdate: the 1-based number of the submit line.
  std::size_t job = 0;
  int urgency = 16;                        // kUrgency
  std::optional<std::string> bank, queue;  // kUpdate: what changes
};

// Parses a workload line by line, keeping what the checks across lines
// need (the last time, how many jobs were submitted).
class WorkloadParser {
 public:
  // A user name's uid, or nullopt when the site has no such user.
  using UserLookup = std::function<std::optional<std::uint32_t>(const std::string&)>;
  explicit WorkloadParser(UserLookup users) : users_(std::move(users)) {}

  // The event on one line, or nullopt for a blank or '#' line. Throws
  // Error("line N: <what is wrong>").
  std::optional<WorkloadEvent> parse(std::string_view text, std::int64_t line_no);

  // Submit lines so far.
  std::size_t submits() const { return submits_; }

 private:
  UserLookup users_;
  double last_t_ = 0;
  std::size_t submits_ = 0;
};

}  // namespace fluxacct::sim
