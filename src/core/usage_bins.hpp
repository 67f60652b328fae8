// How many historical usage periods ("bins") an association keeps.
#pragma once

namespace fluxacct {

// Each association's past usage is kept in one bin per half-life period
// across the usage reset period: ceil(reset_period / half_life). When either
// setting is missing (pass 0), not positive or not finite, the count falls
// back to 4 (four one-week periods, upstream's default configuration).
// add-user and re-binning both use this one rule.
int usage_bin_count(double reset_period, double half_life);

}  // namespace fluxacct
