#include "core/duration.hpp"

#include <cmath>
#include <cstdlib>
#include <regex>
#include <string>

#include "core/error.hpp"

namespace fluxacct {

double parse_fsd(std::string_view text) {
  std::string s(text);
  auto bad = [&] { return Error("invalid Flux standard duration: '" + s + "'"); };
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) throw bad();
  if (s == "inf" || s == "infinity" || s == "INF" || s == "INFINITY") return INFINITY;
  static const std::regex re("^([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(ms|s|m|h|d)?$");
  std::smatch m;
  if (!std::regex_match(s, m, re)) throw bad();
  double v = std::strtod(m[1].str().c_str(), nullptr);
  if (!std::isfinite(v)) throw bad();
  std::string unit = m[2].str();
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
