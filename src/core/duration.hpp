// Flux Standard Duration (RFC 23): a non-negative number with an optional
// unit suffix: ms, s, m, h, d ("30s", "15m", "8h", "14d", "1.5h"); a bare
// number is seconds.
#pragma once

#include <string_view>

namespace fluxacct {

// Seconds in `text`; throws Error("invalid Flux standard duration: '...'").
double parse_fsd(std::string_view text);

}  // namespace fluxacct
