#include "core/duration_expr.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// A number as Python's float() reads it, less NaN (no duration compares
// with NaN, and SQLite would bind it as NULL): surrounding whitespace,
// decimal and exponent forms, inf/infinity. Hexadecimal is refused (strtod
// takes it; float() does not).
bool parse_number(std::string_view text, double& out) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return false;
  for (char c : text)
    if (c == 'x' || c == 'X' || c == 'p' || c == 'P') return false;
  std::string s(text);
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && !std::isnan(out);
}

}  // namespace

std::string_view sql_operator(CompareOp op) {
  switch (op) {
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessEqual:
      return "<=";
    case CompareOp::kEqual:
      return "=";
    case CompareOp::kGreaterEqual:
      return ">=";
    case CompareOp::kGreater:
      return ">";
  }
  return "=";
}

bool compare(double lhs, const DurationExpr& e) {
  switch (e.op) {
    case CompareOp::kLess:
      return lhs < e.value;
    case CompareOp::kLessEqual:
      return lhs <= e.value;
    case CompareOp::kEqual:
      return lhs == e.value;
    case CompareOp::kGreaterEqual:
      return lhs >= e.value;
    case CompareOp::kGreater:
      return lhs > e.value;
  }
  return false;
}

DurationExpr parse_duration_expr(std::string_view text) {
  // Upstream splits on single spaces, so "<  60" (two spaces) is three parts.
  const auto space = text.find(' ');
  if (space == std::string_view::npos || text.find(' ', space + 1) != std::string_view::npos)
    throw Error("expression expects one operator and one value");
  const std::string_view op = text.substr(0, space);
  DurationExpr e{CompareOp::kEqual, 0};
  if (op == "<")
    e.op = CompareOp::kLess;
  else if (op == "<=")
    e.op = CompareOp::kLessEqual;
  else if (op == "=")
    e.op = CompareOp::kEqual;
  else if (op == ">=")
    e.op = CompareOp::kGreaterEqual;
  else if (op == ">")
    e.op = CompareOp::kGreater;
  else
    throw Error("expression must start with <, <=, =, >=, or >");
  if (!parse_number(text.substr(space + 1), e.value))
    throw Error("expression expects to be compared with a number");
  return e;
}

std::vector<DurationExpr> parse_duration_exprs(const std::vector<std::string>& texts) {
  std::vector<DurationExpr> out;
  out.reserve(texts.size());
  for (const auto& t : texts) out.push_back(parse_duration_expr(t));
  return out;
}

}  // namespace fluxacct
