#include "cli/bank_tree.hpp"

#include <gtest/gtest.h>

namespace fluxacct::cli {
namespace {

Value i(std::int64_t v) { return Value{v}; }
Value d(double v) { return Value{v}; }

// Appends a node below `parent` (kNoParent for the top), in pre-order.
std::size_t add(store::BankTree& t, std::size_t parent, bool is_user, const std::string& name,
                std::int64_t active, double usage, double fs = 0.5) {
  store::BankTreeNode n;
  n.is_user = is_user;
  n.name = name;
  n.active = i(active);
  n.shares = i(1);
  n.job_usage = d(usage);
  if (is_user) n.fairshare = d(fs);
  n.parent = parent;
  if (parent != store::BankTreeNode::kNoParent) {
    n.depth = t.nodes[parent].depth + 1;
    n.parent_name = t.nodes[parent].name;
  }
  t.nodes.push_back(n);
  return t.nodes.size() - 1;
}

std::size_t bank(store::BankTree& t, std::size_t parent, const std::string& name, double usage,
                 std::int64_t active = 1) {
  return add(t, parent, false, name, active, usage);
}

std::size_t user(store::BankTree& t, std::size_t parent, const std::string& name,
                 std::int64_t active, double usage, double fs) {
  return add(t, parent, true, name, active, usage, fs);
}

constexpr std::size_t kTop = store::BankTreeNode::kNoParent;

TEST(Round2, RoundsTheExactValueHalfToEvenAndPrintsLikePython) {
  EXPECT_EQ(round2_str(d(133.0)), "133.0");
  EXPECT_EQ(round2_str(d(133.456)), "133.46");
  EXPECT_EQ(round2_str(d(2.675)), "2.67");  // 2.67499999... in binary
  EXPECT_EQ(round2_str(d(0.125)), "0.12");  // an exact tie goes to even
  EXPECT_EQ(round2_str(d(0.375)), "0.38");
  EXPECT_EQ(round2_str(d(1e-05)), "0.0");
  EXPECT_EQ(round2_str(d(-0.001)), "-0.0");
  EXPECT_EQ(round2_str(d(1e22)), "1e+22");
  EXPECT_EQ(round2_str(d(123456789.129)), "123456789.13");
  EXPECT_EQ(round2_str(i(7)), "7");  // round(int, 2) is the int
  EXPECT_EQ(round2_str(Value{}), "None");
}

TEST(BankTree, FixedWidthLayout) {
  store::BankTree top;
  auto root = bank(top, kTop, "root", 10.0);
  auto a = bank(top, root, "A", 4.5);
  user(top, a, "u1", 1, 4.5, 1.0);
  user(top, a, "u2", 0, 0.0, 0.5);
  auto d1 = bank(top, root, "D", 0.0, 0);
  bank(top, d1, "E", 0.0);
  const std::string want =
      "Bank                            Username              Active           RawShares"
      "            RawUsage           Fairshare\n"
      "root                                                    true                   1"
      "                10.0\n"
      " A                                                      true                   1"
      "                 4.5\n"
      "  A                                   u1                true                   1"
      "                 4.5                 1.0\n"
      "  A                                   u2               false                   1"
      "                 0.0                 0.5\n"
      " D                                                     false                   1"
      "                 0.0\n"
      "  E                                                     true                   1"
      "                 0.0\n";
  EXPECT_EQ(format_bank_tree(top), want);
}

TEST(BankTree, ParsableLayout) {
  store::BankTree top;
  auto a = bank(top, bank(top, kTop, "root", 2.675), "A", 1.23456);
  user(top, a, "u1", 1, 1.23456, 0.857143);
  EXPECT_EQ(format_bank_tree_parsable(top),
            "Bank|Username|Active|RawShares|RawUsage|Fairshare\n"
            "root||true|1|2.67\n"
            " A||true|1|1.23456\n"
            "  A|u1|true|1|1.23456|0.857143\n");
}

TEST(BankTree, WidthsCountCodePointsAndDeepIndentsPadNothing) {
  store::BankTree top;
  user(top, bank(top, kTop, "é", 0.0), "ü", 1, 0.0, 0.5);
  std::string out = format_bank_tree(top);
  // "é" left-justified to 20 code points: 19 spaces after it.
  EXPECT_NE(out.find("\xC3\xA9" + std::string(19 + 20, ' ')), std::string::npos);
  EXPECT_NE(out.find(" \xC3\xA9" + std::string(19, ' ') + std::string(18, ' ') + "\xC3\xBC"),
            std::string::npos);

  // 25 levels deep the indent is wider than the Username column: no padding.
  store::BankTree chain;
  std::size_t below = kTop;
  for (int level = 0; level < 25; ++level) below = bank(chain, below, "b", 0.0);
  user(chain, bank(chain, below, "leaf", 0.0), "x", 1, 0.0, 0.5);
  out = format_bank_tree(chain);
  std::string deep_user =
      std::string(26, ' ') + "leaf" + std::string(16, ' ') + "x" + std::string(16, ' ') + "true";
  EXPECT_NE(out.find(deep_user), std::string::npos) << out;
}

}  // namespace
}  // namespace fluxacct::cli
