// Shared by the sim_*_test.cpp scenarios: a session with a site, the job
// manager model, and short names for what an administrator does and checks.
// Every scenario ends with the model's consistency check (engine audit,
// engine and model agreeing on every job).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/job_manager.hpp"
#include "sim/site.hpp"

namespace fluxacct::sim::testing {

// A submission, written as a sentence: as(1001).bank("A").queue("batch").nodes(2).
struct Sub {
  Submission s;
  Sub& bank(const std::string& b) { return s.bank = b, *this; }
  Sub& queue(const std::string& q) { return s.queue = q, *this; }
  Sub& project(const std::string& p) { return s.project = p, *this; }
  Sub& nodes(std::int64_t n) { return s.nnodes = n, *this; }
  Sub& cores(std::int64_t n) { return s.ncores = n, *this; }
  Sub& duration(double d) { return s.duration = d, *this; }
  Sub& runs(double seconds) { return s.runtime = seconds, *this; }
  Sub& urgency(int u) { return s.urgency = u, *this; }
  Sub& unreadable_bank() { return s.attributes_ok = false, *this; }
  Sub& uncountable() { return s.resources_ok = false, *this; }
  operator const Submission&() const { return s; }
};
inline Sub as(std::uint32_t uid) {
  Sub x;
  x.s.userid = uid;
  return x;
}

class Session : public ::testing::Test {
 protected:
  explicit Session(ClusterShape shape = {4, 4}) : model(shape) {}

  void TearDown() override { expect_consistent(); }

  void expect_consistent() {
    const auto problems = model.check();
    EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  }

  // flux account-priority-update with the site as it is now.
  void push_site() { model.priority_update(site.document()); }

  // A submission that must be accepted.
  JobId submit(const Submission& s) {
    const SubmitResult r = model.submit(s);
    EXPECT_TRUE(r.ok()) << "rejected: " << r.error.value_or("");
    return r.id;
  }
  // A submission that must be rejected; its message.
  std::string rejected(const Submission& s) {
    const SubmitResult r = model.submit(s);
    EXPECT_FALSE(r.ok()) << "accepted as job " << r.id;
    return r.error.value_or("");
  }

  State state(JobId id) const { return model.state(id); }
  const std::vector<std::string>& deps(JobId id) const { return model.job(id).dependencies; }
  std::uint32_t priority(JobId id) const { return model.job(id).priority.value_or(UINT32_MAX); }
  std::vector<JobId> running() const { return model.jobs_in(State::Run); }
  std::vector<JobId> held() const { return model.jobs_in(State::Depend); }
  const engine::Association& association(std::uint32_t uid, const std::string& bank) const {
    const auto& c = model.engine().catalog();
    return c.assoc(c.find(uid, c.names().find(bank)));
  }

  Site site;
  JobManager model;
};

using Deps = std::vector<std::string>;
using Ids = std::vector<JobId>;

}  // namespace fluxacct::sim::testing
