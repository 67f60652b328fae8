#include "core/duration.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace fluxacct {

double parse_fsd(std::string_view text) {
  std::string s(text);
  auto bad = [&] { return Error("invalid Flux standard duration: '" + s + "'"); };
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) throw bad();
  if (s == "inf" || s == "infinity" || s == "INF" || s == "INFINITY") return INFINITY;
  // <number>[unit], number = [0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?, scanned by
  // hand: std::regex recurses per character and overflows the stack on
  // long input (found by tests/fuzz/fuzz_duration).
  auto digits = [&](size_t i) {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i;
  };
  size_t end = digits(0);
  if (end < s.size() && s[end] == '.') {
    size_t frac = digits(end + 1);
    if (frac == end + 1) throw bad();
    end = frac;
  } else if (end == 0) {
    throw bad();
  }
  if (end < s.size() && (s[end] == 'e' || s[end] == 'E')) {
    size_t exp = end + 1;
    if (exp < s.size() && (s[exp] == '-' || s[exp] == '+')) ++exp;
    size_t exp_end = digits(exp);
    if (exp_end > exp) end = exp_end;
  }
  double v = std::strtod(s.substr(0, end).c_str(), nullptr);
  if (!std::isfinite(v)) throw bad();
  std::string unit = s.substr(end);
  double mult;
  if (unit.empty() || unit == "s")
    mult = 1;
  else if (unit == "ms")
    mult = 0.001;
  else if (unit == "m")
    mult = 60;
  else if (unit == "h")
    mult = 3600;
  else if (unit == "d")
    mult = 86400;
  else
    throw bad();
  return v * mult;
}

}  // namespace fluxacct
