#include "core/typed_text.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace fluxacct {
namespace {

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A decimal number as Python's float() reads it, or inf/infinity.
bool parse_real(const std::string& s, double& out) {
  std::string_view v = s;
  const bool negative = !v.empty() && v[0] == '-';
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) v.remove_prefix(1);
  const std::string word = upper(v);
  if (word == "INF" || word == "INFINITY") {
    out = negative ? -INFINITY : INFINITY;
    return true;
  }
  std::size_t i = 0, digits = 0;
  auto skip_digits = [&] {
    std::size_t n = 0;
    for (; i < v.size() && is_digit(v[i]); ++i) ++n;
    return n;
  };
  digits += skip_digits();
  if (i < v.size() && v[i] == '.') {
    ++i;
    digits += skip_digits();
  }
  if (digits == 0) return false;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    if (skip_digits() == 0) return false;
  }
  if (i != v.size()) return false;
  out = std::strtod(s.c_str(), nullptr);
  return true;
}

}  // namespace

Affinity affinity_of(std::string_view declared_type) {
  const std::string t = upper(declared_type);
  if (t.find("INT") != std::string::npos) return Affinity::kInteger;
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos)
    return Affinity::kReal;
  return Affinity::kText;
}

std::optional<Value> parse_typed(Affinity affinity, const std::string& text,
                                 std::string* expected) {
  if (affinity == Affinity::kText) return Value(text);
  const std::string t = trimmed(text);
  auto refuse = [&](const char* what) -> std::optional<Value> {
    if (expected) *expected = what;
    return std::nullopt;
  };
  double d = 0;
  if (affinity == Affinity::kReal)
    return parse_real(t, d) ? std::optional<Value>(d) : refuse("a number");

  const std::size_t start = !t.empty() && (t[0] == '+' || t[0] == '-') ? 1 : 0;
  bool digits = start < t.size();
  for (std::size_t k = start; digits && k < t.size(); ++k) digits = is_digit(t[k]);
  if (digits) {
    errno = 0;
    const long long v = std::strtoll(t.c_str(), nullptr, 10);
    if (errno == ERANGE) return refuse("an integer in range");
    return Value(static_cast<std::int64_t>(v));
  }
  // 5.0 and 1e3 are integers written as reals; 1.5 is not an integer.
  if (!parse_real(t, d) || !std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9.2e18)
    return refuse("an integer");
  return Value(static_cast<std::int64_t>(d));
}

}  // namespace fluxacct
