// Helpers shared by the engine_*_test.cpp files: data builders and a small
// driver that plays a job through Flux's moments.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/engine/engine.hpp"

namespace fluxacct::engine::testing {

inline AssociationRecord assoc(std::uint32_t uid, const std::string& bank,
                               const std::string& def_bank = "") {
  AssociationRecord a;
  a.userid = uid;
  a.bank = bank;
  a.def_bank = def_bank.empty() ? bank : def_bank;
  a.projects = {"*"};
  return a;
}

inline QueueRecord queue(const std::string& name, std::int64_t priority = 0) {
  QueueRecord q;
  q.queue = name;
  q.priority = priority;
  q.max_nodes_per_job = kIntMax;  // the per-job limits out of the way unless a test sets them
  q.max_time_per_job = kIntMax;
  q.min_nodes_per_job = 0;
  return q;
}

inline DataUpdate associations(std::vector<AssociationRecord> v, bool replace = false) {
  DataUpdate u;
  u.associations = std::move(v);
  u.replace_associations = replace;
  return u;
}

inline DataUpdate queues(std::vector<QueueRecord> v) {
  DataUpdate u;
  u.queues = std::move(v);
  return u;
}

inline DataUpdate base_data() {
  DataUpdate u;
  u.projects = std::vector<std::string>{"*"};
  return u;
}

struct Sub {
  std::uint32_t uid = 1001;
  std::optional<std::string> bank, queue, project;
  std::int64_t nnodes = 1, ncores = 1;
  double duration = 0;
  int urgency = 16;

  JobRequest request() const {
    JobRequest r;
    r.userid = uid;
    r.urgency = urgency;
    if (bank) r.bank = *bank;
    if (queue) r.queue = *queue;
    if (project) r.project = *project;
    r.nnodes = nnodes;
    r.ncores = ncores;
    r.duration = duration;
    return r;
  }
};

template <typename T>
std::vector<T> of_type(const Decisions& d) {
  std::vector<T> out;
  for (const Decision& x : d)
    if (const T* t = std::get_if<T>(&x)) out.push_back(*t);
  return out;
}

// Dependency names added (or removed) for a job, in order.
inline std::vector<std::string> added(const Decisions& d, JobId id) {
  std::vector<std::string> out;
  for (const auto& a : of_type<AddDependency>(d))
    if (a.job == id) out.emplace_back(a.name);
  return out;
}
inline std::vector<std::string> removed(const Decisions& d, JobId id) {
  std::vector<std::string> out;
  for (const auto& a : of_type<RemoveDependency>(d))
    if (a.job == id) out.emplace_back(a.name);
  return out;
}
// Jobs that had a dependency removed, in order.
inline std::vector<JobId> released_jobs(const Decisions& d) {
  std::vector<JobId> out;
  for (const auto& a : of_type<RemoveDependency>(d)) out.push_back(a.job);
  return out;
}

// Plays jobs through the engine as Flux would, tracking their dependencies
// so that a job whose last dependency goes moves on to PRIORITY.
class Driver {
 public:
  explicit Driver(const EngineOptions& options = {}) : engine(options) {}

  // validate + new + depend (+ priority when not held). Returns the
  // rejection message, or "" when accepted.
  std::string submit(JobId id, const Sub& s) {
    const JobRequest r = s.request();
    if (auto why = engine.validate(r)) return *why;
    last.clear();
    engine.new_job(id, r, last);
    if (auto rej = of_type<Reject>(last); !rej.empty()) return rej.front().message;
    engine.depend(id, last);
    if (added(last, id).empty()) engine.priority(id, last);
    return "";
  }
  // Runs a job that is past its dependencies: sched + run.
  void start(JobId id) {
    last.clear();
    engine.sched(id, last);
    engine.run(id, last);
    follow();
  }
  void finish(JobId id) {
    last.clear();
    engine.inactive(id, last);
    follow();
  }
  bool held(JobId id) const { return engine.job(id) && engine.job(id)->deps != 0; }
  JobState state(JobId id) const { return engine.job(id)->state; }
  // Jobs released by the last call go to PRIORITY, as Flux moves them.
  void follow() {
    for (JobId id : released_jobs(last))
      if (engine.has_job(id) && !held(id) && state(id) == JobState::Depend) {
        Decisions more;
        engine.priority(id, more);
      }
  }
  void expect_sound() const {
    const auto problems = engine.audit();
    EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  }

  Engine engine;
  Decisions last;
};

}  // namespace fluxacct::engine::testing
