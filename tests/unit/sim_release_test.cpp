// Releasing held jobs (spec §4.9): pending offsets within one pass, partial
// releases reserving nothing, a big job keeping its place, cancelled held
// jobs forgotten, releases after a limit change or an update. Regressions
// #749, #754, #874 and the resource over-release of §6.3 #8.
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimRelease : public Session {
 protected:
  SimRelease() : Session({16, 16}) {
    site.bank("A").bank("B");
    site.user(1001, "A").max_running_jobs(2).max_active_jobs(50);
    site.user(1001, "B").max_running_jobs(50).max_active_jobs(50);
  }
};

TEST_F(SimRelease, OneFreedSlotReleasesExactlyOneJob_874) {
  push_site();
  const JobId r1 = submit(as(1001));
  submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  const JobId h3 = submit(as(1001));
  model.cancel(r1);
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(state(h2), State::Depend);
  EXPECT_EQ(state(h3), State::Depend);
}

TEST_F(SimRelease, RaisingALimitReleasesHeldJobsOnReprioritize_749) {
  push_site();
  submit(as(1001));
  submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  site.user(1001, "A").max_running_jobs(3);
  push_site();
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(state(h2), State::Depend);
}

// Changed with the fix of §6.3 #8 across passes (this test used to pin the
// over-release: five running of four). A released job keeps its slot
// reserved until it runs, so h1 starting (which runs another pass) does not
// release h3: raising the limit by two releases exactly two jobs.
TEST_F(SimRelease, ReleasedJobsNotYetRunningAreCountedByTheNextPass) {
  push_site();
  submit(as(1001));
  submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  const JobId h3 = submit(as(1001));
  site.user(1001, "A").max_running_jobs(4);
  push_site();
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(state(h2), State::Run);
  EXPECT_EQ(state(h3), State::Depend);
  EXPECT_EQ(association(1001, "A").run_jobs, 4);
  EXPECT_EQ(association(1001, "A").reserved.to_run_jobs, 0);
}

// The same across passes for resource limits, when a cancel releases: h1
// and h2 fit the two freed nodes; h1 starting ran a pass that, not seeing
// h2 (released, in SCHED, not running), released h3 too: 5 nodes of 4.
TEST_F(SimRelease, ResourceReleasesStayReservedUntilTheJobsRun) {
  site.user(1001, "A").max_running_jobs(50).max_nodes(4).max_cores(100);
  push_site();
  const JobId a = submit(as(1001).nodes(2).cores(2));
  submit(as(1001).nodes(2).cores(2));
  const JobId h1 = submit(as(1001).nodes(1).cores(1));
  const JobId h2 = submit(as(1001).nodes(1).cores(1));
  const JobId h3 = submit(as(1001).nodes(1).cores(1));
  EXPECT_EQ(held(), (Ids{h1, h2, h3}));
  model.cancel(a);
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(state(h2), State::Run);
  EXPECT_EQ(state(h3), State::Depend);
  EXPECT_EQ(association(1001, "A").run_nodes, 4);
}

// While a released job waits for resources, its slot stays taken: a job
// submitted meanwhile is held rather than overtaking it.
TEST_F(SimRelease, ANewJobDoesNotTakeTheSlotOfAReleasedJob) {
  site.user(1001, "A").max_running_jobs(1);
  push_site();
  const JobId r = submit(as(1001).nodes(16).cores(256));  // fills the cluster
  const JobId h = submit(as(1001).nodes(16).cores(256));
  EXPECT_EQ(state(h), State::Depend);
  site.user(1001, "A").max_running_jobs(2);
  push_site();
  EXPECT_EQ(state(h), State::Sched);  // released; waits for nodes
  EXPECT_EQ(association(1001, "A").reserved.to_run_jobs, 1);
  const JobId n = submit(as(1001));
  EXPECT_EQ(deps(n), Deps{"max-running-jobs-user-limit"});
  model.cancel(r);  // r's slot frees: n is released (h holds the other) and waits for nodes
  EXPECT_EQ(state(h), State::Run);
  EXPECT_EQ(state(n), State::Sched);
  EXPECT_EQ(association(1001, "A").reserved.to_run_jobs, 1);
}

// §6.3 #8: upstream re-checks resource limits without pending offsets, so
// room for one job released every held job that fits alone; here jobs
// released earlier in the pass reserve their nodes.
TEST_F(SimRelease, ResourceReleasesReserveRoomForEarlierReleases) {
  site.user(1001, "A").max_running_jobs(50).max_nodes(2).max_cores(100);
  push_site();
  submit(as(1001).nodes(2).cores(2));
  const JobId h1 = submit(as(1001).nodes(1).cores(1));
  const JobId h2 = submit(as(1001).nodes(1).cores(1));
  const JobId h3 = submit(as(1001).nodes(1).cores(1));
  EXPECT_EQ(held(), (Ids{h1, h2, h3}));
  site.user(1001, "A").max_nodes(3);
  push_site();  // room for one more node
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(held(), (Ids{h2, h3}));
}

// A job that keeps one dependency reserves nothing, so the job behind it
// may take the room; once its last limit clears it is released first.
TEST_F(SimRelease, PartialReleaseReservesNothing) {
  site.user(1001, "A").max_running_jobs(1).max_nodes(3).max_cores(100);
  push_site();
  const JobId a = submit(as(1001).nodes(2).cores(2));
  const JobId big = submit(as(1001).nodes(2).cores(2));    // running limit and nodes
  const JobId small = submit(as(1001).nodes(1).cores(1));  // running limit only
  EXPECT_EQ(deps(big), (Deps{"max-running-jobs-user-limit", "max-resources-user-limit"}));
  EXPECT_EQ(deps(small), Deps{"max-running-jobs-user-limit"});
  site.user(1001, "A").max_running_jobs(3);
  push_site();
  // big loses its running hold but still lacks nodes: it reserves nothing,
  // so small (1 node fits beside a's 2) is released.
  EXPECT_EQ(deps(big), Deps{"max-resources-user-limit"});
  EXPECT_EQ(state(small), State::Run);
  model.cancel(a);  // 1 node in use: big (2) fits
  EXPECT_EQ(state(big), State::Run);
}

// Upstream's rule: held jobs are visited oldest first and each takes what
// it needs before the next is looked at; a big job at the head is not
// overtaken by smaller ones submitted after it when room for it appears.
TEST_F(SimRelease, BigJobAtTheHeadIsReleasedBeforeLaterSmallOnes) {
  site.user(1001, "A").max_running_jobs(50).max_nodes(4).max_cores(100);
  push_site();
  const JobId a = submit(as(1001).nodes(2).cores(2));
  const JobId b = submit(as(1001).nodes(2).cores(2));
  const JobId big = submit(as(1001).nodes(3).cores(3));
  const JobId s1 = submit(as(1001).nodes(1).cores(1));
  const JobId s2 = submit(as(1001).nodes(1).cores(1));
  EXPECT_EQ(held(), (Ids{big, s1, s2}));
  model.cancel(a);  // 2 nodes free: big (3) does not fit, s1 and s2 do
  EXPECT_EQ(state(big), State::Depend);
  EXPECT_EQ(running(), (Ids{b, s1, s2}));
  model.cancel(b);  // 2 in use: big still needs 3 free of 4 → waits
  EXPECT_EQ(state(big), State::Depend);
  model.cancel(s1);  // 1 in use: big fits and is released first
  EXPECT_EQ(state(big), State::Run);
  const JobId s3 = submit(as(1001).nodes(1).cores(1));
  EXPECT_EQ(deps(s3), Deps{"max-resources-user-limit"});
}

TEST_F(SimRelease, CancelledHeldJobsAreForgotten_754) {
  push_site();
  const JobId r1 = submit(as(1001));
  submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  model.cancel(h1);
  EXPECT_EQ(association(1001, "A").held.size, 1u);
  model.cancel(r1);
  EXPECT_EQ(state(h2), State::Run);  // the slot goes to h2, not to the cancelled h1
  EXPECT_EQ(association(1001, "A").held.size, 0u);
}

TEST_F(SimRelease, JobsCancelledInSchedFreeSchedCountsNotRunCounts_773) {
  site.user(1001, "A").max_sched_jobs(1).max_running_jobs(50);
  push_site();
  const JobId fill = submit(as(1001).nodes(16).cores(256));
  const JobId s1 = submit(as(1001));
  const JobId s2 = submit(as(1001));
  EXPECT_EQ(association(1001, "A").sched_jobs, 1);
  EXPECT_EQ(association(1001, "A").run_jobs, 1);
  model.cancel(s1);  // never ran: its SCHED count goes, s2 may enter SCHED
  EXPECT_EQ(association(1001, "A").run_jobs, 1);
  EXPECT_EQ(state(s2), State::Sched);
  model.cancel(fill);
  EXPECT_EQ(association(1001, "A").run_jobs, 1);
  EXPECT_EQ(state(s2), State::Run);
}

TEST_F(SimRelease, MovingAJobToAnotherBankReleasesTheOldBanksHeldJobs_749) {
  push_site();
  const JobId r1 = submit(as(1001));
  submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  // r1 cannot move (running); the held h1 moves to B and leaves A's FIFO.
  EXPECT_NE(model.update(r1, std::string("B"), std::nullopt), std::nullopt);
  EXPECT_EQ(model.update(h1, std::string("B"), std::nullopt), std::nullopt);
  EXPECT_EQ(state(h1), State::Run);  // B has room
  EXPECT_EQ(state(h2), State::Depend);
  EXPECT_EQ(association(1001, "A").held.size, 1u);
}

}  // namespace
}  // namespace fluxacct::sim::testing
