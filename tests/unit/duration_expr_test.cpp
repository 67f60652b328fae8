#include "core/duration_expr.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace fluxacct {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_duration_expr(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(DurationExpr, EveryOperator) {
  EXPECT_EQ(parse_duration_expr("< 60"), (DurationExpr{CompareOp::kLess, 60}));
  EXPECT_EQ(parse_duration_expr("<= 1.5"), (DurationExpr{CompareOp::kLessEqual, 1.5}));
  EXPECT_EQ(parse_duration_expr("= 0"), (DurationExpr{CompareOp::kEqual, 0}));
  EXPECT_EQ(parse_duration_expr(">= -5"), (DurationExpr{CompareOp::kGreaterEqual, -5}));
  EXPECT_EQ(parse_duration_expr("> 1e3"), (DurationExpr{CompareOp::kGreater, 1000}));
  EXPECT_TRUE(std::isinf(parse_duration_expr("< inf").value));
}

TEST(DurationExpr, SqlOperatorsAndCompare) {
  EXPECT_EQ(sql_operator(CompareOp::kLess), "<");
  EXPECT_EQ(sql_operator(CompareOp::kLessEqual), "<=");
  EXPECT_EQ(sql_operator(CompareOp::kEqual), "=");
  EXPECT_EQ(sql_operator(CompareOp::kGreaterEqual), ">=");
  EXPECT_EQ(sql_operator(CompareOp::kGreater), ">");
  EXPECT_TRUE(compare(59, parse_duration_expr("< 60")));
  EXPECT_FALSE(compare(60, parse_duration_expr("< 60")));
  EXPECT_TRUE(compare(60, parse_duration_expr("<= 60")));
  EXPECT_TRUE(compare(60, parse_duration_expr("= 60")));
  EXPECT_TRUE(compare(60, parse_duration_expr(">= 60")));
  EXPECT_FALSE(compare(60, parse_duration_expr("> 60")));
}

TEST(DurationExpr, UpstreamMessages) {
  const std::string parts = "expression expects one operator and one value";
  const std::string op = "expression must start with <, <=, =, >=, or >";
  const std::string num = "expression expects to be compared with a number";
  EXPECT_EQ(error_of("<60"), parts);
  EXPECT_EQ(error_of("< 60 120"), parts);
  EXPECT_EQ(error_of("<  60"), parts);  // upstream splits on single spaces
  EXPECT_EQ(error_of(""), parts);
  EXPECT_EQ(error_of("foo 60"), op);
  EXPECT_EQ(error_of("== 60"), op);
  EXPECT_EQ(error_of("<60;DROP\\nTABLE\\njobs;< 50"), op);
  EXPECT_EQ(error_of("< foo"), num);
  EXPECT_EQ(error_of("< "), num);
  EXPECT_EQ(error_of("< 0x10"), num);
  EXPECT_EQ(error_of("< nan"), num);
}

TEST(DurationExpr, Lists) {
  auto v = parse_duration_exprs({"> 1", "< 121"});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1], (DurationExpr{CompareOp::kLess, 121}));
  EXPECT_TRUE(parse_duration_exprs({}).empty());
  EXPECT_THROW(parse_duration_exprs({"> 1", "bad"}), Error);
}

}  // namespace
}  // namespace fluxacct
