#include "core/usage_bins.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>

namespace fluxacct {
namespace {

TEST(UsageBinCount, WholePeriods) {
  EXPECT_EQ(usage_bin_count(2419200, 604800), 4);  // 4 weeks / 1 week
  EXPECT_EQ(usage_bin_count(1209600, 172800), 7);  // 14 days / 2 days
  EXPECT_EQ(usage_bin_count(604800, 604800), 1);
}

TEST(UsageBinCount, PartialPeriodRoundsUp) {
  EXPECT_EQ(usage_bin_count(10, 3), 4);  // int() would give 3
  EXPECT_EQ(usage_bin_count(1, 10), 1);  // int() would give 0 (then fall back to 4)
  EXPECT_EQ(usage_bin_count(2419201, 604800), 5);
}

TEST(UsageBinCount, MissingOrNonPositiveFallsBackToFour) {
  EXPECT_EQ(usage_bin_count(0, 604800), 4);
  EXPECT_EQ(usage_bin_count(2419200, 0), 4);
  EXPECT_EQ(usage_bin_count(-5, 604800), 4);
  EXPECT_EQ(usage_bin_count(2419200, -1), 4);
  EXPECT_EQ(usage_bin_count(NAN, 604800), 4);
  EXPECT_EQ(usage_bin_count(2419200, INFINITY), 4);
}

TEST(UsageBinCount, HugeRatioDoesNotOverflow) {
  EXPECT_EQ(usage_bin_count(1e300, 1e-300), INT_MAX);
}

}  // namespace
}  // namespace fluxacct
