// The comparison expressions of view-job-records' duration filters
// (-d/--requested-duration, -e/--actual-duration, -D/--duration-delta):
// "<op> <number>", an operator and a number separated by exactly one space,
// with the operator one of <, <=, =, >=, >. Several expressions on one
// option are all required to hold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fluxacct {

enum class CompareOp { kLess, kLessEqual, kEqual, kGreaterEqual, kGreater };

struct DurationExpr {
  CompareOp op;
  double value;
  bool operator==(const DurationExpr&) const = default;
};

// The operator as SQL writes it ("<", "<=", "=", ">=", ">").
std::string_view sql_operator(CompareOp op);

// Whether `lhs op value` holds.
bool compare(double lhs, const DurationExpr& e);

// Parses one expression. Throws Error with upstream's messages:
//   "expression expects one operator and one value"  (not two parts)
//   "expression must start with <, <=, =, >=, or >"  (unknown operator)
//   "expression expects to be compared with a number" (not a number; NaN too)
DurationExpr parse_duration_expr(std::string_view text);
std::vector<DurationExpr> parse_duration_exprs(const std::vector<std::string>& texts);

}  // namespace fluxacct
