// RCounter gives count_R's verdict on the whole text, remembering shapes.
#include "core/r_counter.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

std::string R(const std::string& rank, const std::string& children, long starttime = 0) {
  return R"({"version":1,"execution":{"R_lite":[{"rank":")" + rank + R"(","children":{)" +
         children + R"(}}],"starttime":)" + std::to_string(starttime) +
         R"(,"expiration":0,"nodelist":["node[0-3]"]}})";
}

TEST(RCounter, AgreesWithCountR) {
  RCounter counter;
  for (const auto& text : {R("0", R"("core":"0-3","gpu":"0")"), R("0-1", R"("core":"0-3")"),
                           R("0-3", R"("core":"0")"), R("7,9", R"("core":"0-15","gpu":"0-1")")}) {
    auto got = counter.count(text);
    ASSERT_TRUE(got.has_value()) << text;
    EXPECT_EQ(*got, count_R(text)) << text;
  }
  EXPECT_EQ(counter.count(R("0-1", R"("core":"0-3")")), (ResourceCounts{2, 8, 0}));
}

TEST(RCounter, OneShapeWhateverTheTimes) {
  RCounter counter;
  for (long t = 0; t < 10; ++t)
    EXPECT_EQ(counter.count(R("0-1", R"("core":"0-3","gpu":"0")", 1767225600 + t)),
              (ResourceCounts{2, 8, 2}));
}

TEST(RCounter, UnreadableR) {
  RCounter counter;
  EXPECT_FALSE(counter.count("").has_value());
  EXPECT_FALSE(counter.count("not json").has_value());
  EXPECT_FALSE(counter.count("[1,2]").has_value());
  EXPECT_FALSE(counter.count(R"({"version":1)").has_value());
  EXPECT_FALSE(counter.count(R"({"version":2,"execution":{"R_lite":[]}})").has_value());
  EXPECT_FALSE(counter.count(R("3-1", R"("core":"0")")).has_value());  // bad idset
  // Invalid UTF-8 in a member counting does not read: count_R refuses the
  // whole text, and so does the counter.
  std::string bad = R("0", R"("core":"0")");
  bad.replace(bad.find("node"), 1, "\xff");
  EXPECT_THROW(count_R(bad), Error);
  EXPECT_FALSE(counter.count(bad).has_value());
  // Remembered verdicts stay the same.
  EXPECT_FALSE(counter.count("not json").has_value());
  EXPECT_FALSE(counter.count(R("3-1", R"("core":"0")")).has_value());
}

TEST(RCounter, ManyShapesStayCorrect) {
  RCounter counter;
  for (int i = 0; i < static_cast<int>(RCounter::kMemoSize) * 2 + 10; ++i) {
    auto got = counter.count(R(std::to_string(i), R"("core":"0-1")"));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, (ResourceCounts{1, 2, 0}));
  }
}

}  // namespace
}  // namespace fluxacct
