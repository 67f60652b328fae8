// simulate's accounting cycle: jobs that ended are charged, periods that
// ended decay the bins, fair-shares are ranked again with update-fshare's
// walk and reach the engine, so priority order changes across a cycle; with
// no cycle the database's fair-shares stay.
#include <gtest/gtest.h>

#include <memory>

#include "core/error.hpp"
#include "core/fairshare_walk.hpp"
#include "sim/accounting_cycle.hpp"
#include "sim/site.hpp"
#include "sim/what_if.hpp"

namespace fluxacct::sim {
namespace {

constexpr std::uint32_t kHeavy = 1001;
constexpr std::uint32_t kLight = 1002;

// root -> A -> heavy, light (one share each, no usage, fair-share 0.5).
AccountingSetup two_users(double half_life = 604800) {
  AccountingSetup s;
  s.half_life = half_life;
  s.origin = 1000000;
  s.period_end = s.origin + half_life;
  s.accounts.push_back({kHeavy, "heavy", "A", true, true, {0, 0, 0, 0}, 0.5});
  s.accounts.push_back({kLight, "light", "A", true, true, {0, 0, 0, 0}, 0.5});
  const auto root = s.tree.add_root("root", 1, 0);
  const auto a = s.tree.add_bank(root, "A", 1, 0);
  s.tree.add_user(a, "heavy", 1, 0);
  s.tree.add_user(a, "light", 1, 0);
  s.tree_account = {kNoAccount, kNoAccount, 0, 1};
  return s;
}

EndedJob job(std::uint32_t uid, double t_run, double t_inactive, std::int64_t nodes = 1,
             std::int64_t cores = 1) {
  EndedJob j;
  j.userid = uid;
  j.bank = "A";
  j.t_run = t_run;
  j.t_inactive = t_inactive;
  j.resources = {nodes, cores, 0};
  return j;
}

TEST(AccountingCycle, ChargesEndedJobsAndRanksWithUpdateFshareWalk) {
  AccountingCycle cycle(two_users());
  const CycleResult r = cycle.run(3600, {job(kHeavy, 0, 1000, 2), job(kLight, 10, 110)});
  EXPECT_EQ(r.jobs_charged, 2);
  EXPECT_EQ(r.periods_closed, 0);
  // node-seconds: 2 nodes x 1000 s, 1 node x 100 s
  EXPECT_DOUBLE_EQ(cycle.usage(0), 2000);
  EXPECT_DOUBLE_EQ(cycle.usage(1), 100);

  // The same tree ranked independently: the light user first.
  FairshareTree t;
  const auto a = t.add_bank(t.add_root("root", 1, 0), "A", 1, 0);
  const auto heavy = t.add_user(a, "heavy", 1, 2000);
  const auto light = t.add_user(a, "light", 1, 100);
  t.roll_up_user_usage();
  double want_heavy = 0, want_light = 0;
  for (const auto& u : walk_fairshare(t, TieOrder::kByName))
    (u.user == heavy ? want_heavy : want_light) = stored_fairshare(u.fairshare);
  ASSERT_NE(light, heavy);
  EXPECT_EQ(cycle.accounts()[0].fairshare, want_heavy);
  EXPECT_EQ(cycle.accounts()[1].fairshare, want_light);
  EXPECT_LT(cycle.accounts()[0].fairshare, cycle.accounts()[1].fairshare);
  // Both moved from 0.5: heavy down to 0.5 (1 of 2), light up to 1.
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].account, 1u);
  EXPECT_EQ(r.changes[0].before, 0.5);
  EXPECT_EQ(r.changes[0].after, 1.0);
}

TEST(AccountingCycle, DecayHalvesUsageAfterAHalfLife) {
  AccountingCycle cycle(two_users(/*half_life=*/100));
  cycle.run(50, {job(kHeavy, 0, 40)});
  EXPECT_DOUBLE_EQ(cycle.usage(0), 40);
  EXPECT_EQ(cycle.accounts()[0].bins[0], 40);
  // The period ending at t=100 has closed: the usage moved to bin 1, halved.
  const CycleResult r = cycle.run(150, {});
  EXPECT_EQ(r.periods_closed, 1);
  EXPECT_DOUBLE_EQ(cycle.usage(0), 20);
  EXPECT_EQ(cycle.accounts()[0].bins[0], 0);
  EXPECT_EQ(cycle.accounts()[0].bins[1], 20);
  EXPECT_EQ(cycle.period_end(), cycle.origin() + 200);
  // Two more periods at once: two more halvings.
  EXPECT_EQ(cycle.run(399, {}).periods_closed, 2);
  EXPECT_DOUBLE_EQ(cycle.usage(0), 5);
}

TEST(AccountingCycle, JobsWithoutABankGoToTheDefaultBankAndUnknownOnesToNoOne) {
  AccountingCycle cycle(two_users());
  EndedJob unbanked = job(kLight, 0, 10);
  unbanked.bank = "";
  EndedJob stranger = job(4242, 0, 10);
  const CycleResult r = cycle.run(60, {unbanked, stranger});
  EXPECT_EQ(r.jobs_charged, 1);
  EXPECT_EQ(r.jobs_unmatched, 1);
  EXPECT_DOUBLE_EQ(cycle.usage(1), 10);
}

TEST(AccountingCycle, RefusesATreeThatDoesNotMatchItsAccounts) {
  AccountingSetup s = two_users();
  s.tree_account = {kNoAccount, kNoAccount, 0, 7};
  EXPECT_THROW(AccountingCycle{s}, Error);
}

// ---- what-if runs --------------------------------------------------------

class CycleRun : public ::testing::Test {
 protected:
  CycleRun() {
    site.bank("A");
    site.user(kHeavy, "A").queues("batch");
    site.user(kLight, "A").queues("batch");
    site.queue("batch").max_nodes_per_job(8).max_time_per_job(1440);
    // One node of two cores. heavy's first job ends at 500 and is charged
    // at the cycle at 600; heavy's second keeps a core busy until 1000, so
    // heavy's and light's two-core jobs both wait for it.
    submit(0, kHeavy, 1, 500);
    submit(0, kHeavy, 1, 1000);
    submit(10, kHeavy, 2, 100);
    submit(20, kLight, 2, 100);
  }

  void submit(double t, std::uint32_t uid, std::int64_t cores, double runtime) {
    WorkloadEvent e;
    e.line = static_cast<std::int64_t>(events.size()) + 1;
    e.t = t;
    e.submission.userid = uid;
    e.submission.queue = "batch";
    e.submission.ncores = cores;
    e.submission.duration = runtime;
    events.push_back(e);
  }

  std::unique_ptr<WhatIf> run(double cycle) {
    WhatIfOptions o;
    o.shape = {1, 2};
    o.cycle = cycle;
    auto w = std::make_unique<WhatIf>(site.document(), o, two_users());
    w->run(events);
    return w;
  }

  double start(const WhatIf& w, std::size_t number) const {
    return w.model().job(*w.jobs().at(number - 1).id).t_run.value();
  }

  Site site;
  std::vector<WorkloadEvent> events;
};

TEST_F(CycleRun, AfterACycleTheLightUsersLaterJobStartsFirst) {
  const auto p = run(600);
  const WhatIf& w = *p;
  EXPECT_EQ(start(w, 4), 1000);  // light's, submitted last
  EXPECT_EQ(start(w, 3), 1100);
  ASSERT_NE(w.accounting(), nullptr);
  // At 600, and at 1200 as the last job ends (it is charged then).
  EXPECT_EQ(w.cycles_run(), 2u);
  EXPECT_EQ(w.last_cycle(), 1200);
  EXPECT_DOUBLE_EQ(w.accounting()->usage(0), 500 + 1000 + 100);
  EXPECT_DOUBLE_EQ(w.accounting()->usage(1), 100);
  EXPECT_EQ(w.accounting()->accounts()[1].fairshare, 1.0);
  EXPECT_EQ(w.initial_fairshares()[1], 0.5);
  // The fair-share each job's priority was computed with when it started.
  EXPECT_EQ(w.model().job(*w.jobs()[3].id).fairshare, 1.0);
  EXPECT_EQ(w.model().job(*w.jobs()[0].id).fairshare, 0.5);
  EXPECT_TRUE(w.model().check().empty());
}

TEST_F(CycleRun, CycleZeroKeepsTheDatabasesFairShares) {
  const auto p = run(0);
  const WhatIf& w = *p;
  EXPECT_EQ(start(w, 3), 1000);  // equal priorities: submit order
  EXPECT_EQ(start(w, 4), 1100);
  EXPECT_EQ(w.accounting(), nullptr);
  EXPECT_EQ(w.cycles_run(), 0u);
  EXPECT_EQ(w.model().job(*w.jobs()[3].id).fairshare, 0.5);
}

TEST_F(CycleRun, ACycleAfterTheMachineIsIdleDoesNotRun) {
  // Every job has ended by 1200: an hourly cycle never comes.
  const auto p = run(3600);
  const WhatIf& w = *p;
  EXPECT_EQ(w.cycles_run(), 0u);
  EXPECT_EQ(w.model().now(), 1200);
  EXPECT_EQ(start(w, 3), 1000);
}

}  // namespace
}  // namespace fluxacct::sim
