#include "core/fairshare_tree.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/fairshare_walk.hpp"

namespace fluxacct {
namespace {

using Index = FairshareTree::Index;

// "b" and 7 make "b7" (fmt: GCC 12 warns falsely about string + to_string).
std::string named(const char* prefix, int n) { return fmt::format("{}{}", prefix, n); }

// One node of a test tree: parent bank's name ("" for the root), name,
// whether it is a user, shares, usage (a bank's usage is only used when the
// tree is not rolled up).
struct Row {
  std::string parent;
  std::string name;
  bool user;
  double shares;
  double usage;
};

FairshareTree build(const std::vector<Row>& rows, bool roll_up = true) {
  FairshareTree tree;
  std::map<std::string, Index> banks;
  for (const Row& r : rows) {
    if (r.parent.empty()) {
      banks[r.name] = tree.add_root(r.name, r.shares, r.usage);
    } else if (r.user) {
      tree.add_user(banks.at(r.parent), r.name, r.shares, r.usage);
    } else {
      banks[r.name] = tree.add_bank(banks.at(r.parent), r.name, r.shares, r.usage);
    }
  }
  if (roll_up) tree.roll_up_user_usage();
  return tree;
}

// "user fairshare" per line, fair-share printed as upstream stores it (%.6f).
std::vector<std::string> walk(const FairshareTree& tree, TieOrder order = TieOrder::kByName) {
  std::vector<std::string> lines;
  for (const auto& u : walk_fairshare(tree, order)) {
    char value[32];
    std::snprintf(value, sizeof value, "%.6f", u.fairshare);
    lines.push_back(std::string(tree.name(u.user)) + " " + value);
  }
  return lines;
}

// Upstream's test trees (spec §5.2): three accounts under root.
const std::vector<Row> kSmallNoTie = {
    {"", "root", false, 1000, 0},
    {"root", "account1", false, 1000, 0},
    {"account1", "leaf.1.1", true, 10000, 100},
    {"account1", "leaf.1.2", true, 1000, 11},
    {"account1", "leaf.1.3", true, 100000, 10},
    {"root", "account2", false, 100, 0},
    {"account2", "leaf.2.1", true, 100000, 8},
    {"account2", "leaf.2.2", true, 10000, 3},
    {"root", "account3", false, 10, 0},
    {"account3", "leaf.3.1", true, 100, 0},
    {"account3", "leaf.3.2", true, 10, 1},
};

const std::vector<Row> kSmallTie = {
    {"", "root", false, 1000, 0},
    {"root", "account1", false, 1000, 0},
    {"account1", "leaf.1.1", true, 10000, 100},
    {"account1", "leaf.1.2", true, 1000, 10},
    {"account1", "leaf.1.3", true, 100000, 10},
    {"root", "account2", false, 100, 0},
    {"account2", "leaf.2.1", true, 10000, 10},
    {"account2", "leaf.2.2", true, 1000, 1},
    {"account2", "leaf.2.3", true, 100000, 1},
    {"root", "account3", false, 10, 0},
    {"account3", "leaf.3.1", true, 100, 0},
    {"account3", "leaf.3.2", true, 10, 1},
};

const std::vector<Row> kSmallTieAll = {
    {"", "root", false, 1000, 0},
    {"root", "account1", false, 1000, 0},
    {"account1", "leaf.1.1", true, 10000, 100},
    {"account1", "leaf.1.2", true, 1000, 10},
    {"account1", "leaf.1.3", true, 100000, 10},
    {"root", "account2", false, 100, 0},
    {"account2", "leaf.2.1", true, 10000, 10},
    {"account2", "leaf.2.2", true, 1000, 1},
    {"account2", "leaf.2.3", true, 100000, 1},
    {"root", "account3", false, 10000, 0},
    {"account3", "leaf.3.1", true, 10000, 1000},
    {"account3", "leaf.3.2", true, 1000, 100},
    {"account3", "leaf.3.3", true, 100000, 100},
};

const std::vector<Row> kSmallZeroShares = {
    {"", "root", false, 1000, 0},
    {"root", "account1", false, 1000, 0},
    {"account1", "leaf.1.1", true, 10000, 100},
    {"account1", "leaf.1.2", true, 1000, 10},
    {"account1", "leaf.1.3", true, 100000, 10},
    {"root", "account2", false, 100, 0},
    {"account2", "leaf.2.1", true, 0, 10},
    {"account2", "leaf.2.2", true, 0, 1},
    {"account2", "leaf.2.3", true, 100000, 1},
    {"root", "account3", false, 10, 0},
    {"account3", "leaf.3.1", true, 100, 0},
    {"account3", "leaf.3.2", true, 10, 1},
};

// A user (leaf.0.1) and a bank (account1) under root with the same weight.
const std::vector<Row> kSmallTieDiffType = {
    {"", "root", false, 1000, 0},
    {"root", "leaf.0.1", true, 100, 12},
    {"root", "account1", false, 1000, 0},
    {"account1", "leaf.1.1", true, 10000, 100},
    {"account1", "leaf.1.2", true, 1000, 10},
    {"account1", "leaf.1.3", true, 100000, 10},
    {"root", "account3", false, 10, 0},
    {"account3", "leaf.3.1", true, 100, 0},
    {"account3", "leaf.3.2", true, 10, 1},
};

using Lines = std::vector<std::string>;

TEST(FairshareWalk, SmallNoTie) {
  const Lines expected = {"leaf.3.1 1.000000", "leaf.3.2 0.857143", "leaf.2.1 0.714286",
                          "leaf.2.2 0.571429", "leaf.1.3 0.428571", "leaf.1.1 0.285714",
                          "leaf.1.2 0.142857"};
  EXPECT_EQ(walk(build(kSmallNoTie)), expected);
  EXPECT_EQ(walk(build(kSmallNoTie), TieOrder::kInputOrder), expected);
}

TEST(FairshareWalk, SmallTieMergesTiedBanks) {
  // account1 and account2 tie: their users are ranked as one list.
  EXPECT_EQ(
      walk(build(kSmallTie)),
      (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.875000", "leaf.1.3 0.750000", "leaf.2.3 0.750000",
             "leaf.1.1 0.500000", "leaf.1.2 0.500000", "leaf.2.1 0.500000", "leaf.2.2 0.500000"}));
  // Upstream's emulator (t1098) orders the 0.5 group by exact weight, then input.
  EXPECT_EQ(
      walk(build(kSmallTie), TieOrder::kInputOrder),
      (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.875000", "leaf.1.3 0.750000", "leaf.2.3 0.750000",
             "leaf.1.2 0.500000", "leaf.2.2 0.500000", "leaf.1.1 0.500000", "leaf.2.1 0.500000"}));
}

TEST(FairshareWalk, SmallTieAll) {
  const Lines by_name = {"leaf.1.3 1.000000", "leaf.2.3 1.000000", "leaf.3.3 1.000000",
                         "leaf.1.1 0.666667", "leaf.1.2 0.666667", "leaf.2.1 0.666667",
                         "leaf.2.2 0.666667", "leaf.3.1 0.666667", "leaf.3.2 0.666667"};
  EXPECT_EQ(walk(build(kSmallTieAll)), by_name);
  // Upstream's order (weighted_tree_test01, t1098).
  const Lines upstream = {"leaf.1.3 1.000000", "leaf.2.3 1.000000", "leaf.3.3 1.000000",
                          "leaf.1.2 0.666667", "leaf.2.2 0.666667", "leaf.3.2 0.666667",
                          "leaf.1.1 0.666667", "leaf.2.1 0.666667", "leaf.3.1 0.666667"};
  EXPECT_EQ(walk(build(kSmallTieAll), TieOrder::kInputOrder), upstream);
}

TEST(FairshareWalk, ZeroSharesRankLast) {
  // Upstream's order: 3.1, 3.2, 2.3, 1.3, 1.2, 1.1, 2.1, 2.2 with fair-shares
  // 1.0 .875 .75 .625 .5 .5 .25 .25; by name, 1.1 precedes its tie 1.2.
  EXPECT_EQ(
      walk(build(kSmallZeroShares)),
      (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.875000", "leaf.2.3 0.750000", "leaf.1.3 0.625000",
             "leaf.1.1 0.500000", "leaf.1.2 0.500000", "leaf.2.1 0.250000", "leaf.2.2 0.250000"}));
  EXPECT_EQ(
      walk(build(kSmallZeroShares), TieOrder::kInputOrder),
      (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.875000", "leaf.2.3 0.750000", "leaf.1.3 0.625000",
             "leaf.1.2 0.500000", "leaf.1.1 0.500000", "leaf.2.1 0.250000", "leaf.2.2 0.250000"}));
}

TEST(FairshareWalk, UserBeforeBankOfEqualWeight) {
  // leaf.0.1 and account1 have equal weights (0.9984984984984985 and ...86):
  // upstream's C++ walk puts the user first (weighted_tree_test01's order).
  EXPECT_EQ(walk(build(kSmallTieDiffType)),
            (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.833333", "leaf.0.1 0.666667",
                   "leaf.1.3 0.500000", "leaf.1.1 0.333333", "leaf.1.2 0.333333"}));
  // The emulator sorts by exact weight only: account1's is a hair higher.
  EXPECT_EQ(walk(build(kSmallTieDiffType), TieOrder::kInputOrder),
            (Lines{"leaf.3.1 1.000000", "leaf.3.2 0.833333", "leaf.1.3 0.666667",
                   "leaf.1.2 0.500000", "leaf.1.1 0.500000", "leaf.0.1 0.166667"}));
}

TEST(FairshareWalk, EmulatorCasesOfT1098) {
  for (TieOrder order : {TieOrder::kByName, TieOrder::kInputOrder}) {
    EXPECT_EQ(walk(build({{"", "root", false, 1, 0}, {"root", "solo", true, 1, 50}}), order),
              Lines{"solo 1.000000"});
    // Two equal users deep down a chain of banks.
    std::vector<Row> nested = {{"", "root", false, 1, 0}};
    for (int level = 1; level <= 5; ++level) {
      nested.push_back(
          {level == 1 ? "root" : named("b", level - 1), named("b", level), false, 1, 0});
    }
    nested.push_back({"b5", "u1", true, 10, 100});
    nested.push_back({"b5", "u2", true, 10, 100});
    EXPECT_EQ(walk(build(nested), order), (Lines{"u1 1.000000", "u2 1.000000"}));
    EXPECT_EQ(walk(build({{"", "root", false, 1, 0},
                          {"root", "A", false, 1, 0},
                          {"A", "x", true, 5, 7},
                          {"A", "y", true, 5, 7},
                          {"A", "z", true, 5, 7}}),
                   order),
              (Lines{"x 1.000000", "y 1.000000", "z 1.000000"}));
  }
}

TEST(FairshareWalk, NoUsersGivesNothing) {
  EXPECT_TRUE(walk_fairshare(FairshareTree{}).empty());
  EXPECT_TRUE(
      walk_fairshare(build({{"", "root", false, 1, 0}, {"root", "A", false, 1, 0}})).empty());
}

TEST(FairshareWalk, FractionalUsageIsNotTruncated) {
  // Upstream's C++ tool sums sibling usage in a uint64, truncating: here
  // U = 0, both weights become 0 and both users tie at 1.0. Summed as
  // doubles, U = 0.7 and the lighter user ranks first.
  const auto tree = build({{"", "root", false, 1, 0},
                           {"root", "A", false, 1, 0},
                           {"A", "light", true, 1, 0.3},
                           {"A", "heavy", true, 1, 0.4}});
  EXPECT_EQ(walk(tree), (Lines{"light 1.000000", "heavy 0.500000"}));
  const auto w = sibling_weights(tree);
  EXPECT_DOUBLE_EQ(w[2], 0.5 / (0.3 / 0.7));
  EXPECT_DOUBLE_EQ(w[3], 0.5 / (0.4 / 0.7));
}

TEST(FairshareWalk, NoUsageOutranksAnyWeightAndNoSharesRanksLast) {
  const auto tree = build({{"", "root", false, 1, 0},
                           {"root", "A", false, 1, 0},
                           {"A", "idle-no-shares", true, 0, 0},
                           {"A", "busy-many-shares", true, 1e12, 1e-6},
                           {"A", "idle", true, 1, 1e-10},
                           {"A", "other", true, 1, 1000}});
  const auto w = sibling_weights(tree);
  EXPECT_EQ(w[2], 0.0);
  EXPECT_EQ(w[4], 18446744073709551616.0);
  EXPECT_EQ(walk(tree), (Lines{"idle 1.000000", "busy-many-shares 0.750000", "other 0.500000",
                               "idle-no-shares 0.250000"}));
}

TEST(FairshareWalk, TiedBanksInsideTiedBanksMergeAgain) {
  // A and B tie; so do their only sub-banks A1 and B1, whose users are then
  // ranked together. The emulator visits A1 and B1 one after the other.
  const std::vector<Row> rows = {
      {"", "root", false, 1, 0}, {"root", "A", false, 1, 0}, {"A", "A1", false, 1, 0},
      {"A1", "a1", true, 1, 4},  {"A1", "a2", true, 1, 6},   {"root", "B", false, 1, 0},
      {"B", "B1", false, 1, 0},  {"B1", "b1", true, 1, 4},   {"B1", "b2", true, 1, 6},
  };
  EXPECT_EQ(walk(build(rows)), (Lines{"a1 1.000000", "b1 1.000000", "a2 0.500000", "b2 0.500000"}));
  EXPECT_EQ(walk(build(rows), TieOrder::kInputOrder),
            (Lines{"a1 1.000000", "a2 0.750000", "b1 0.500000", "b2 0.250000"}));
}

TEST(FairshareWalk, EmulatorTiesAUserToAnEqualBankInAMergedList) {
  // A and B tie; in their merged children, user u and bank B1 have equal
  // weights. The C++ walk ties users only to users; the emulator ties u to
  // B1 and so to B1's first user.
  const std::vector<Row> rows = {
      {"", "root", false, 1, 0},  {"root", "A", false, 1, 0}, {"A", "u", true, 1, 10},
      {"root", "B", false, 1, 0}, {"B", "B1", false, 1, 0},   {"B1", "v1", true, 1, 4},
      {"B1", "v2", true, 1, 6},
  };
  EXPECT_EQ(walk(build(rows)), (Lines{"u 1.000000", "v1 0.666667", "v2 0.333333"}));
  EXPECT_EQ(walk(build(rows), TieOrder::kInputOrder),
            (Lines{"u 1.000000", "v1 1.000000", "v2 0.333333"}));
}

TEST(FairshareWalk, BankUsageGivenIsUsedWhenNotRolledUp) {
  // The emulator takes bank usage from its input: account3 declared busy.
  auto rows = kSmallNoTie;
  for (auto& r : rows) {
    if (r.name == "account1") r.usage = 121;
    if (r.name == "account2") r.usage = 11;
    if (r.name == "account3") r.usage = 100000;
  }
  const auto lines = walk(build(rows, /*roll_up=*/false), TieOrder::kInputOrder);
  EXPECT_EQ(lines.back(), "leaf.3.2 0.142857");
}

// Builds a random tree with every bank's children added in a shuffled order.
FairshareTree random_tree(unsigned tree_seed, unsigned shuffle_seed) {
  std::mt19937 gen(tree_seed);
  std::mt19937 shuffle(shuffle_seed);
  struct Spec {
    std::string name;
    bool user;
    double shares, usage;
    std::vector<int> kids;
  };
  std::vector<Spec> specs = {{"root", false, 1, 0, {}}};
  for (int b = 1; b <= 40; ++b) {
    const int parent = b <= 4 ? 0 : 1 + static_cast<int>(gen() % 4);
    // Few distinct values, so that many siblings tie.
    specs.push_back({named("bank", b), false, double(1 + gen() % 3), 0, {}});
    specs[parent].kids.push_back(b);
  }
  for (int u = 0; u < 600; ++u) {
    const int parent = 5 + static_cast<int>(gen() % 36);
    specs.push_back({named("user", u), true, double(1 + gen() % 2), double(gen() % 4) * 0.1, {}});
    specs[parent].kids.push_back(static_cast<int>(specs.size()) - 1);
  }
  FairshareTree tree;
  std::vector<std::pair<int, Index>> todo = {{0, tree.add_root("root", 1, 0)}};
  while (!todo.empty()) {
    auto [spec, index] = todo.back();
    todo.pop_back();
    auto kids = specs[spec].kids;
    std::shuffle(kids.begin(), kids.end(), shuffle);
    for (int k : kids) {
      const Spec& s = specs[k];
      if (s.user) {
        tree.add_user(index, s.name, s.shares, s.usage);
      } else {
        todo.push_back({k, tree.add_bank(index, s.name, s.shares, s.usage)});
      }
    }
  }
  tree.roll_up_user_usage();
  return tree;
}

TEST(FairshareWalk, ResultDoesNotDependOnInsertionOrder) {
  const auto reference = walk(random_tree(7, 0));
  std::map<std::string, int> distinct;
  for (const auto& line : reference) distinct[line.substr(line.find(' '))]++;
  ASSERT_GT(reference.size(), 500u);
  ASSERT_LT(distinct.size(), reference.size() / 2);  // plenty of ties
  for (unsigned s = 1; s <= 6; ++s) EXPECT_EQ(walk(random_tree(7, s)), reference) << s;
  // Shuffled input does change the emulator's order (it keeps input order).
  bool any_differs = false;
  for (unsigned s = 1; s <= 6; ++s) {
    any_differs |= walk(random_tree(7, s), TieOrder::kInputOrder) !=
                   walk(random_tree(7, 0), TieOrder::kInputOrder);
  }
  EXPECT_TRUE(any_differs);
}

TEST(FairshareWalk, HundredThousandLevelsDeep) {
  FairshareTree tree;
  Index bank = tree.add_root("root", 1, 0);
  for (int level = 0; level < 100000; ++level) {
    tree.add_user(bank, named("u", level), 1, 1 + level % 3);
    bank = tree.add_bank(bank, named("b", level), 1, 0);
  }
  tree.add_user(bank, "bottom", 1, 5);
  tree.roll_up_user_usage();
  const auto result = walk_fairshare(tree);
  ASSERT_EQ(result.size(), 100001u);
  // At every level the user's usage (1..3) is far below its sibling bank's
  // (all usage beneath): the user ranks first, so the walk is top-down.
  EXPECT_EQ(tree.name(result.front().user), "u0");
  EXPECT_EQ(result.front().fairshare, 1.0);
  EXPECT_EQ(tree.name(result.back().user), "bottom");
  EXPECT_DOUBLE_EQ(result.back().fairshare, 1.0 / 100001);
  EXPECT_EQ(walk_fairshare(tree, TieOrder::kInputOrder).size(), 100001u);
}

TEST(FairshareTree, ChildrenInInsertionOrderAndRollUp) {
  const auto tree = build(kSmallNoTie);
  ASSERT_EQ(tree.size(), 11u);
  EXPECT_EQ(tree.user_count(), 7u);
  const auto kids = tree.children(0);
  ASSERT_EQ(kids.size(), 3u);
  EXPECT_EQ(tree.name(kids[0]), "account1");
  EXPECT_EQ(tree.name(kids[2]), "account3");
  EXPECT_EQ(tree.usage(0), 133.0);
  EXPECT_EQ(tree.usage(kids[0]), 121.0);
  EXPECT_EQ(tree.parent(0), FairshareTree::kNoParent);
  EXPECT_EQ(tree.parent(kids[1]), 0u);
}

void expect_error(const std::function<void()>& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no error; expected: " << message;
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(FairshareTree, RejectsBadNumbersAndShapes) {
  FairshareTree tree;
  expect_error([&] { tree.add_root("root", -1, 0); },
               "bank 'root': shares must be a finite non-negative number, got -1");
  const Index root = tree.add_root("root", 1, 0);
  expect_error([&] { tree.add_user(root, "alice", 1, NAN); },
               "user 'alice': usage must be a finite non-negative number, got nan");
  expect_error([&] { tree.add_user(root, "alice", INFINITY, 1); },
               "user 'alice': shares must be a finite non-negative number, got inf");
  expect_error([&] { tree.add_bank(root, "A", 1, -0.5); },
               "bank 'A': usage must be a finite non-negative number, got -0.5");
  expect_error([&] { tree.add_root("other", 1, 0); },
               "bank 'other': the fair-share tree already has a root");
  const Index alice = tree.add_user(root, "alice", 1, 1);
  expect_error([&] { tree.add_user(alice, "bob", 1, 1); },
               "user 'bob': parent 'alice' is a user, not a bank");
  expect_error([&] { tree.add_bank(42, "B", 1, 1); }, "bank 'B': parent node 42 does not exist");
  EXPECT_EQ(tree.size(), 2u);  // nothing added by the failures
}

}  // namespace
}  // namespace fluxacct
