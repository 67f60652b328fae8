#include "core/usage.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace fluxacct::usage {

double python_round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  // The exact decimal expansion of a double rounded to `ndigits` places
  // (std::to_chars is exact, ties to even, like Python's dtoa in mode 3),
  // read back as the nearest double: what CPython's double_round does.
  // 309 integer digits at most, a sign, a point and the fraction.
  char buf[400];
  auto out = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, ndigits);
  if (out.ec != std::errc()) return x;
  double rounded = x;
  std::from_chars(buf, out.ptr, rounded);
  return rounded;
}

double job_cost(const ResourceCounts& r, double t_run, double t_inactive, const Weights& w) {
  const double weighted = (static_cast<double>(r.nnodes) * w.node) +
                          (static_cast<double>(r.ncores) * w.core) +
                          (static_cast<double>(r.ngpus) * w.gpu);
  return python_round(weighted * (t_inactive - t_run), 5);
}

std::int64_t periods_ended(double end, double half_life, double now) {
  if (!(now >= end)) return 0;
  const double whole = std::floor((now - end) / half_life);
  // Far past every bin: any count of at least one more than the bins kept
  // has the same effect, so a huge gap need not fit an integer.
  if (!(whole < 9.0e15)) return static_cast<std::int64_t>(9.0e15);
  return static_cast<std::int64_t>(whole) + 1;
}

double next_period_end(double end, double half_life, std::int64_t closed) {
  return end + static_cast<double>(closed) * half_life;
}

void close_periods(std::vector<double>& bins, std::int64_t periods, double decay) {
  if (periods <= 0 || bins.empty()) return;
  const auto n = static_cast<std::int64_t>(bins.size());
  if (periods >= n) {
    std::fill(bins.begin(), bins.end(), 0.0);
    return;
  }
  // From the old end, so that nothing is overwritten before it moves.
  for (std::int64_t to = n - 1; to >= periods; --to) {
    double v = bins[static_cast<std::size_t>(to - periods)];
    for (std::int64_t step = 0; step < periods && v != 0.0; ++step) v *= decay;
    bins[static_cast<std::size_t>(to)] = v;
  }
  std::fill(bins.begin(), bins.begin() + periods, 0.0);
}

double total_usage(std::span<const double> bins) {
  if (bins.empty()) return 0.0;
  double older = 0.0;
  for (std::size_t i = 1; i < bins.size(); ++i) older += bins[i];
  return bins[0] + older;
}

void advance(std::vector<double>& bins, std::int64_t periods, double decay, double new_usage,
             int bin_count) {
  if (bins.empty()) bins.assign(static_cast<std::size_t>(std::max(bin_count, 1)), 0.0);
  close_periods(bins, periods, decay);
  if (new_usage != 0.0) bins[0] = new_usage + bins[0];
}

}  // namespace fluxacct::usage
