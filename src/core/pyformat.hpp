// Python's text forms of values, which upstream's output is made of:
// str()/repr() of ints, floats and strings, and the str.format() mini
// language that administrators write in -o/--format strings.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace fluxacct::py {

// repr(float): shortest round-trip digits, "1.0" not "1", "1e-05", "inf", "nan".
std::string float_repr(double v);
// str(value): None for null, repr for floats, text as is.
std::string str(const Value& v);
// json.dumps(value) with ensure_ascii=True (upstream's default).
std::string json(const Value& v);
std::string json_string(std::string_view s);

// format(value, spec) for the spec mini-language:
// [[fill]align][sign][#][0][width][,|_][.precision][type].
// Throws Error with Python's message when the spec does not fit the value.
std::string format_value(const Value& v, std::string_view spec);

// A parsed format string such as "{username:<12} {shares:>5}".
class FormatString {
 public:
  // Throws Error on malformed braces.
  explicit FormatString(std::string_view text);

  // Field names in order of appearance.
  std::vector<std::string> fields() const;
  // The format applied to a row (values keyed by field name).
  std::string apply(const std::map<std::string, Value, std::less<>>& row) const;
  // The header line: each field's name formatted with only its fill, align
  // and width, so numeric specs do not fail on the column names.
  std::string header() const;

 private:
  struct Piece {
    std::string literal;  // text before the field
    std::string field;    // empty for the trailing literal
    std::string conversion;
    std::string spec;
    bool has_field = false;
  };
  std::vector<Piece> pieces_;
};

}  // namespace fluxacct::py
