#include "core/usage_bins.hpp"

#include <climits>
#include <cmath>

namespace fluxacct {

int usage_bin_count(double reset_period, double half_life) {
  constexpr int kFallback = 4;
  if (!std::isfinite(reset_period) || !std::isfinite(half_life)) return kFallback;
  if (reset_period <= 0 || half_life <= 0) return kFallback;
  const double n = std::ceil(reset_period / half_life);
  if (!(n >= 1)) return kFallback;
  return n >= static_cast<double>(INT_MAX) ? INT_MAX : static_cast<int>(n);
}

}  // namespace fluxacct
