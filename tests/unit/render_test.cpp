#include "cli/render.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

// Runs a renderer into a temporary file and returns what it wrote.
template <typename F>
std::string capture(F&& render_fn) {
  std::FILE* f = std::tmpfile();
  Output out(f);
  render_fn(out);
  std::fflush(f);
  std::rewind(f);
  std::string s;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

MemoryRows sample() {
  MemoryRows rows({"username", "active", "shares", "max_nodes", "fairshare", "queues"});
  rows.add({std::string("alice"), std::int64_t{1}, std::int64_t{10}, std::int64_t{2147483647}, 0.5,
            std::string("")});
  rows.add({std::string("bob"), std::int64_t{0}, std::int64_t{1}, std::int64_t{4}, 1.0,
            std::string("batch,debug")});
  return rows;
}

TEST(RenderTable, UpstreamLayout) {
  auto rows = sample();
  std::string got = capture([&](Output& o) { render_table(rows, o); });
  EXPECT_EQ(got,
            "username | active | shares | max_nodes | fairshare | queues     \n"
            "---------+--------+--------+-----------+-----------+------------\n"
            "alice    | true   | 10     | unlimited | 0.5       |            \n"
            "bob      | false  | 1      | 4         | 1.0       | batch,debug\n");
}

TEST(RenderTable, WidthCountsCharactersNotBytes) {
  MemoryRows rows({"username"});
  rows.add({std::string("j\xc3\xb6rg")});
  std::string got = capture([&](Output& o) { render_table(rows, o); });
  EXPECT_EQ(got, "username\n--------\nj\xc3\xb6rg    \n");
}

TEST(RenderJson, IndentTwoWithUnlimited) {
  auto rows = sample();
  std::string got = capture([&](Output& o) { render_json(rows, o); });
  EXPECT_EQ(got,
            "[\n"
            "  {\n"
            "    \"username\": \"alice\",\n"
            "    \"active\": 1,\n"
            "    \"shares\": 10,\n"
            "    \"max_nodes\": \"unlimited\",\n"
            "    \"fairshare\": 0.5,\n"
            "    \"queues\": \"\"\n"
            "  },\n"
            "  {\n"
            "    \"username\": \"bob\",\n"
            "    \"active\": 0,\n"
            "    \"shares\": 1,\n"
            "    \"max_nodes\": 4,\n"
            "    \"fairshare\": 1.0,\n"
            "    \"queues\": \"batch,debug\"\n"
            "  }\n"
            "]\n");
  MemoryRows none({"a"});
  EXPECT_EQ(capture([&](Output& o) { render_json(none, o); }), "[]\n");
}

TEST(RenderFormat, HeaderThenRawValues) {
  auto rows = sample();
  std::string got = capture(
      [&](Output& o) { render_format(rows, "{username:<8}|{max_nodes:>10}|{fairshare:.2f}", o); });
  EXPECT_EQ(got,
            "username| max_nodes|fairshare\n"
            "alice   |2147483647|0.50\n"
            "bob     |         4|1.00\n");
}

TEST(RenderFormat, UnknownColumnNamesTheAvailableOnes) {
  auto rows = sample();
  try {
    capture([&](Output& o) { render_format(rows, "{nope}", o); });
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Invalid column name in format string: nope. "
                 "Available columns: username,active,shares,max_nodes,fairshare,queues");
  }
}

TEST(ParseFields, ValidatesAgainstColumns) {
  EXPECT_EQ(parse_fields("username, bank", {"username", "bank", "shares"}),
            (std::vector<std::string>{"username", "bank"}));
  try {
    parse_fields("username,foo,bar", {"username"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid fields: foo, bar");
  }
}

}  // namespace
}  // namespace fluxacct::cli
