// UTF-8 validation for text that reaches the database from outside (job
// records, JSON lines): text columns must hold text every reader can decode.
#pragma once

#include <cstddef>
#include <string_view>

namespace fluxacct {

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates,
// nothing above U+10FFFF (RFC 3629). Plain ASCII is checked sixteen bytes at
// a time.
bool is_valid_utf8(std::string_view s);

// Python's len() of a str holding the UTF-8 text `s`: its code points (the
// bytes that do not continue a sequence), the width that padding counts.
std::size_t utf8_length(std::string_view s);

}  // namespace fluxacct
