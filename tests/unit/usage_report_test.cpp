#include "core/usage_report.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace fluxacct {
namespace {

TEST(UsageReport, SizeBins) {
  EXPECT_EQ(parse_size_bins("0"), (std::vector<std::int64_t>{0}));
  EXPECT_EQ(parse_size_bins(""), (std::vector<std::int64_t>{0}));
  EXPECT_EQ(parse_size_bins("x"), kDefaultSizeBins);
  EXPECT_EQ(parse_size_bins("-1"), kDefaultSizeBins);  // upstream: first character not a digit
  EXPECT_EQ(parse_size_bins("8,2,2,1"), (std::vector<std::int64_t>{1, 2, 8}));
  EXPECT_THROW(parse_size_bins("1,a"), Error);
  EXPECT_THROW(parse_size_bins("1,,2"), Error);
  EXPECT_THROW(parse_size_bins("1,"), Error);
}

TEST(UsageReport, TypesAndUnits) {
  EXPECT_EQ(parse_report_type("bybank"), ReportType::kBank);
  EXPECT_EQ(parse_report_type("byuser"), ReportType::kUser);
  EXPECT_EQ(parse_report_type("byassociation"), ReportType::kAssociation);
  EXPECT_THROW(parse_report_type("bygroup"), Error);
  EXPECT_EQ(parse_time_unit("hour"), TimeUnit::kHour);
  EXPECT_EQ(seconds_per(TimeUnit::kMin), 60);
  EXPECT_THROW(parse_time_unit("day"), Error);
}

// The four jobs of upstream's t1075-like scenario: u1 runs 1, 2 and 4-node
// jobs in bank A; u2 a 1-node job in bank B.
UsageReport scenario(ReportType type, std::vector<std::int64_t> bins) {
  UsageReport r(type, std::move(bins));
  r.add({"u1", "A", 1, 100, 280});  // 180
  r.add({"u1", "A", 2, 100, 160});  // 120
  r.add({"u2", "B", 1, 100, 820});  // 720
  r.add({"u1", "A", 4, 100, 160});  // 240
  return r;
}

TEST(UsageReport, ByAssociationOneBin) {
  auto r = scenario(ReportType::kAssociation, {0});
  EXPECT_EQ(format_usage_report(r, TimeUnit::kSec),
            "association(nodesec)              total\n"
            "B:u2                             720.00\n"
            "A:u1                             540.00\n"
            "TOTAL                           1260.00\n");
}

TEST(UsageReport, ByUserBinsAndHours) {
  auto r = scenario(ReportType::kUser, {1, 2, 3, 4});
  EXPECT_EQ(
      format_usage_report(r, TimeUnit::kHour),
      "user(nodehour)                       1+             2+             3+             4+\n"
      "u2                                 0.20           0.00           0.00           0.00\n"
      "u1                                 0.05           0.03           0.00           0.07\n"
      "TOTAL                              0.25           0.03           0.00           0.07\n");
}

TEST(UsageReport, TiesKeepFirstAppearanceAndSmallJobsCountNowhere) {
  UsageReport r(ReportType::kBank, {2});
  r.add({"a", "X", 2, 0, 10});
  r.add({"b", "Y", 4, 0, 5});
  r.add({"c", "Z", 1, 0, 1000});  // below every bin
  auto rows = r.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "X");
  EXPECT_EQ(rows[1].key, "Y");
  EXPECT_EQ(r.total().total, 40);
  EXPECT_EQ(format_usage_report(r, TimeUnit::kMin),
            "bank(nodemin)                     total\n"
            "X                                  0.33\n"
            "Y                                  0.33\n"
            "TOTAL                              0.67\n");
}

TEST(UsageReport, LongKeysAreNotCut) {
  UsageReport r(ReportType::kAssociation, {0});
  r.add({"a user with spaces", "bank with a long name", 1, 0, 1});
  EXPECT_EQ(r.rows()[0].key, "bank with a long name:a user with spaces");
  EXPECT_EQ(r.rows()[0].bank, "bank with a long name");
  EXPECT_EQ(r.rows()[0].username, "a user with spaces");
}

}  // namespace
}  // namespace fluxacct
