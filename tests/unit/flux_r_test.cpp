#include "core/flux_r.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

std::string R_of(const std::string& entries) {
  return R"({"version": 1, "execution": {"R_lite": [)" + entries +
         R"(], "starttime": 0, "expiration": 0, "nodelist": ["node0"]}})";
}

std::string entry(const std::string& rank, const std::string& children) {
  return R"({"rank": ")" + rank + R"(", "children": {)" + children + "}}";
}

TEST(Idset, Counts) {
  EXPECT_EQ(idset_count(""), 0);
  EXPECT_EQ(idset_count("[]"), 0);
  EXPECT_EQ(idset_count("5"), 1);
  EXPECT_EQ(idset_count("0-3"), 4);
  EXPECT_EQ(idset_count("0-3,7"), 5);
  EXPECT_EQ(idset_count("[0-3,7]"), 5);
  EXPECT_EQ(idset_count("1,2,3,5,6,42"), 6);
  EXPECT_EQ(idset_count("3,3,3"), 1);    // duplicates count once
  EXPECT_EQ(idset_count("0-5,2-8"), 9);  // overlapping ranges
  EXPECT_EQ(idset_count("7,0-3"), 5);    // any order
  EXPECT_EQ(idset_count("4-4"), 1);
  EXPECT_EQ(idset_count("0-4294967294"), 4294967295);  // counted, not expanded
  EXPECT_EQ(idset_count("0-4294967294,0-4294967294,17"), 4294967295);
}

TEST(Idset, Ranges) {
  EXPECT_EQ(parse_idset("7,0-3,4,9-10,10"), (std::vector<IdRange>{{0, 4}, {7, 7}, {9, 10}}));
  EXPECT_TRUE(parse_idset("").empty());
}

TEST(Idset, RejectsMalformed) {
  for (const char* bad : {"3-1",
                          "a",
                          "1-",
                          "-1",
                          "1,,2",
                          ",",
                          "1,",
                          ",1",
                          "1-2-3",
                          " 1",
                          "1 ",
                          "+1",
                          "[1",
                          "1]",
                          "[",
                          "]",
                          "[[1]]",
                          "0x1",
                          "1.5",
                          "4294967295",
                          "0-4294967295",
                          "99999999999999999999",
                          "1-a"}) {
    EXPECT_THROW(idset_count(bad), Error) << bad;
  }
  try {
    idset_count("3-1");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid idset '3-1'");
  }
}

// The numbers upstream's tests expect.
TEST(CountR, UpstreamCases) {
  EXPECT_EQ(count_R(R_of(entry("0", R"("core": "0-3", "gpu": "0")"))), (ResourceCounts{1, 4, 1}));
  EXPECT_EQ(count_R(R_of(entry("0", R"("core": "0-7", "gpu": "0-3")"))), (ResourceCounts{1, 8, 4}));
  EXPECT_EQ(count_R(R_of(entry("0", R"("core": "0-15")"))), (ResourceCounts{1, 16, 0}));
  EXPECT_EQ(count_R(R_of(entry("0-1", R"("core": "0-3", "gpu": "0-1")"))),
            (ResourceCounts{2, 8, 4}));
}

TEST(CountR, GuideExample) {
  EXPECT_EQ(
      count_R(R"({"version":1,"execution": {"R_lite":[{"rank":"0","children": {"core": "0"}}]}})"),
      (ResourceCounts{1, 1, 0}));
}

TEST(CountR, SeveralEntries) {
  // Ranks 0-3 with 4 cores, rank 4 with 2 cores and 1 GPU.
  EXPECT_EQ(count_R(R_of(entry("0-3", R"("core": "0-3")") + "," +
                         entry("4", R"("core": "0-1", "gpu": "0")"))),
            (ResourceCounts{5, 18, 1}));
  // Two entries naming the same rank: one node, cores add up.
  EXPECT_EQ(count_R(R_of(entry("2", R"("core": "0-1")") + "," + entry("2", R"("core": "2-3")"))),
            (ResourceCounts{1, 4, 0}));
  // Other children types are ignored.
  EXPECT_EQ(count_R(R_of(entry("0", R"("core": "0", "foo": "0-9")"))), (ResourceCounts{1, 1, 0}));
  EXPECT_EQ(count_R(R_of("")), (ResourceCounts{0, 0, 0}));
}

TEST(CountR, HugeCountsDoNotExpand) {
  EXPECT_EQ(count_R(R_of(entry("0-65535", R"("core": "0-65535")"))),
            (ResourceCounts{65536, int64_t{65536} * 65536, 0}));
  // 2^32-1 ranks x 2^32-1 cores x 2 entries overflows int64.
  std::string big = entry("0-4294967294", R"("core": "0-4294967294")");
  EXPECT_THROW(count_R(R_of(big + "," + big)), Error);
}

TEST(CountR, ManyDistinctRanks) {
  std::string entries;
  for (int i = 0; i < 5000; ++i) {
    if (i) entries += ",";
    entries += entry(std::to_string(2 * i), R"("core": "0")");
  }
  EXPECT_EQ(count_R(R_of(entries)), (ResourceCounts{5000, 5000, 0}));
}

void expect_error(const std::string& R, const std::string& message) {
  try {
    count_R(R);
    ADD_FAILURE() << "no error for " << R;
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), message) << R;
  }
}

TEST(CountR, Rejects) {
  expect_error("", "R is not valid JSON");
  expect_error("{", "R is not valid JSON");
  expect_error("[]", "R is not a JSON object");
  expect_error(R"({"execution": {"R_lite": []}})", "R version is not 1");
  expect_error(R"({"version": 2, "execution": {"R_lite": []}})", "R version is not 1");
  expect_error(R"({"version": "1", "execution": {"R_lite": []}})", "R version is not 1");
  expect_error(R"({"version": 1})", "R has no execution");
  expect_error(R"({"version": 1, "execution": {}})", "R has no execution.R_lite");
  expect_error(R"({"version": 1, "execution": {"R_lite": {}}})", "R has no execution.R_lite");
  expect_error(R_of("1"), "R_lite entry is not an object");
  expect_error(R_of(R"({"children": {"core": "0"}})"), "R_lite entry has no rank");
  expect_error(R_of(R"({"rank": 0, "children": {"core": "0"}})"), "R_lite entry has no rank");
  expect_error(R_of(R"({"rank": "0"})"), "R_lite entry has no children");
  expect_error(R_of(entry("0", R"("core": 3)")), "R_lite core is not a string");
  expect_error(R_of(entry("0", R"("gpu": [0])")), "R_lite gpu is not a string");
  expect_error(R_of(entry("1-0", R"("core": "0")")), "invalid idset '1-0'");
  expect_error(R_of(entry("0", R"("core": "0-")")), "invalid idset '0-'");
  expect_error(R_of(entry("0", R"("core": ")" + std::string(100, '9') + "\"")),
               "invalid idset '" + std::string(64, '9') + "...'");
}

}  // namespace
}  // namespace fluxacct
