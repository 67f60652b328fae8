#include "cli/bar_chart.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace fluxacct::cli {
namespace {

// Expected lines come from upstream's RenderBarGraph.draw() on the same input.
TEST(BarChart, ScalesToTheLargestValue) {
  auto lines = bar_chart({{"alice / A", 120}, {"bob / B", 60}, {"carol / C", 0}}, 60, "#");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "alice / A | ###################################  120.00");
  EXPECT_EQ(lines[1], "bob / B   | #################                    60.00");
  EXPECT_EQ(lines[2], "carol / C |                                      0.00");
}

TEST(BarChart, AtLeastTenColumnsAndTruncatedBars) {
  EXPECT_EQ(bar_chart({{"x", 5}}, 20, "#")[0], "x | ##########  5.00");
  auto lines = bar_chart({{"a", 100}, {"b", 33.333}}, 40, "#");
  EXPECT_EQ(lines[0], "a | #######################  100.00");
  EXPECT_EQ(lines[1], "b | #######                  33.33");
}

TEST(BarChart, CountsCodePointsAndAllZero) {
  EXPECT_EQ(bar_chart({{"é / B", 1}}, 30, "█")[0], "é / B | ███████████  1.00");
  auto zero = bar_chart({{"a", 0}, {"b", 0}}, 40, "#");
  EXPECT_EQ(zero[0], "a |                            0.00");
  EXPECT_TRUE(bar_chart({}, 80, "#").empty());
}

TEST(BarChart, NegativeValuesGetNoBar) {
  auto lines = bar_chart({{"a", 10}, {"b", -5}}, 30, "#");
  EXPECT_EQ(lines[1], "b |                -5.00");
}

TEST(BarChart, LocaleCharacter) {
  const char* saved = std::getenv("LC_ALL");
  std::string old = saved ? saved : "";
  setenv("LC_ALL", "C", 1);
  EXPECT_EQ(locale_bar_char(), "#");
  setenv("LC_ALL", "C.UTF-8", 1);
  EXPECT_EQ(locale_bar_char(), "█");
  if (saved)
    setenv("LC_ALL", old.c_str(), 1);
  else
    unsetenv("LC_ALL");
}

}  // namespace
}  // namespace fluxacct::cli
