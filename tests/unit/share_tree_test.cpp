#include "core/share_tree.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace fluxacct::share_tree {
namespace {

Rows sample() {
  Rows r;
  // Out of order on purpose: the builder sorts by name.
  r.banks = {{"C", "root", 1, 0.0}, {"root", "", 10, 200.0}, {"A", "root", 3, 150.0}};
  r.users = {{"zed", "A", 1, 50.0, 0.25}, {"amy", "A", 3, 100.0, 0.75}, {"cy", "C", 0, 0, 1.0}};
  return r;
}

std::vector<std::string> names(const Tree& t, const std::vector<std::size_t>& ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back(t.nodes[id].name);
  return out;
}

TEST(ShareTree, OrderAndNormalisation) {
  Tree t = build(sample());
  std::vector<std::size_t> all(t.nodes.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  EXPECT_EQ(names(t, all), (std::vector<std::string>{"root", "A", "amy", "zed", "C", "cy"}));
  EXPECT_TRUE(std::isinf(t.nodes[0].level_fs));
  EXPECT_DOUBLE_EQ(t.nodes[1].norm_shares, 0.75);    // A: 3 of 4 bank shares
  EXPECT_DOUBLE_EQ(t.nodes[2].norm_shares, 0.5625);  // amy: 3/4 of A
  EXPECT_DOUBLE_EQ(t.nodes[3].norm_usage, 0.25);     // zed: 50 of the root's 200
  EXPECT_TRUE(std::isnan(t.nodes[1].level_fs));      // banks have none
  EXPECT_DOUBLE_EQ(t.nodes[3].level_fs, 0.25);       // users: the stored fair-share
  EXPECT_DOUBLE_EQ(t.nodes[5].norm_shares, 0.0);     // siblings' shares sum to 0
  EXPECT_EQ(t.nodes[5].depth, 2u);
}

TEST(ShareTree, RootErrors) {
  Rows r;
  EXPECT_THROW(
      {
        try {
          build(r);
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "No root bank found in bank_table");
          throw;
        }
      },
      Error);
  r.banks = {{"a", "", 1, 0}, {"b", "", 1, 0}};
  EXPECT_THROW(build(r), Error);
}

TEST(ShareTree, CyclesAndOrphansAreLeftOut) {
  Rows r;
  r.banks = {{"root", "", 1, 0},
             {"x", "y", 1, 0},
             {"y", "x", 1, 0},
             {"o", "gone", 1, 0},
             {"root", "x", 1, 0}};  // a repeated name pointing back into the cycle
  Tree t = build(r);
  EXPECT_EQ(t.nodes.size(), 1u);
  EXPECT_TRUE(t.find("x").empty());
}

TEST(ShareTree, DeepChainNeedsNoRecursion) {
  Rows r;
  const int depth = 300000;
  r.banks.push_back({"b0", "", 1, 0});
  for (int i = 1; i < depth; ++i)
    r.banks.push_back({"b" + std::to_string(i), "b" + std::to_string(i - 1), 1, 0});
  r.users.push_back({"u", "b" + std::to_string(depth - 1), 1, 0, 0.5});
  Tree t = build(r);
  ASSERT_EQ(t.nodes.size(), static_cast<std::size_t>(depth) + 1);
  auto user = t.find("u");
  ASSERT_EQ(user.size(), 1u);
  EXPECT_EQ(to_root_view(t, user, "").size(), static_cast<std::size_t>(depth) + 1);
  EXPECT_EQ(subtree_view(t, {0}, true, "").size(), static_cast<std::size_t>(depth) + 1);
  EXPECT_EQ(subtree_view(t, {0}, false, "").size(), static_cast<std::size_t>(depth));
}

TEST(ShareTree, Views) {
  Tree t = build(sample());
  EXPECT_EQ(names(t, subtree_view(t, {0}, true, "A")),
            (std::vector<std::string>{"root", "C", "cy"}));
  EXPECT_EQ(names(t, subtree_view(t, {0}, false, "")),
            (std::vector<std::string>{"root", "A", "C"}));
  EXPECT_EQ(names(t, subtree_view(t, {0}, true, "zed")),
            (std::vector<std::string>{"root", "A", "amy", "C", "cy"}));
  // The target itself is shown even when it has the excluded name.
  EXPECT_EQ(names(t, subtree_view(t, t.find("A"), false, "A")), (std::vector<std::string>{"A"}));
  EXPECT_EQ(names(t, to_root_view(t, t.find("zed"), "")),
            (std::vector<std::string>{"root", "A", "zed"}));
  EXPECT_TRUE(to_root_view(t, t.find("zed"), "A").empty());
  EXPECT_EQ(to_root_view(t, t.find("zed"), "root").size(), 3u);  // the root is never excluded
}

}  // namespace
}  // namespace fluxacct::share_tree
