#include "cli/bank_tree.hpp"

#include <gtest/gtest.h>

namespace fluxacct::cli {
namespace {

Value i(std::int64_t v) { return Value{v}; }
Value d(double v) { return Value{v}; }

store::TreeUser user(const std::string& name, std::int64_t active, double usage, double fs) {
  return {.username = name,
          .active = i(active),
          .shares = i(1),
          .job_usage = d(usage),
          .fairshare = d(fs)};
}

store::TreeBank bank(const std::string& name, double usage) {
  return {.name = name,
          .active = i(1),
          .shares = i(1),
          .job_usage = d(usage),
          .sub_banks = {},
          .users = {}};
}

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
  auto top = bank("root", 10.0);
  auto a = bank("A", 4.5);
  a.users.push_back(user("u1", 1, 4.5, 1.0));
  a.users.push_back(user("u2", 0, 0.0, 0.5));
  auto d1 = bank("D", 0.0);
  d1.active = i(0);
  d1.sub_banks.push_back(bank("E", 0.0));
  top.sub_banks = {a, d1};
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
  auto top = bank("root", 2.675);
  auto a = bank("A", 1.23456);
  a.users.push_back(user("u1", 1, 1.23456, 0.857143));
  top.sub_banks = {a};
  EXPECT_EQ(format_bank_tree_parsable(top),
            "Bank|Username|Active|RawShares|RawUsage|Fairshare\n"
            "root||true|1|2.67\n"
            " A||true|1|1.23456\n"
            "  A|u1|true|1|1.23456|0.857143\n");
}

TEST(BankTree, WidthsCountCodePointsAndDeepIndentsPadNothing) {
  auto top = bank("é", 0.0);
  top.users.push_back(user("ü", 1, 0.0, 0.5));
  std::string out = format_bank_tree(top);
  // "é" left-justified to 20 code points: 19 spaces after it.
  EXPECT_NE(out.find("\xC3\xA9" + std::string(19 + 20, ' ')), std::string::npos);
  EXPECT_NE(out.find(" \xC3\xA9" + std::string(19, ' ') + std::string(18, ' ') + "\xC3\xBC"),
            std::string::npos);

  // 25 levels deep the indent is wider than the Username column: no padding.
  store::TreeBank chain = bank("leaf", 0.0);
  chain.users.push_back(user("x", 1, 0.0, 0.5));
  for (int level = 0; level < 25; ++level) {
    store::TreeBank parent = bank("b", 0.0);
    parent.sub_banks.push_back(chain);
    chain = parent;
  }
  out = format_bank_tree(chain);
  std::string deep_user =
      std::string(26, ' ') + "leaf" + std::string(16, ' ') + "x" + std::string(16, ' ') + "true";
  EXPECT_NE(out.find(deep_user), std::string::npos) << out;
}

}  // namespace
}  // namespace fluxacct::cli
