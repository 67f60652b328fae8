#include "cli/output_format.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

const OutputFormat::Headings kHeadings = {
    {"name", "NAME"}, {"n", "N"}, {"t", "T"}, {"empty", "EMPTY"}, {"x.y", "x.y"}};

using Item = std::map<std::string, Value, std::less<>>;

FieldGetter getter(const Item& item) {
  return [&item](std::size_t i) {
    auto it = item.find(kHeadings[i].first);
    return it == item.end() ? Value{} : it->second;
  };
}

std::string error_of(const std::string& format) {
  try {
    OutputFormat f(format, kHeadings);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(OutputFormat, HeaderKeepsOnlyAlignAndWidth) {
  OutputFormat f("{name:*>8} | {n:<6d} | {t:10.2f}|{x.y}", kHeadings);
  EXPECT_EQ(f.header(), "    NAME | N      | T         |x.y");
  Item item{
      {"name", std::string("ab")}, {"n", std::int64_t{7}}, {"t", 1.5}, {"x.y", std::string("q")}};
  EXPECT_EQ(f.format(getter(item)), "******ab | 7      |       1.50|q");
}

TEST(OutputFormat, Errors) {
  EXPECT_EQ(error_of("{name} {bogus}"), "Unknown format field: bogus");
  EXPECT_EQ(error_of("sort:nope {name}"), "Invalid sort key: nope");
  EXPECT_EQ(error_of("{name!z}"), "Unknown conversion specifier z");
  EXPECT_EQ(error_of("{name"), "expected '}' before end of string");
  EXPECT_EQ(error_of("name}"), "Single '}' encountered in format string");
  EXPECT_EQ(error_of("{0.name} {{literal}}"), "");
}

TEST(OutputFormat, SortKeys) {
  OutputFormat f("sort:-n, name {name} {n}", kHeadings);
  ASSERT_EQ(f.sort_keys().size(), 2u);
  EXPECT_EQ(f.sort_keys()[0].field, "n");
  EXPECT_EQ(f.sort_keys()[0].index, 1u);
  EXPECT_TRUE(f.sort_keys()[0].reverse);
  EXPECT_EQ(f.sort_keys()[1].field, "name");
  EXPECT_FALSE(f.sort_keys()[1].reverse);
  EXPECT_EQ(f.header(), "NAME N");
}

TEST(OutputFormat, SuppressAndWiden) {
  OutputFormat f("{name} ?:{empty} +:{n:>2}|?+:{t}", kHeadings);
  ASSERT_TRUE(f.needs_scan());
  Item a{{"name", std::string("a")},
         {"empty", std::string("")},
         {"n", std::int64_t{12345}},
         {"t", 0.0}};
  Item b{
      {"name", std::string("b")}, {"empty", std::string("")}, {"n", std::int64_t{1}}, {"t", 2.5}};
  f.observe(getter(a));
  f.observe(getter(b));
  f.resolve();
  EXPECT_EQ(f.header(), "NAME     N|T  ");
  EXPECT_EQ(f.format(getter(a)), "a 12345|0.0");
  EXPECT_EQ(f.format(getter(b)), "b     1|2.5");
}

TEST(OutputFormat, SuppressedWhenEmptyForAll) {
  OutputFormat f("{name}?:{t}", kHeadings);
  Item a{{"name", std::string("a")}, {"t", 0.0}};
  f.observe(getter(a));
  f.resolve();
  EXPECT_EQ(f.header(), "NAME");
  EXPECT_EQ(f.format(getter(a)), "a");
}

TEST(OutputFormat, FluxConversions) {
  setenv("TZ", "UTC", 1);
  tzset();
  Item item{{"t", 1767225600.5},
            {"n", std::int64_t{3725}},
            {"empty", std::string("")},
            {"name", std::string("abcdef")}};
  auto line = [&](const std::string& fmt) {
    return OutputFormat(fmt, kHeadings).format(getter(item));
  };
  EXPECT_EQ(line("{t!D}"), "2026-01-01T00:00:00");
  EXPECT_EQ(line("{t!d:%Y/%m/%d %H:%M::>17}"), " 2026/01/01 00:00");
  EXPECT_EQ(line("{t!d}"), "2026-01-01T00:00:00");
  EXPECT_EQ(line("{n!H}"), "1:02:05");
  EXPECT_EQ(line("{n!F}"), "1.035h");
  EXPECT_EQ(line("{t!P}"), "1.77e+11%");
  EXPECT_EQ(line("{empty:>3h}"), "  -");
  EXPECT_EQ(line("{name:.3+}"), "ab+");
  EXPECT_EQ(line("{name:<8W}"), "abcdef  ");
  EXPECT_EQ(line("{name!r}"), "'abcdef'");
  Item days{{"n", std::int64_t{2 * 86400 + 5}}, {"t", 0.25}};
  EXPECT_EQ(OutputFormat("{n!H}", kHeadings).format(getter(days)), "2 days, 0:00:05");
  EXPECT_EQ(OutputFormat("{t!P}", kHeadings).format(getter(days)), "25%");
  EXPECT_EQ(OutputFormat("{n!F}", kHeadings).format(getter(days)), "2d");
}

TEST(OutputFormat, BlankLinesAreSkipped) {
  OutputFormat f("{empty}  ", kHeadings);
  Item item{{"empty", std::string("")}};
  EXPECT_EQ(f.format(getter(item)), "");
}

}  // namespace
}  // namespace fluxacct::cli
