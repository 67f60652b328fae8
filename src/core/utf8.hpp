// UTF-8 validation for text that reaches the database from outside (job
// records, JSON lines): text columns must hold text every reader can decode.
#pragma once

#include <string_view>

namespace fluxacct {

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates,
// nothing above U+10FFFF (RFC 3629). Plain ASCII is checked sixteen bytes at
// a time.
bool is_valid_utf8(std::string_view s);

}  // namespace fluxacct
