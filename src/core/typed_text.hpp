// Reading a value for a column of a declared SQL type from text, as pop-db
// does for every CSV cell: the column's type decides whether the text must
// be an integer, a number, or is stored as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/value.hpp"

namespace fluxacct {

// SQLite's type affinity of a declared type ("int(11)", "bigint(20)" and
// "integer" are integers; "real" a number; "tinytext", "char(16)" and an
// empty type text), reduced to the three kinds the schema uses.
enum class Affinity { kInteger, kReal, kText };
Affinity affinity_of(std::string_view declared_type);

// The value `text` stores in a column of `affinity`, or nullopt with
// `expected` set to what the text should have been ("an integer", "an
// integer in range", "a number"). Integers: an optional sign and digits
// (within 64 bits), or a real with an integral value (5.0, 1e3). Numbers: a
// decimal number, inf or infinity (no NaN, no hexadecimal). Spaces around a
// number are allowed, as SQLite's own conversion allows them. Text is kept
// as it is.
std::optional<Value> parse_typed(Affinity affinity, const std::string& text, std::string* expected);

}  // namespace fluxacct
