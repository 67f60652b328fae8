// A what-if run (flux-account simulate): workload events applied at their
// times, the outcome of each workload job, notes for events that do
// nothing, --until, and the followed job's last pending look.
#include <gtest/gtest.h>

#include "sim/site.hpp"
#include "sim/what_if.hpp"

namespace fluxacct::sim {
namespace {

WhatIfOptions options(ClusterShape shape, std::optional<double> until = std::nullopt,
                      std::size_t explain_job = 0) {
  WhatIfOptions o;
  o.shape = shape;
  o.until = until;
  o.explain_job = explain_job;
  return o;
}

class WhatIfRun : public ::testing::Test {
 protected:
  WhatIfRun() {
    site.bank("A");
    site.user(1001, "A").max_running_jobs(1).queues("batch,debug");
    site.user(1002, "A").queues("batch");
    site.queue("batch").max_nodes_per_job(8).max_time_per_job(1440);
    site.queue("debug").priority(1000).max_nodes_per_job(8).max_time_per_job(1440);
  }

  // A submit at t of `cores` cores running `runtime` seconds.
  void submit(double t, std::uint32_t uid, std::string queue, std::int64_t cores, double runtime) {
    WorkloadEvent e;
    e.line = static_cast<std::int64_t>(events.size()) + 1;
    e.t = t;
    e.submission.userid = uid;
    e.submission.queue = std::move(queue);
    e.submission.ncores = cores;
    e.submission.duration = runtime;
    events.push_back(e);
  }
  void on_job(double t, WorkloadOp op, std::size_t job, int urgency = 16) {
    WorkloadEvent e;
    e.line = static_cast<std::int64_t>(events.size()) + 1;
    e.t = t;
    e.op = op;
    e.job = job;
    e.urgency = urgency;
    events.push_back(e);
  }

  Site site;
  std::vector<WorkloadEvent> events;
};

TEST_F(WhatIfRun, JobsStartInPriorityOrderAsTimePasses) {
  submit(0, 1002, "batch", 4, 100);
  submit(10, 1002, "batch", 4, 100);
  submit(20, 1001, "debug", 4, 100);
  WhatIf run(site.document(), options({1, 4}));
  run.run(events);
  const auto& jobs = run.jobs();
  ASSERT_EQ(jobs.size(), 3u);
  const auto start = [&](std::size_t n) { return run.model().job(*jobs[n].id).t_run.value(); };
  EXPECT_EQ(start(0), 0);
  EXPECT_EQ(start(2), 100) << "the debug job overtakes the older batch job";
  EXPECT_EQ(start(1), 200);
  EXPECT_EQ(run.model().now(), 300);
  EXPECT_TRUE(run.notes().empty());
  EXPECT_TRUE(run.model().check().empty());
}

TEST_F(WhatIfRun, FollowedJobIsKeptAsLastSeenPending) {
  submit(0, 1001, "batch", 1, 100);
  submit(0, 1001, "batch", 1, 100);  // held: max_running_jobs 1
  WhatIf run(site.document(), options({4, 4}, std::nullopt, 2));
  run.run(events);
  ASSERT_TRUE(run.last_pending());
  EXPECT_EQ(run.last_pending()->state, State::Depend);
  EXPECT_EQ(run.last_pending()->t, 0) << "held from submit until job 1 ended";
  ASSERT_TRUE(run.last_pending()->explanation);
  ASSERT_EQ(run.last_pending()->explanation->waiting.size(), 1u);
  EXPECT_EQ(run.last_pending()->explanation->waiting[0].dependency, "max-running-jobs-user-limit");
  ASSERT_TRUE(run.last_active());
  EXPECT_EQ(run.last_active()->state, State::Run);
  EXPECT_EQ(run.model().job(*run.jobs()[1].id).t_run, 100);
}

TEST_F(WhatIfRun, UntilStopsTheClockAndLeavesLaterEvents) {
  submit(0, 1001, "batch", 1, 100);
  submit(0, 1001, "batch", 1, 100);
  submit(50, 1002, "batch", 1, 100);
  submit(51, 1002, "batch", 1, 100);
  WhatIf run(site.document(), options({4, 4}, 50));
  run.run(events);
  EXPECT_EQ(run.model().now(), 50);
  EXPECT_EQ(run.jobs().size(), 3u) << "an event at the stop time runs";
  EXPECT_EQ(run.events_not_run(), 1u);
  const JobId held = *run.jobs()[1].id;
  EXPECT_EQ(run.model().state(held), State::Depend);
  EXPECT_EQ(pending_reason(run.model(), held).rfind("held: max-running-jobs-user-limit: ", 0), 0u)
      << pending_reason(run.model(), held);
}

TEST_F(WhatIfRun, EventsThatDoNothingAreNoted) {
  submit(0, 1002, "debug", 1, 10);  // 1002 lacks debug: rejected
  submit(0, 1002, "batch", 1, 10);
  submit(0, 1002, "batch", 1, 1000);
  on_job(20, WorkloadOp::kCancel, 1);
  on_job(20, WorkloadOp::kCancel, 2);
  on_job(20, WorkloadOp::kUrgency, 3, 0);
  WhatIf run(site.document(), options({4, 4}));
  run.run(events);
  EXPECT_FALSE(run.jobs()[0].id);
  EXPECT_EQ(run.jobs()[0].rejection,
            "queue \"debug\" not valid for user; valid queues for user: batch");
  EXPECT_EQ(run.notes(), (std::vector<std::string>{
                             "line 4 (t=20): cancel of job 1 ignored: it was rejected at submit",
                             "line 5 (t=20): cancel of job 2 ignored: it has already ended",
                             "line 6 (t=20): urgency of job 3 ignored: it is running"}));
}

TEST_F(WhatIfRun, HeldByUrgencyUntilRaised) {
  submit(0, 1002, "batch", 1, 10);
  events.back().submission.urgency = 0;
  WhatIf held(site.document(), options({1, 1}));
  held.run(events);
  const JobId id = *held.jobs()[0].id;
  EXPECT_EQ(held.model().state(id), State::Sched);
  EXPECT_EQ(pending_reason(held.model(), id), "held by its urgency (0)");

  on_job(30, WorkloadOp::kUrgency, 1, 16);
  WhatIf raised(site.document(), options({1, 1}));
  raised.run(events);
  EXPECT_EQ(raised.model().job(id).t_run, 30);
  EXPECT_EQ(raised.model().state(id), State::Inactive);
}

}  // namespace
}  // namespace fluxacct::sim
