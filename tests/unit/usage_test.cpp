// The usage engine: job costs, Python's rounding, period arithmetic and the
// ageing of bins. The numbers are upstream's unit tests' (spec §5.4: t1006,
// t1015, t1019, t1023). Where fixing upstream's defects (spec §6.3 #2, #3)
// changes a number, the test says what upstream gets and why ours differs.
#include "core/usage.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace fluxacct::usage {
namespace {

using Bins = std::vector<double>;

// t1006's jobs: R_lite names `ranks` ranks, each with cores 0-3 and gpu 0;
// with the default weights a job costs nnodes x elapsed.
double t1006_job(int nnodes, double elapsed) {
  const double t_run = 9000000;
  return job_cost({.nnodes = nnodes, .ncores = 4 * nnodes, .ngpus = nnodes}, t_run, t_run + elapsed,
                  Weights{});
}

TEST(PythonRound, TiesToEvenOnTheBinaryValue) {
  EXPECT_EQ(python_round(2.675, 2), 2.67);  // 2.675 is stored a little below
  EXPECT_EQ(python_round(0.125, 2), 0.12);  // an exact tie: to even
  EXPECT_EQ(python_round(0.375, 2), 0.38);
  EXPECT_EQ(python_round(2.5, 0), 2.0);
  EXPECT_EQ(python_round(3.5, 0), 4.0);
  // Python's own answers: each decided by which side of the tie the double lies.
  EXPECT_EQ(python_round(1.000005, 5), 1.00001);
  EXPECT_EQ(python_round(1.234565, 5), 1.23456);
  EXPECT_EQ(python_round(5.000025, 5), 5.00002);
  EXPECT_EQ(python_round(100.000045, 5), 100.00005);
  EXPECT_EQ(python_round(2.5e-05, 5), 3e-05);
  EXPECT_EQ(python_round(7.5e-05, 5), 7e-05);
  EXPECT_EQ(python_round(123.456789, 5), 123.45679);
  EXPECT_EQ(python_round(0.1 + 0.2, 5), 0.3);
  EXPECT_EQ(python_round(1e20, 5), 1e20);
  EXPECT_EQ(python_round(1.7976931348623157e308, 5), 1.7976931348623157e308);
}

TEST(PythonRound, SignsAndSpecialValues) {
  EXPECT_TRUE(std::signbit(python_round(-0.000001, 5)));  // Python gives -0.0
  EXPECT_EQ(python_round(-2.675, 2), -2.67);
  EXPECT_TRUE(std::isnan(python_round(std::nan(""), 5)));
  EXPECT_EQ(python_round(INFINITY, 5), INFINITY);
}

TEST(JobCost, DefaultWeightsCountNodeSeconds) {
  // t1023 test_01: 1 node, 4 cores, 1 GPU, 100 s.
  EXPECT_EQ(job_cost({1, 4, 1}, 499, 599, Weights{}), 100.0);
  EXPECT_EQ(t1006_job(2, 2000), 4000.0);
}

TEST(JobCost, WeightedResources) {
  // t1023 test_02: core_weight 1.0 -> (1 + 4) x 100.
  EXPECT_EQ(job_cost({1, 4, 0}, 1099, 1199, {.node = 1.0, .core = 1.0, .gpu = 0.0}), 500.0);
  // t1023 test_03: gpu_weight 10.0, 2 GPUs -> (1 + 0 + 20) x 100.
  EXPECT_EQ(job_cost({1, 4, 2}, 2299, 2399, {.node = 1.0, .core = 0.0, .gpu = 10.0}), 2100.0);
  // t1023 test_04: (1.0, 0.5, 5.0) with 8 cores and 2 GPUs -> (1 + 4 + 10) x 100.
  EXPECT_EQ(job_cost({1, 8, 2}, 3499, 3599, {.node = 1.0, .core = 0.5, .gpu = 5.0}), 1500.0);
  // A node weight of 0 and only cores counted.
  EXPECT_EQ(job_cost({2, 8, 0}, 0, 10, {.node = 0.0, .core = 1.0, .gpu = 0.0}), 80.0);
}

TEST(JobCost, RoundedToFiveDecimals) {
  // (3 x 1.0) x 0.1234567 s = 0.3703701 -> 0.37037
  EXPECT_EQ(job_cost({3, 0, 0}, 100.0, 100.1234567, Weights{}),
            python_round(3 * (100.1234567 - 100.0), 5));
  EXPECT_EQ(job_cost({1, 0, 0}, 0.0, 0.1 + 0.2, Weights{}), 0.3);
  EXPECT_EQ(job_cost({1, 3, 0}, 0, 1, {.node = 0.0, .core = 1.0 / 3.0, .gpu = 0.0}), 1.0);
}

TEST(Periods, EndedCountsEveryClosedPeriod) {
  EXPECT_EQ(periods_ended(1000, 100, 999), 0);
  EXPECT_EQ(periods_ended(1000, 100, 1000), 1);  // ended exactly now
  EXPECT_EQ(periods_ended(1000, 100, 1099.5), 1);
  EXPECT_EQ(periods_ended(1000, 100, 1100), 2);
  EXPECT_EQ(periods_ended(1000, 100, 1000 + 100 * 1e6), 1000001);
  EXPECT_EQ(next_period_end(1000, 100, 0), 1000);
  EXPECT_EQ(next_period_end(1000, 100, 3), 1300);
  // A period end of 0 (as t1023 sets it) and a wall clock in 2026.
  EXPECT_GT(periods_ended(0, 900, 1767225600), 1000);
  EXPECT_EQ(periods_ended(0, 1e-300, 1e300), static_cast<std::int64_t>(9.0e15));
}

TEST(Periods, FirstPeriodEndsOneHalfLifeAfterCreation) {
  // create-db at t stores end = t + half-life. Upstream decays only once
  // now - half-life > end, i.e. after 2 half-lives (spec §6.3 #3); here the
  // first period closes when it ends.
  const double created = 1767225600, half_life = 604800;
  const double end = created + half_life;
  EXPECT_EQ(periods_ended(end, half_life, created + half_life - 1), 0);
  EXPECT_EQ(periods_ended(end, half_life, created + half_life), 1);
  EXPECT_EQ(periods_ended(end, half_life, created + 2 * half_life + 1), 2);
}

TEST(Bins, T1006JobsInTheCurrentPeriod) {
  // 1002/C: bins [256, 64, 16, 8]; three 2-node jobs (2000, 2100, 2200 s)
  // and two 1-node jobs (2000, 2100 s) in the current period.
  CostSum jobs;
  for (double elapsed : {2000, 2100, 2200}) jobs.add(t1006_job(2, elapsed));
  for (double elapsed : {2000, 2100}) jobs.add(t1006_job(1, elapsed));
  EXPECT_EQ(jobs.sum(), 16700.0);
  EXPECT_EQ(jobs.count(), 5);
  Bins bins{256, 64, 16, 8};
  advance(bins, 0, 0.5, jobs.sum(), 4);
  EXPECT_EQ(bins, (Bins{16956, 64, 16, 8}));
  EXPECT_EQ(total_usage(bins), 17044.0);

  // 1001/C: bins [4096, 256, 32, 16]; two 1-node jobs (2000, 2100 s).
  CostSum few;
  for (double elapsed : {2000, 2100}) few.add(t1006_job(1, elapsed));
  Bins b1001{4096, 256, 32, 16};
  advance(b1001, 0, 0.5, few.sum(), 4);
  EXPECT_EQ(total_usage(b1001), 8500.0);
}

TEST(Bins, T1006NewPeriodWithAndWithoutJobs) {
  // 1001/C after the above: [8196, 256, 32, 16]. A period ends and a 200
  // node-second job arrives.
  Bins bins{8196, 256, 32, 16};
  advance(bins, 1, 0.5, 200.0, 4);
  EXPECT_EQ(total_usage(bins), 4442.0);  // upstream's number too
  // Upstream writes bin 0 = 4442 (the job plus the decayed past, §6.3 #2);
  // here bin 0 holds only the period's own usage.
  EXPECT_EQ(bins, (Bins{200, 4098, 128, 16}));

  // The next period ends with no new jobs. Upstream: 4334 (its bin 0 of 4442
  // decays into bin 1, counting the past twice). Here: 2213, each period's
  // usage halved once more: 100 + 2049 + 64.
  advance(bins, 1, 0.5, 0.0, 4);
  EXPECT_EQ(bins, (Bins{0, 100, 2049, 64}));
  EXPECT_EQ(total_usage(bins), 2213.0);

  // 1002/C [16956, 64, 16, 8] into the next period: 8518, as upstream.
  Bins b1002{16956, 64, 16, 8};
  advance(b1002, 1, 0.5, 0.0, 4);
  EXPECT_EQ(b1002, (Bins{0, 8478, 32, 8}));
  EXPECT_EQ(total_usage(b1002), 8518.0);
}

TEST(Bins, T1015SuccessiveDecays) {
  // One bin of 100 halves and moves one place per period. Upstream reaches
  // the same numbers only one run per period, and not at the first period's
  // end (§6.3 #3).
  Bins bins{100, 0, 0, 0};
  advance(bins, 1, 0.5, 0.0, 4);
  EXPECT_EQ(bins, (Bins{0, 50, 0, 0}));
  EXPECT_EQ(total_usage(bins), 50.0);
  advance(bins, 1, 0.5, 0.0, 4);
  EXPECT_EQ(bins, (Bins{0, 0, 25, 0}));
  advance(bins, 1, 0.5, 0.0, 4);
  EXPECT_EQ(bins, (Bins{0, 0, 0, 12.5}));
  EXPECT_EQ(total_usage(bins), 12.5);
  advance(bins, 1, 0.5, 0.0, 4);
  EXPECT_EQ(bins, (Bins{0, 0, 0, 0}));
}

TEST(Bins, T1019DecayFactorAndThreeBins) {
  // 400 s periods over 1200 s: three bins. A 1000-s job, then a period ends
  // with decay_factor 0.1.
  Bins bins;
  advance(bins, 0, 0.1, job_cost({1, 4, 1}, 2100, 3100, Weights{}), 3);
  EXPECT_EQ(bins, (Bins{1000, 0, 0}));
  advance(bins, 1, 0.1, 0.0, 3);
  EXPECT_EQ(bins, (Bins{0, 100, 0}));
  EXPECT_EQ(total_usage(bins), 100.0);
}

TEST(Bins, CatchUpEqualsOneRunPerPeriod) {
  for (double decay : {0.5, 0.1, 0.3, 0.999}) {
    for (std::int64_t k = 0; k <= 6; ++k) {
      Bins once{1234.5678, 0.1, 33.3, 7e-3, 1e9};
      Bins stepwise = once;
      close_periods(once, k, decay);
      for (std::int64_t i = 0; i < k; ++i) close_periods(stepwise, 1, decay);
      EXPECT_EQ(once, stepwise) << "decay " << decay << " periods " << k;
    }
  }
}

TEST(Bins, ClosingMorePeriodsThanBinsClearsThem) {
  Bins bins{1, 2, 3, 4};
  close_periods(bins, 4, 0.5);
  EXPECT_EQ(bins, (Bins{0, 0, 0, 0}));
  bins = {1, 2, 3, 4};
  close_periods(bins, 9000000000000000LL, 0.5);
  EXPECT_EQ(bins, (Bins{0, 0, 0, 0}));
  bins = {1, 2, 3, 4};
  close_periods(bins, 2, 0.5);
  EXPECT_EQ(bins, (Bins{0, 0, 0.25, 0.5}));  // two places, halved twice
}

TEST(Bins, MissingBinsAreCreated) {
  Bins bins;
  advance(bins, 5, 0.5, 42.0, 4);
  EXPECT_EQ(bins, (Bins{42, 0, 0, 0}));
  Bins none;
  advance(none, 0, 0.5, 0.0, 0);  // a count below one still keeps bin 0
  EXPECT_EQ(none, (Bins{0}));
}

TEST(Bins, NothingNewChangesNothing) {
  Bins bins{1.5, 2.25, 0.1, 1e-9};
  const Bins before = bins;
  advance(bins, 0, 0.5, 0.0, 4);
  EXPECT_EQ(bins, before);
  EXPECT_EQ(total_usage(bins), 1.5 + (((0.0 + 2.25) + 0.1) + 1e-9));
}

TEST(Bins, TotalIsBinZeroPlusTheOlderSum) {
  // Upstream: historical = bin0 + sum(bins[1:]); the grouping matters for
  // the last bit.
  const Bins bins{0.1, 0.2, 0.3};
  EXPECT_EQ(total_usage(bins), 0.1 + (0.2 + 0.3));
  EXPECT_EQ(total_usage(Bins{}), 0.0);
}

}  // namespace
}  // namespace fluxacct::usage
