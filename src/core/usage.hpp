// Job usage: what one job costs, and how an association's usage history
// ages from one half-life period to the next. Pure arithmetic; update-usage
// (store/usage_update.hpp) feeds it what it reads from the database.
//
// An association's history is a list of bins, one per half-life period:
// bin 0 is the current period, bin i the period i periods ago. Periods are
// one half-life long and aligned to the database's creation (or its last
// re-bin). When a run of update-usage finds that k periods have ended since
// the last one, every bin moves k places towards the old end, each place
// multiplying it by the decay factor, and bins moved past the last fall off.
// The usage of the jobs that ended since the last run is then added to bin
// 0. An association's usage is the sum of its bins.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/flux_r.hpp"

namespace fluxacct::usage {

// Per-resource weights of a job's cost (config_table node_weight,
// core_weight, gpu_weight; upstream's defaults count node-seconds).
struct Weights {
  double node = 1.0;
  double core = 0.0;
  double gpu = 0.0;
};

// Python's round(x, ndigits): x rounded to ndigits decimal places, ties to
// even on x's exact binary value (round(2.675, 2) is 2.67 because the double
// 2.675 is a little below it), the result being the double nearest that
// decimal. Infinities and NaN come back unchanged.
double python_round(double x, int ndigits);

// The cost of one job, exactly as upstream computes it:
//   round(((nnodes * node) + (ncores * core) + (ngpus * gpu)) * (t_inactive - t_run), 5)
double job_cost(const ResourceCounts& r, double t_run, double t_inactive, const Weights& w);

// How many periods have ended by `now` when the current one ends at `end`
// and each lasts `half_life` seconds (> 0): 0 while now < end, else
// floor((now - end) / half_life) + 1. A period that ends exactly at `now`
// has ended.
std::int64_t periods_ended(double end, double half_life, double now);

// The end of the current period after `closed` periods ended: end + closed * half_life.
double next_period_end(double end, double half_life, std::int64_t closed);

// Closes `periods` periods: each bin moves that many places towards the old
// end, multiplied by `decay` once per place (so closing k periods at once
// gives exactly what k runs closing one each give); the first `periods` bins
// become 0 and bins moved past the last are dropped.
void close_periods(std::vector<double>& bins, std::int64_t periods, double decay);

// An association's usage: bin 0 plus the sum of the older bins (added in
// order), the order in which upstream sums them, so totals agree to the bit.
// 0 for no bins.
double total_usage(std::span<const double> bins);

// Sums job costs in the order they are given (jobs in order of t_inactive,
// as upstream adds them), starting from the first one.
class CostSum {
 public:
  void add(double cost) {
    sum_ = count_ == 0 ? cost : sum_ + cost;
    ++count_;
  }
  double sum() const { return sum_; }
  std::int64_t count() const { return count_; }

 private:
  double sum_ = 0.0;
  std::int64_t count_ = 0;
};

// One association's part of a run: closes `periods` periods of its bins,
// then adds `new_usage` (the sum of its new jobs' costs) to bin 0. Bins are
// created (`bin_count` of them, all 0) when it has none.
void advance(std::vector<double>& bins, std::int64_t periods, double decay, double new_usage,
             int bin_count);

}  // namespace fluxacct::usage
