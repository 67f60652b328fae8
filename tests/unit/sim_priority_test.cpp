// Priority and ordering (spec §4.6; upstream family "priority ordering /
// formula"; regressions #639–642, #685, #938; fixes §6.3 #1 and #10), and
// the breakdown `flux account jobs -v` prints.
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/explain_text.hpp"
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimPriority : public Session {
 protected:
  SimPriority() : Session({1, 1}) {
    site.bank("A").bank("B");
    site.queue("batch").priority(1);
    site.queue("expedite").priority(10000);
    site.user(1001, "A").queues("batch,expedite").max_running_jobs(50).max_active_jobs(50);
  }
  // Fills the one-core machine so later jobs wait in SCHED with their priority.
  void fill() { submit(as(1001)); }
};

TEST_F(SimPriority, FormulaWithDefaultWeights) {
  push_site();
  fill();
  EXPECT_EQ(priority(submit(as(1001))), 50000u);
  EXPECT_EQ(priority(submit(as(1001).queue("batch"))), 60000u);
  EXPECT_EQ(priority(submit(as(1001).queue("expedite"))), 100050000u);
  EXPECT_EQ(priority(submit(as(1001).urgency(15))), 49000u);
  EXPECT_EQ(priority(submit(as(1001).urgency(0))), 0u);
  EXPECT_EQ(priority(submit(as(1001).urgency(31))), 4294967295u);
}

TEST_F(SimPriority, WeightsAndFairshareFromTheDatabase) {
  site.user(1001, "A").fairshare(0.45321);
  site.weight("urgency", 1);
  push_site();
  fill();
  EXPECT_EQ(priority(submit(as(1001))), 45321u);
  EXPECT_EQ(priority(submit(as(1001).urgency(15))), 45320u);
  site.weight("fairshare", 1000).weight("queue", 100).user(1001, "A").fairshare(0.5);
  push_site();
  EXPECT_EQ(priority(submit(as(1001))), 500u);
}

TEST_F(SimPriority, BankPriorityWithItsWeight_639_642) {
  site.bank("A", 100.0).weight("bank", 1000);
  site.user(1001, "A").fairshare(0.99);
  push_site();
  fill();
  const JobId j = submit(as(1001).queue("batch"));
  EXPECT_EQ(priority(j), 209000u);
  // Bank B without a priority contributes nothing.
  site.user(1001, "B").fairshare(0.99);
  push_site();
  EXPECT_EQ(priority(submit(as(1001).bank("B"))), 99000u);
  // The `flux account jobs -v` breakdown of j.
  const auto row = priority_row(model.engine().explain(j), "ƒj", "alice");
  const std::vector<std::string> expected{
      "ƒj",
      "= (FAIRSHARE * FAIRSHARE_WEIGHT) + (QUEUE_PRIORITY * QUEUE_WEIGHT) + (BANK_PRIORITY * "
      "BANK_WEIGHT) + (URGENCY_WEIGHT * (URGENCY - 16))",
      "= (0.99 * 100000) + (1 * 10000) + (100.0 * 1000) + (1000 * (16 - 16))",
      "= 99000.0 + 10000 + 100000.0 + 0", "= 209000"};
  EXPECT_EQ(priority_formula(row), expected);
}

TEST_F(SimPriority, JobsOrderByFairshareFromUpstreamsSamplePayload) {
  std::ifstream in(FLUXACCT_SHARED_DIR
                   "/fixtures/flux-accounting/sample_payloads/small_no_tie.json");
  ASSERT_TRUE(in) << "fixture missing";
  const nlohmann::json payload = nlohmann::json::parse(in);
  model.send("rec_update", payload);
  model.send("rec_proj_update", {{"data", {{{"project", "*"}}}}});
  model.reprioritize();
  // The machine is busy; one job per user waits, ordered by fair-share.
  const JobId busy = submit(as(5011));
  std::vector<std::pair<double, JobId>> by_fairshare;
  for (const auto& a : payload["data"]) {
    const JobId j = submit(as(a["userid"].get<std::uint32_t>()));
    by_fairshare.push_back({a["fairshare"].get<double>(), j});
  }
  std::sort(by_fairshare.begin(), by_fairshare.end(), std::greater<>());
  for (std::size_t i = 0; i < by_fairshare.size(); ++i)
    EXPECT_EQ(model.queue_position(by_fairshare[i].second), i);
  model.cancel(busy);
  EXPECT_EQ(running(), Ids{by_fairshare[0].second});
}

// §6.3 #1: upstream keeps the queue factor on the association, so every
// pending job of it takes the factor of the last submitted job's queue.
TEST_F(SimPriority, QueueFactorBelongsToTheJob) {
  push_site();
  fill();
  const JobId e = submit(as(1001).queue("expedite"));
  const JobId b = submit(as(1001).queue("batch"));
  model.reprioritize();
  EXPECT_EQ(priority(e), 100050000u);
  EXPECT_EQ(priority(b), 60000u);
}

// §6.3 #10: no upper clamp upstream; 2^32−1 here.
TEST_F(SimPriority, PriorityIsCappedAtTheMaximum) {
  site.queue("expedite").priority(1000000);
  push_site();
  fill();
  EXPECT_EQ(priority(submit(as(1001).queue("expedite"))), 4294967295u);
}

// #685: the fair-share at priority time, as last pushed.
TEST_F(SimPriority, FairshareChangeReachesPendingJobsAtReprioritize_685) {
  push_site();
  fill();
  const JobId j = submit(as(1001));
  EXPECT_EQ(priority(j), 50000u);
  site.user(1001, "A").fairshare(0.25);
  push_site();
  EXPECT_EQ(priority(j), 25000u);
  EXPECT_EQ(model.job(j).fairshare, 0.25);
}

// #938: the memo is posted only when the fair-share changed.
TEST_F(SimPriority, FairshareMemoPostedOnlyWhenItChanges_938) {
  push_site();
  fill();
  const JobId j = submit(as(1001));
  model.reprioritize();
  model.reprioritize();
  site.user(1001, "A").fairshare(0.75);
  push_site();
  const auto& log = model.job(j).eventlog;
  const auto memos = std::count_if(log.begin(), log.end(),
                                   [](const std::string& e) { return e.rfind("memo ", 0) == 0; });
  EXPECT_EQ(memos, 2);
  EXPECT_EQ(model.job(j).fairshare, 0.75);
}

}  // namespace
}  // namespace fluxacct::sim::testing
