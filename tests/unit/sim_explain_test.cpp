// "Why is my job waiting?" (users and anchors §1 #4) and the `flux account
// jobs` row, rendered from the engine's explanation and the model's state.
#include "sim/explain_text.hpp"
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimExplain : public Session {
 protected:
  SimExplain() : Session({1, 4}) {
    site.bank("A");
    site.user(1001, "A").max_running_jobs(1);
    push_site();
  }
};

TEST_F(SimExplain, HeldJobNamesItsLimitTheCountsAndTheRoomNeeded) {
  submit(as(1001));
  const JobId h = submit(as(1001));
  const auto lines = why_waiting(model, h);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "job ƒ3 (uid 1001, bank A) is held in DEPEND by 1 limit");
  EXPECT_EQ(lines[1],
            "  max-running-jobs-user-limit: running jobs of the association: 1 of 1, this job "
            "needs 1 (1 must be freed)");
}

TEST_F(SimExplain, SchedJobWaitsForResourcesOrForItsUrgency) {
  site.user(1001, "A").max_running_jobs(5);
  push_site();
  submit(as(1001).cores(4));
  const JobId w = submit(as(1001).cores(2));
  const JobId u = submit(as(1001).urgency(0));
  EXPECT_EQ(why_waiting(model, w),
            (std::vector<std::string>{
                "job ƒ3 (uid 1001, bank A) is in SCHED with priority 50000: waiting for resources",
                "  it needs 1 node(s) and 2 core(s); 0 of 1 node(s) idle, 0 core(s) free",
                "  it is next to start"}));
  EXPECT_EQ(why_waiting(model, u)[0],
            "job ƒ4 (uid 1001, bank A) is held in SCHED: urgency 0 gives priority 0, which the "
            "scheduler never starts");
}

TEST_F(SimExplain, JobsTableRow) {
  const JobId j = submit(as(1001));
  const auto row = priority_row(model.engine().explain(j), "ƒ2", "alice");
  EXPECT_EQ(jobs_table_header(),
            "JOBID          USER     BANK    BANKPRIO  BANKFACT  QUEUE   QPRIO  QFACT  FAIRSHARE "
            "FSFACTOR  URGENCY URGFACT PRIORITY");
  EXPECT_EQ(jobs_table_line(row),
            "ƒ2             alice    A       0.0       0                 0      10000  0.5       "
            "100000    16      1000    50000   ");
}

}  // namespace
}  // namespace fluxacct::sim::testing
