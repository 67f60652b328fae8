#include "cli/numeric_options.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

std::string error_of(auto fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(NumericOptions, Shares) {
  EXPECT_EQ(parse_shares("--shares", "0"), 0);
  EXPECT_EQ(parse_shares("--shares", " 42 "), 42);
  EXPECT_EQ(parse_shares("--shares", "2147483647"), 2147483647);
  EXPECT_EQ(error_of([] { parse_shares("--shares", "x"); }),
            "--shares must be a non-negative integer: 'x'");
  EXPECT_EQ(error_of([] { parse_shares("--shares", "-2", true); }),
            "--shares must be a non-negative integer (or -1 to reset it): '-2'");
  EXPECT_EQ(error_of([] { parse_shares("--shares", "2147483648"); }),
            "--shares must be at most 2147483647: '2147483648'");
  EXPECT_EQ(error_of([] { parse_shares("--shares", "unlimited"); }),
            "--shares must be a non-negative integer: 'unlimited'");
}

TEST(NumericOptions, Limits) {
  EXPECT_EQ(parse_limit("--max-nodes", "7"), 7);
  EXPECT_EQ(parse_limit("--max-nodes", "unlimited"), 2147483647);
  EXPECT_EQ(parse_limit("--max-nodes", "Unlimited"), 2147483647);
  EXPECT_EQ(error_of([] { parse_limit("--max-nodes", "abc"); }),
            "--max-nodes must be a non-negative integer or \"unlimited\": 'abc'");
  EXPECT_EQ(error_of([] { parse_limit("--max-nodes", "1.0"); }),
            "--max-nodes must be a non-negative integer or \"unlimited\": '1.0'");
  EXPECT_EQ(error_of([] { parse_limit("--max-nodes", "3000000000"); }),
            "--max-nodes must be at most 2147483647 (or \"unlimited\"): '3000000000'");
}

TEST(NumericOptions, Fairshare) {
  EXPECT_EQ(parse_fairshare("--fairshare", "0"), 0.0);
  EXPECT_EQ(parse_fairshare("--fairshare", "1"), 1.0);
  EXPECT_EQ(parse_fairshare("--fairshare", "0.25"), 0.25);
  EXPECT_FALSE(std::signbit(parse_fairshare("--fairshare", "-0")));
  for (const char* bad : {"1.01", "-0.5", "inf", "nan", "x", ""})
    EXPECT_NE(error_of([&] { parse_fairshare("--fairshare", bad); }), "no error") << bad;
}

TEST(NumericOptions, Userid) {
  EXPECT_EQ(parse_userid("--userid", "0"), 0);
  EXPECT_EQ(parse_userid("--userid", "4294967295"), 4294967295LL);
  EXPECT_EQ(error_of([] { parse_userid("--userid", "4294967296"); }),
            "--userid must be an integer from 0 to 4294967295: '4294967296'");
}

TEST(NumericOptions, ResetWords) {
  EXPECT_TRUE(is_minus_one("-1"));
  EXPECT_TRUE(is_minus_one(" -1"));
  EXPECT_FALSE(is_minus_one("-10"));
  EXPECT_FALSE(is_minus_one("-1.0"));
  EXPECT_TRUE(is_unlimited_word("UNLIMITED"));
  EXPECT_FALSE(is_unlimited_word("unlimite"));
}

TEST(NumericOptions, QuotedLikePythonRepr) {
  EXPECT_EQ(quoted("abc"), "'abc'");
  EXPECT_EQ(quoted("it's"), "\"it's\"");
  EXPECT_EQ(quoted("a'\"b"), "'a\\'\"b'");
}

}  // namespace
}  // namespace fluxacct::cli
