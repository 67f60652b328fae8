#include "core/fairshare_input.hpp"

#include <gtest/gtest.h>

#include <string>

namespace fluxacct {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_fairshare_input(text);
  } catch (const FairshareInputError& e) {
    return e.python_class() + ": " + e.what();
  }
  return "";
}

TEST(FairshareInput, BuildsTheTreeInInputOrder) {
  auto in = parse_fairshare_input(R"({"root": {"bank": "r", "usage": 7, "children": [
      {"bank": "a", "children": [{"username": "z", "shares": 3}, {"username": "y", "usage": 1.5}]},
      {"username": "top", "shares": 2.5}]}})");
  ASSERT_EQ(in.tree.size(), 5u);
  EXPECT_EQ(in.tree.usage(0), 7.0);   // a bank's usage is taken as given
  EXPECT_EQ(in.tree.shares(0), 1.0);  // default shares
  ASSERT_EQ(in.users.size(), 3u);
  EXPECT_EQ(in.users[0].username, "z");
  EXPECT_EQ(in.users[0].bank, "a");
  EXPECT_EQ(in.users[0].shares, Value{std::int64_t{3}});
  EXPECT_EQ(in.users[0].usage, Value{0.0});  // default usage is the float 0.0
  EXPECT_EQ(in.users[1].usage, Value{1.5});
  EXPECT_EQ(in.users[2].bank, "r");
  EXPECT_EQ(in.user_of(in.users[1].node).username, "y");
  auto kids = in.tree.children(1);  // bank a
  ASSERT_EQ(kids.size(), 2u);
  EXPECT_EQ(in.tree.name(kids[0]), "z");  // siblings keep their input order
}

TEST(FairshareInput, Errors) {
  EXPECT_EQ(error_of(R"({"x": 1})"), "ValueError: JSON must contain 'root' key");
  EXPECT_EQ(error_of(R"([1])"), "ValueError: JSON must contain 'root' key");
  EXPECT_EQ(error_of(R"({"root": {}})"), "ValueError: Node must have 'username' or 'bank' key");
  EXPECT_EQ(error_of(R"({"root": {"bank": null}})"),
            "ValueError: Node must have 'username' or 'bank' key");
  EXPECT_EQ(error_of(R"({"root": {"bank": "r", "shares": 1e999}})").substr(0, 16),
            "JSONDecodeError:");
  EXPECT_EQ(error_of(R"({"root": {"bank": "r", "usage": -0.5}})"),
            "ValueError: bank 'r': 'usage' must be a finite non-negative number, got -0.5");
  EXPECT_EQ(error_of("{\"root\": ").rfind("JSONDecodeError: invalid JSON in input file: ", 0), 0u);
}

TEST(FairshareInput, DeepNesting) {
  const int depth = 200000;
  std::string text = R"({"root": {"bank": "r", "children": [)";
  for (int i = 0; i < depth; ++i) text += R"({"bank": "b", "children": [)";
  text += R"({"username": "u"})";
  for (int i = 0; i < depth; ++i) text += "]}";
  text += "]}}";
  auto in = parse_fairshare_input(text);
  EXPECT_EQ(in.tree.size(), static_cast<std::size_t>(depth) + 2);
  ASSERT_EQ(in.users.size(), 1u);
  EXPECT_EQ(in.users[0].bank, "b");
}

}  // namespace
}  // namespace fluxacct
