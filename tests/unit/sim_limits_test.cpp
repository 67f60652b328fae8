// Limits, as an administrator meets them: every hard limit's rejection
// message at submit, every soft limit as its named dependency with FIFO
// release (spec §4.9; upstream families "per-association count limits" and
// "per-queue limits"; regressions #262, #376, #709, #795, #822, #908, #922).
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimLimits : public Session {
 protected:
  SimLimits() : Session({8, 8}) {
    site.bank("A").bank("B");
    site.project("physics").project("chem");
    site.queue("batch").priority(100).max_nodes_per_job(8).max_time_per_job(120);
    site.queue("debug").priority(1000).max_nodes_per_job(8);
    site.user(1001, "A").queues("batch,debug").projects("physics,*");
    site.user(1002, "A").queues("batch").max_running_jobs(100).max_active_jobs(100);
    site.user(1001, "B").active(false);
  }
};

// --- hard limits: rejected at submit -------------------------------------

TEST_F(SimLimits, EveryHardLimitRejectsWithUpstreamsMessage) {
  site.user(1003, "A").max_nodes(2).max_cores(4);
  site.queue("small").max_nodes_per_assoc(2).min_nodes_per_job(2).max_nodes_per_job(3);
  site.user(1003, "A").queues("small,batch");
  site.queue("wide").max_nodes(4).max_cores(8).max_nodes_per_job(8);
  site.user(1002, "A").queues("batch,wide");
  site.enforce_queue_job_limits(true);  // fluxacct's option (off unless the document says so)
  push_site();
  EXPECT_EQ(rejected(as(1001).unreadable_bank()), "unable to unpack bank arg");
  EXPECT_EQ(rejected(as(4242)), "cannot find user/bank or user/default bank entry for uid: 4242");
  EXPECT_EQ(rejected(as(1001).bank("Z")),
            "cannot find user/bank or user/default bank entry for uid: 1001");
  EXPECT_EQ(rejected(as(1001).bank("B")),
            "user/bank entry has been disabled from flux-accounting DB");
  EXPECT_EQ(rejected(as(1002).queue("debug")),
            "queue \"debug\" not valid for user; valid queues for user: batch,wide");
  EXPECT_EQ(rejected(as(1001).project("chem")),
            "project \"chem\" not valid for user; valid projects for user: physics,*");
  EXPECT_EQ(rejected(as(1001).project("nosuch")),
            "project \"nosuch\" not valid for user; valid projects for user: physics,*");
  EXPECT_EQ(rejected(as(1001).uncountable()), "unable to count resources for job");
  // #709: job-size rejects, the queue's per-association nodes first.
  EXPECT_EQ(rejected(as(1003).queue("small").nodes(3).cores(3)),
            "job size (3 node(s)) is greater than max resources limit configured for queue (2 "
            "node(s))");
  EXPECT_EQ(rejected(as(1003).nodes(1).cores(5)),
            "job size (1 node(s), 5 core(s)) is greater than max resources limits configured for "
            "association (2 node(s), 4 core(s))");
  // The queue's per-job limits (§6.5, enforced when switched on).
  EXPECT_EQ(rejected(as(1003).queue("small").nodes(1)),
            "job size (1 node(s)) is less than min nodes per job configured for queue (2 node(s))");
  EXPECT_EQ(rejected(as(1002).queue("batch").nodes(9).cores(9)),
            "job size (9 node(s)) is greater than max nodes per job configured for queue (8 "
            "node(s))");
  EXPECT_EQ(rejected(as(1002).queue("batch").duration(7201)),
            "job duration (7201s) is greater than max time per job configured for queue (120 "
            "minute(s))");
  EXPECT_EQ(rejected(as(1002).queue("wide").nodes(5).cores(5)),
            "job size (5 node(s), 5 core(s)) is greater than max resources limits configured for "
            "queue across all associations (4 node(s), 8 core(s))");
  EXPECT_EQ(model.active_count(), 0u);
  // And what fits is accepted.
  EXPECT_EQ(state(submit(as(1002).queue("batch").duration(7200))), State::Run);
}

// A site migrating from upstream keeps its queues' database defaults
// (1 node, 60 minutes per job), which upstream never enforced: without the
// option, multi-node and longer jobs are still accepted.
TEST_F(SimLimits, QueuePerJobLimitsAreOffUnlessTheDocumentSwitchesThemOn) {
  site.queue("legacy");  // the database defaults: max 1 node, 60 minutes
  site.user(1002, "A").queues("batch,legacy");
  push_site();
  EXPECT_EQ(state(submit(as(1002).queue("legacy").nodes(4).cores(4).duration(7200))), State::Run);
  site.enforce_queue_job_limits(true);
  push_site();
  EXPECT_EQ(rejected(as(1002).queue("legacy").nodes(2).cores(2)),
            "job size (2 node(s)) is greater than max nodes per job configured for queue (1 "
            "node(s))");
  site.enforce_queue_job_limits(false);
  push_site();
  EXPECT_EQ(state(submit(as(1002).queue("legacy").nodes(2).cores(2))), State::Run);
}

TEST_F(SimLimits, MaxActiveJobsRejectsOnlyNewSubmissions_376) {
  site.user(1001, "A").max_active_jobs(2).max_running_jobs(1);
  push_site();
  const JobId a = submit(as(1001));
  const JobId b = submit(as(1001));
  EXPECT_EQ(state(b), State::Depend);
  EXPECT_EQ(rejected(as(1001)), "user has max active jobs");
  // #376: re-validating an existing job (an update) does not count it again.
  EXPECT_EQ(model.update(b, std::nullopt, std::string("debug")), std::nullopt);
  model.cancel(a);
  EXPECT_EQ(state(submit(as(1001))), State::Depend);
}

TEST_F(SimLimits, UnknownQueuesAllowedUnlessDenied_908) {
  push_site();
  const JobId j = submit(as(1001).queue("nosuch"));
  EXPECT_EQ(priority(j), 50000u);  // queue factor 0
  site.deny_unknown_queues(true);
  push_site();
  EXPECT_EQ(rejected(as(1001).queue("nosuch")),
            "queue \"nosuch\" is unknown to flux-accounting and deny-unknown-queues is enabled");
}

// --- soft limits: held with a named dependency, released in FIFO order -----

TEST_F(SimLimits, MaxRunningJobsHoldsAndReleasesInSubmitOrder_262) {
  site.user(1001, "A").max_running_jobs(2).max_active_jobs(10);
  push_site();
  const JobId r1 = submit(as(1001));
  const JobId r2 = submit(as(1001));
  const JobId h1 = submit(as(1001).urgency(20));  // higher priority does not jump the FIFO
  const JobId h2 = submit(as(1001));
  EXPECT_EQ(running(), (Ids{r1, r2}));
  EXPECT_EQ(deps(h1), Deps{"max-running-jobs-user-limit"});
  EXPECT_EQ(deps(h2), Deps{"max-running-jobs-user-limit"});
  EXPECT_EQ(association(1001, "A").run_jobs, 2);
  model.cancel(r2);
  EXPECT_EQ(running(), (Ids{r1, h1}));
  EXPECT_EQ(state(h2), State::Depend);
  model.cancel(r1);
  EXPECT_EQ(running(), (Ids{h1, h2}));
}

TEST_F(SimLimits, MaxRunJobsQueueHoldsPerQueue) {
  site.queue("debug").max_running_jobs(1);
  push_site();
  const JobId d1 = submit(as(1001).queue("debug"));
  const JobId d2 = submit(as(1001).queue("debug"));
  const JobId b1 = submit(as(1001).queue("batch"));
  EXPECT_EQ(deps(d2), Deps{"max-run-jobs-queue"});
  EXPECT_EQ(state(b1), State::Run);
  model.cancel(b1);
  EXPECT_EQ(state(d2), State::Depend);  // a batch job leaving frees no debug slot
  model.cancel(d1);
  EXPECT_EQ(state(d2), State::Run);
}

TEST_F(SimLimits, MaxSchedJobsUserLimitCountsJobsWaitingForResources_822) {
  site.user(1001, "A").max_sched_jobs(1).max_running_jobs(10).max_active_jobs(10);
  push_site();
  const JobId fill = submit(as(1001).nodes(8).cores(64));
  const JobId s1 = submit(as(1001));
  const JobId s2 = submit(as(1001));
  EXPECT_EQ(state(fill), State::Run);
  EXPECT_EQ(state(s1), State::Sched);
  EXPECT_EQ(deps(s2), Deps{"max-sched-jobs-user-limit"});
  model.cancel(fill);  // s1 runs: it leaves SCHED, s2 may enter
  EXPECT_EQ(state(s1), State::Run);
  EXPECT_EQ(state(s2), State::Run);
}

TEST_F(SimLimits, PerQueueSchedLimitsHoldByJobsNodesAndCores) {
  site.user(1002, "A").queues("batch,debug");
  site.queue("batch").max_sched_jobs(1);
  site.queue("debug").max_sched_nodes_per_assoc(2).max_sched_cores_per_assoc(3);
  push_site();
  const JobId fill = submit(as(1002).nodes(8).cores(64));
  const JobId b1 = submit(as(1002).queue("batch"));
  const JobId b2 = submit(as(1002).queue("batch"));
  const JobId d1 = submit(as(1002).queue("debug").nodes(2).cores(2));
  const JobId d2 = submit(as(1002).queue("debug").nodes(1).cores(1));
  const JobId d3 = submit(as(1002).queue("debug").nodes(1).cores(2));
  EXPECT_EQ(state(b1), State::Sched);
  EXPECT_EQ(deps(b2), Deps{"max-sched-jobs-queue-limit"});
  EXPECT_EQ(state(d1), State::Sched);
  EXPECT_EQ(deps(d2), Deps{"max-sched-nodes-queue-limit"});
  EXPECT_EQ(deps(d3), (Deps{"max-sched-nodes-queue-limit", "max-sched-cores-queue-limit"}));
  model.cancel(fill);
  for (JobId j : {b1, b2, d1, d2, d3}) EXPECT_EQ(state(j), State::Run) << j;
}

TEST_F(SimLimits, MaxResourcesQueueCountsRunAndSchedNodes_795_922) {
  site.queue("batch").max_nodes_per_assoc(3);
  push_site();
  const JobId fill = submit(as(1002).nodes(6).cores(48));  // no queue: not counted
  const JobId q1 = submit(as(1002).queue("batch").nodes(2).cores(2));
  const JobId q2 = submit(as(1002).queue("batch").nodes(2).cores(2));
  EXPECT_EQ(state(q1), State::Run);
  EXPECT_EQ(deps(q2), Deps{"max-resources-queue"});
  model.cancel(q1);
  EXPECT_EQ(state(q2), State::Run);
  // #795: a job waiting in SCHED counts too.
  const JobId q3 = submit(as(1002).queue("batch").nodes(1).cores(1));
  EXPECT_EQ(state(q3), State::Run);  // 2 + 1 = 3
  const JobId q4 = submit(as(1002).queue("batch").nodes(1).cores(1));
  EXPECT_EQ(deps(q4), Deps{"max-resources-queue"});
  model.cancel(fill);
}

TEST_F(SimLimits, MaxResourcesUserLimitHoldsOnNodesOrCores) {
  site.user(1001, "A").max_nodes(2).max_cores(4).max_running_jobs(10);
  push_site();
  const JobId a = submit(as(1001).nodes(1).cores(3));
  const JobId b = submit(as(1001).nodes(1).cores(2));  // 5 cores > 4
  EXPECT_EQ(deps(b), Deps{"max-resources-user-limit"});
  EXPECT_EQ(association(1001, "A").run_cores, 3);
  model.cancel(a);
  EXPECT_EQ(state(b), State::Run);
  EXPECT_EQ(association(1001, "A").run_nodes, 1);
}

TEST_F(SimLimits, QueueTotalsHoldAcrossAssociations) {
  site.queue("batch").max_nodes(2).max_cores(16);
  push_site();
  const JobId a = submit(as(1001).queue("batch").nodes(2).cores(2));
  const JobId b = submit(as(1002).queue("batch").nodes(1).cores(1));
  const JobId c = submit(as(1002).queue("batch").nodes(1).cores(1));
  EXPECT_EQ(deps(b), Deps{"max-resources-queue-total-limit"});
  EXPECT_EQ(deps(c), Deps{"max-resources-queue-total-limit"});
  model.cancel(a);  // another association's job leaving releases both, in order
  EXPECT_EQ(state(b), State::Run);
  EXPECT_EQ(state(c), State::Run);
}

TEST_F(SimLimits, AJobHeldByTwoLimitsWaitsForBoth) {
  site.user(1001, "A").max_running_jobs(1).max_nodes(2).max_cores(16);
  push_site();
  const JobId a = submit(as(1001).nodes(2).cores(2));
  const JobId b = submit(as(1001).nodes(1).cores(1));
  EXPECT_EQ(deps(b), (Deps{"max-running-jobs-user-limit", "max-resources-user-limit"}));
  site.user(1001, "A").max_running_jobs(2);
  push_site();  // room for a second job, but not for its node
  EXPECT_EQ(deps(b), Deps{"max-resources-user-limit"});
  model.cancel(a);
  EXPECT_EQ(state(b), State::Run);
}

}  // namespace
}  // namespace fluxacct::sim::testing
