#include "core/engine/priority.hpp"
#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;

std::uint32_t P(double fs, double qp, double bp, int urgency, Weights w = {}) {
  return compute_priority({fs, qp, bp, urgency}, w);
}

TEST(EnginePriority, UpstreamWorkedValues) {
  EXPECT_EQ(P(0.5, 0, 0, 16), 50000u);
  Weights w1;
  w1.urgency = 1;
  EXPECT_EQ(P(0.45321, 0, 0, 16, w1), 45321u);
  EXPECT_EQ(P(0.45321, 0, 0, 15, w1), 45320u);
  EXPECT_EQ(P(0.5, 10000, 0, 16), 100050000u);  // expedite-like queue priority 10000
  Weights w2;
  w2.bank = 1000;
  EXPECT_EQ(P(0.99, 1, 100, 16, w2), 209000u);
  Weights w3;
  w3.fairshare = 1000;
  w3.queue = 100;
  EXPECT_EQ(P(0.5, 0, 0, 16, w3), 500u);
}

TEST(EnginePriority, UrgencyHoldExpediteFloorAndCeiling) {
  EXPECT_EQ(P(1.0, 1e6, 0, 0), 0u);
  EXPECT_EQ(P(0.0, 0, 0, 31), 4294967295u);
  EXPECT_EQ(P(0.0, 0, 0, 1), 0u);  // 1000·(1−16) < 0 → 0
  EXPECT_EQ(P(0.1, -100, 0, 16), 0u);
  // Upstream overflows here (§6.3 #10); the value is capped.
  EXPECT_EQ(P(0.5, 1e6, 0, 16), 4294967295u);
  EXPECT_EQ(P(0.000005, 0, 0, 16), 1u);  // 0.5 rounds away from zero
}

TEST(EnginePriority, Breakdown) {
  Weights w;
  w.bank = 1000;
  const PriorityBreakdown b = priority_breakdown({0.99, 1, 100, 17}, w);
  EXPECT_EQ(b.terms[0].factor, "fairshare");
  EXPECT_DOUBLE_EQ(b.terms[0].contribution, 99000);
  EXPECT_DOUBLE_EQ(b.terms[1].contribution, 10000);
  EXPECT_DOUBLE_EQ(b.terms[2].contribution, 100000);
  EXPECT_DOUBLE_EQ(b.terms[3].value, 1);
  EXPECT_DOUBLE_EQ(b.terms[3].contribution, 1000);
  EXPECT_EQ(b.priority, 210000u);
  EXPECT_EQ(b.special, "");
  EXPECT_EQ(priority_breakdown({0.5, 0, 0, 0}, w).special, "hold");
}

class EnginePriorityJobs : public ::testing::Test {
 protected:
  void SetUp() override {
    d.engine.apply(base_data());
    AssociationRecord a = assoc(1001, "A");
    a.queues = {"bronze", "gold"};
    a.fairshare = 0.5;
    d.engine.apply(associations({a}));
    d.engine.apply(queues({queue("bronze", 100), queue("gold", 1000), queue("silver", 500)}));
  }
  std::uint32_t prio(JobId id) {
    Decisions out;
    return d.engine.priority(id, out).value();
  }
  Driver d;
};

TEST_F(EnginePriorityJobs, QueueFactorBelongsToEachJob) {
  Sub s;
  s.queue = "bronze";
  ASSERT_EQ(d.submit(1, s), "");
  s.queue = "gold";
  ASSERT_EQ(d.submit(2, s), "");
  // Upstream stores the factor on the association (§6.3 #1): job 1 would
  // get gold's factor after job 2 was submitted.
  EXPECT_EQ(prio(1), 50000u + 100u * 10000u);
  EXPECT_EQ(prio(2), 50000u + 1000u * 10000u);
  Sub none;
  ASSERT_EQ(d.submit(3, none), "");
  EXPECT_EQ(prio(3), 50000u);
  Sub unknown;
  unknown.queue = "debug";  // unknown to accounting: factor 0
  ASSERT_EQ(d.submit(4, unknown), "");
  EXPECT_EQ(prio(4), 50000u);
}

TEST_F(EnginePriorityJobs, BankFactorWeightsAndFairshareUpdates) {
  DataUpdate u;
  u.banks = std::vector<BankRecord>{{"A", 100.0}};
  u.factors = std::vector<FactorRecord>{{"bank", 1000}, {"unknown_factor", 5}};
  d.engine.apply(u);
  ASSERT_EQ(d.submit(1, Sub{}), "");
  EXPECT_EQ(prio(1), 50000u + 100000u);
  AssociationRecord a = assoc(1001, "A");
  a.queues = {"bronze", "gold"};
  a.fairshare = 0.25;
  d.engine.apply(associations({a}));
  EXPECT_EQ(prio(1), 25000u + 100000u);
  Decisions all;
  d.engine.priorities(all);
  ASSERT_EQ(of_type<SetPriority>(all).size(), 1u);
  EXPECT_EQ(of_type<SetPriority>(all)[0].priority, 125000u);
}

TEST_F(EnginePriorityJobs, FairshareMemoOnlyWhenItChanges) {
  ASSERT_EQ(d.submit(1, Sub{}), "");
  ASSERT_EQ(of_type<PostFairshareMemo>(d.last).size(), 1u);
  EXPECT_DOUBLE_EQ(of_type<PostFairshareMemo>(d.last)[0].fairshare, 0.5);
  Decisions out;
  d.engine.priority(1, out);
  EXPECT_TRUE(of_type<PostFairshareMemo>(out).empty());
  AssociationRecord a = assoc(1001, "A");
  a.fairshare = 0.75;
  d.engine.apply(associations({a}));
  d.engine.priority(1, out);
  ASSERT_EQ(of_type<PostFairshareMemo>(out).size(), 1u);
  EXPECT_DOUBLE_EQ(of_type<PostFairshareMemo>(out)[0].fairshare, 0.75);
}

TEST_F(EnginePriorityJobs, UrgencyUpdate) {
  ASSERT_EQ(d.submit(1, Sub{}), "");
  Decisions out;
  d.engine.update(1, JobUpdate{std::nullopt, std::nullopt, 31}, out);
  EXPECT_EQ(prio(1), 4294967295u);
  d.engine.update(1, JobUpdate{std::nullopt, std::nullopt, 0}, out);
  EXPECT_EQ(prio(1), 0u);
}

TEST(EnginePriorityNoData, UnavailableUntilDataArrive) {
  Driver d;
  ASSERT_EQ(d.submit(1, Sub{}), "");
  Decisions out;
  EXPECT_EQ(d.engine.priority(1, out), std::nullopt);
  EXPECT_TRUE(d.engine.explain(1).summary.find("waiting for flux-accounting data") == 0);
}

}  // namespace
}  // namespace fluxacct::engine
