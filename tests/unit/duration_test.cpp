#include "core/duration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

TEST(Duration, Units) {
  EXPECT_EQ(parse_fsd("30"), 30);
  EXPECT_EQ(parse_fsd("30s"), 30);
  EXPECT_EQ(parse_fsd("500ms"), 0.5);
  EXPECT_EQ(parse_fsd("15m"), 900);
  EXPECT_EQ(parse_fsd("1.5h"), 5400);
  EXPECT_EQ(parse_fsd("14d"), 14 * 86400);
  EXPECT_EQ(parse_fsd(".5d"), 43200);
  EXPECT_EQ(parse_fsd("1e3"), 1000);
  EXPECT_EQ(parse_fsd("2E+1m"), 1200);
  EXPECT_EQ(parse_fsd("0"), 0);
  EXPECT_TRUE(std::isinf(parse_fsd("inf")));
  EXPECT_TRUE(std::isinf(parse_fsd("INFINITY")));
}

TEST(Duration, Rejects) {
  for (const char* bad : {"", " 1", "1 ", "-1", "+1", "1.", ".", "e5", "1e", "1e+", "1x", "1sm",
                          "1S", "1.5.5", "Inf", "1e309", "0x10", "1d1"}) {
    EXPECT_THROW(parse_fsd(bad), Error) << bad;
  }
  try {
    parse_fsd("1y");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid Flux standard duration: '1y'");
  }
}

// A regular expression used to recurse once per character here and run out
// of stack (found by tests/fuzz/fuzz_duration).
TEST(Duration, LongInput) {
  EXPECT_EQ(parse_fsd(std::string(200000, '0') + "1s"), 1);
  EXPECT_THROW(parse_fsd(std::string(200000, '1') + "q"), Error);
}

}  // namespace
}  // namespace fluxacct
