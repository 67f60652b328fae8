// A single SQLite value as the database stored it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace fluxacct {

// SQLite is dynamically typed, and upstream prints what the database holds
// (an integer column may hold text written by an old tool), so values keep
// their storage class instead of being coerced to the declared type.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }

}  // namespace fluxacct
