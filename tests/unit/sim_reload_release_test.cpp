// A plugin reload keeps the room of jobs released before it: the job
// manager model replays them as released (ReplayJob::released, told from
// their eventlog's dependency-remove) and the engine reserves it again.
#include <nlohmann/json.hpp>

#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimReloadRelease : public Session {
 protected:
  SimReloadRelease() : Session({8, 8}) {
    site.bank("A").bank("B");
    site.user(1001, "A").max_running_jobs(1);
    site.user(1002, "B");
  }

  // Job h of user 1001 is released (r ended) but waits in SCHED for nodes
  // that `big`, of another user, holds: its run slot is only promised.
  void release_into_sched() {
    push_site();
    r = submit(as(1001).runs(100));
    big = submit(as(1002).bank("B").nodes(6).cores(48).runs(1000));
    h = submit(as(1001).nodes(4).cores(4));
    ASSERT_EQ(deps(h), Deps{"max-running-jobs-user-limit"});
    model.advance(100);  // r ends: h released, too big for the 2 free nodes
    ASSERT_EQ(state(h), State::Sched);
  }

  JobId r = 0, big = 0, h = 0;
};

TEST_F(SimReloadRelease, ReleasedJobWaitingForNodesKeepsItsSlotAcrossAReloadWithData) {
  release_into_sched();
  const nlohmann::json doc = site.document();
  model.reload(&doc);
  EXPECT_EQ(association(1001, "A").reserved.to_run_jobs, 1);
  // Before, the slot was free after the reload: n ran at once, and h
  // with it later, two jobs on a limit of one.
  const JobId n = submit(as(1001));
  EXPECT_EQ(deps(n), Deps{"max-running-jobs-user-limit"});
  model.advance(1000);  // big ends: h runs, n still waits for the slot
  EXPECT_EQ(state(h), State::Run);
  EXPECT_EQ(state(n), State::Depend);
  EXPECT_EQ(association(1001, "A").run_jobs, 1);
  model.cancel(h);
  EXPECT_EQ(state(n), State::Run);
}

TEST_F(SimReloadRelease, ReleasedJobKeepsItsSlotWhenDataArriveAfterTheReload) {
  release_into_sched();
  model.reload();  // without data: the promise is kept until data bind h
  push_site();
  EXPECT_EQ(association(1001, "A").reserved.to_run_jobs, 1);
  const JobId n = submit(as(1001));
  EXPECT_EQ(deps(n), Deps{"max-running-jobs-user-limit"});
  model.advance(1000);
  EXPECT_EQ(state(h), State::Run);
  EXPECT_EQ(state(n), State::Depend);
}

}  // namespace
}  // namespace fluxacct::sim::testing
