#include "core/pyformat.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace fluxacct::py {
namespace {

TEST(FloatRepr, MatchesPython) {
  EXPECT_EQ(float_repr(1.0), "1.0");
  EXPECT_EQ(float_repr(0.5), "0.5");
  EXPECT_EQ(float_repr(100000.0), "100000.0");
  EXPECT_EQ(float_repr(0.1), "0.1");
  EXPECT_EQ(float_repr(1e-05), "1e-05");
  EXPECT_EQ(float_repr(0.0001), "0.0001");
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1234567890123456.0), "1234567890123456.0");
  EXPECT_EQ(float_repr(2.5e-310), "2.5e-310");
  EXPECT_EQ(float_repr(-3.25), "-3.25");
  EXPECT_EQ(float_repr(0.857143), "0.857143");
  EXPECT_EQ(float_repr(17044.0), "17044.0");
  EXPECT_EQ(float_repr(1.0 / 3), "0.3333333333333333");
}

TEST(Str, ValuesAsPythonPrintsThem) {
  EXPECT_EQ(str(Value{}), "None");
  EXPECT_EQ(str(Value{std::int64_t{42}}), "42");
  EXPECT_EQ(str(Value{std::string("a b")}), "a b");
}

TEST(Json, EnsureAsciiEscapes) {
  EXPECT_EQ(json_string("caf\xc3\xa9"), "\"caf\\u00e9\"");
  EXPECT_EQ(json_string("\xf0\x9f\x98\x80"), "\"\\ud83d\\ude00\"");
  EXPECT_EQ(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(json(Value{}), "null");
  EXPECT_EQ(json(Value{0.5}), "0.5");
}

TEST(FormatValue, SpecMiniLanguage) {
  EXPECT_EQ(format_value(Value{std::string("ab")}, "<5"), "ab   ");
  EXPECT_EQ(format_value(Value{std::string("ab")}, ">5"), "   ab");
  EXPECT_EQ(format_value(Value{std::string("ab")}, "^6"), "  ab  ");
  EXPECT_EQ(format_value(Value{std::string("ab")}, "5"), "ab   ");
  EXPECT_EQ(format_value(Value{std::string("abcdef")}, ".3"), "abc");
  EXPECT_EQ(format_value(Value{std::int64_t{42}}, "5"), "   42");
  EXPECT_EQ(format_value(Value{std::int64_t{42}}, "05d"), "00042");
  EXPECT_EQ(format_value(Value{std::int64_t{1234567}}, ","), "1,234,567");
  EXPECT_EQ(format_value(Value{std::int64_t{-5}}, "+d"), "-5");
  EXPECT_EQ(format_value(Value{std::int64_t{5}}, "+d"), "+5");
  EXPECT_EQ(format_value(Value{0.5}, ".2f"), "0.50");
  EXPECT_EQ(format_value(Value{2.675}, ".2f"), "2.67");  // binary value is below .675
  EXPECT_EQ(format_value(Value{0.5}, "10.3f"), "     0.500");
  EXPECT_EQ(format_value(Value{std::int64_t{3}}, ".1f"), "3.0");
  EXPECT_EQ(format_value(Value{1.0}, ".3"), "1.0");
  EXPECT_EQ(format_value(Value{0.25}, ".0%"), "25%");
  EXPECT_EQ(format_value(Value{std::string("x")}, "*>4"), "***x");
  EXPECT_THROW(format_value(Value{std::string("x")}, "d"), Error);
  EXPECT_THROW(format_value(Value{1.5}, "d"), Error);
}

TEST(FormatString, FieldsHeaderAndRows) {
  FormatString f("{username:<8}|{shares:>4d}|{{x}}");
  EXPECT_EQ(f.fields(), (std::vector<std::string>{"username", "shares"}));
  EXPECT_EQ(f.header(), "username|shares|{x}");
  EXPECT_EQ(f.apply({{"username", Value{std::string("bob")}}, {"shares", Value{std::int64_t{3}}}}),
            "bob     |   3|{x}");
  EXPECT_THROW(FormatString("{oops"), Error);
  EXPECT_THROW(FormatString("oops}"), Error);
}

}  // namespace
}  // namespace fluxacct::py
