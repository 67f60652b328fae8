// Timestamps as administrators type them (--ignore-older-than, and the
// time filters of later commands), in the forms flux-core's parse_datetime
// accepts: epoch seconds ("1735689600", "1735689600.5"), "now", dates
// ("2025-01-01", "01/01/2025", "Jan 1, 2025", "1 Jan 2025"), dates with
// times ("2025-01-01 08:00:00", "2025-01-01T08:00", "01/01/2025 8:00",
// "Jan 1, 2025 8am", "Jan 1 2025 08:30pm"), ISO 8601 with "Z" or a UTC
// offset, and times relative to now ("-1d", "+2h", "now-30m", "yesterday",
// "today", "tomorrow"). Dates without a zone are local time (TZ); month
// names and am/pm are case-insensitive; years before 1970 are rejected.
#pragma once

#include <ctime>
#include <string_view>

namespace fluxacct {

// Seconds since the epoch; throws Error("invalid timestamp: '<text>'").
double parse_timestamp(std::string_view text, std::time_t now);

}  // namespace fluxacct
