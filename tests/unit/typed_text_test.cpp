#include "core/typed_text.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace fluxacct {
namespace {

TEST(AffinityOf, SchemaTypes) {
  EXPECT_EQ(affinity_of("int(11)"), Affinity::kInteger);
  EXPECT_EQ(affinity_of("bigint(20)"), Affinity::kInteger);
  EXPECT_EQ(affinity_of("integer"), Affinity::kInteger);
  EXPECT_EQ(affinity_of("INT"), Affinity::kInteger);
  EXPECT_EQ(affinity_of("real"), Affinity::kReal);
  EXPECT_EQ(affinity_of("double precision"), Affinity::kReal);
  EXPECT_EQ(affinity_of("tinytext"), Affinity::kText);
  EXPECT_EQ(affinity_of("char(16)"), Affinity::kText);
  EXPECT_EQ(affinity_of("TEXT"), Affinity::kText);
  EXPECT_EQ(affinity_of(""), Affinity::kText);
}

Value ok(Affinity a, const std::string& text) {
  std::string expected;
  auto v = parse_typed(a, text, &expected);
  EXPECT_TRUE(v.has_value()) << text << ": " << expected;
  return v.value_or(Value{});
}

std::string refused(Affinity a, const std::string& text) {
  std::string expected;
  auto v = parse_typed(a, text, &expected);
  EXPECT_FALSE(v.has_value()) << text;
  return expected;
}

TEST(ParseTyped, Integers) {
  EXPECT_EQ(ok(Affinity::kInteger, "42"), Value(std::int64_t{42}));
  EXPECT_EQ(ok(Affinity::kInteger, "-7"), Value(std::int64_t{-7}));
  EXPECT_EQ(ok(Affinity::kInteger, "+7"), Value(std::int64_t{7}));
  EXPECT_EQ(ok(Affinity::kInteger, " 5 "), Value(std::int64_t{5}));
  EXPECT_EQ(ok(Affinity::kInteger, "9223372036854775807"),
            Value(std::int64_t{9223372036854775807}));
  EXPECT_EQ(ok(Affinity::kInteger, "5.0"), Value(std::int64_t{5}));
  EXPECT_EQ(ok(Affinity::kInteger, "1e3"), Value(std::int64_t{1000}));
  EXPECT_EQ(refused(Affinity::kInteger, "abc"), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, "1.5"), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, ""), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, "-"), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, "inf"), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, "0x10"), "an integer");
  EXPECT_EQ(refused(Affinity::kInteger, "9223372036854775808"), "an integer in range");
}

TEST(ParseTyped, Numbers) {
  EXPECT_EQ(ok(Affinity::kReal, "0.5"), Value(0.5));
  EXPECT_EQ(ok(Affinity::kReal, "3"), Value(3.0));
  EXPECT_EQ(ok(Affinity::kReal, ".5"), Value(0.5));
  EXPECT_EQ(ok(Affinity::kReal, "5."), Value(5.0));
  EXPECT_EQ(ok(Affinity::kReal, "1e-07"), Value(1e-7));
  EXPECT_EQ(ok(Affinity::kReal, "-2.5E+3"), Value(-2500.0));
  EXPECT_EQ(ok(Affinity::kReal, "inf"), Value(INFINITY));
  EXPECT_EQ(ok(Affinity::kReal, "-Infinity"), Value(-INFINITY));
  for (const char* bad : {"", "nan", "abc", "1e", "e5", ".", "0x1p3", "1.2.3", "1,5", "5 x"})
    EXPECT_EQ(refused(Affinity::kReal, bad), "a number") << bad;
}

TEST(ParseTyped, TextIsKeptAsItIs) {
  EXPECT_EQ(ok(Affinity::kText, " 007 "), Value(std::string(" 007 ")));
  EXPECT_EQ(ok(Affinity::kText, ""), Value(std::string()));
}

}  // namespace
}  // namespace fluxacct
