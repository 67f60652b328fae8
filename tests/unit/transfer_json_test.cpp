#include "cli/transfer_json.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

TEST(HierarchyJson, UsersBeforeSubBanksIndentedAsPython) {
  std::vector<HierarchyBank> banks = {
      {"root", "", 1, 10.5}, {"A", "root", 2, 0.0}, {"B", "root", 3, 1e-7}};
  std::vector<HierarchyUser> users = {{"u1", "A", 1, 2.0}, {"u2", "root", 5, 0.0}};
  EXPECT_EQ(hierarchy_json(banks, users),
            "{\n"
            "  \"root\": {\n"
            "    \"bank\": \"root\",\n"
            "    \"shares\": 1,\n"
            "    \"usage\": 10.5,\n"
            "    \"children\": [\n"
            "      {\n"
            "        \"username\": \"u2\",\n"
            "        \"shares\": 5,\n"
            "        \"usage\": 0.0\n"
            "      },\n"
            "      {\n"
            "        \"bank\": \"A\",\n"
            "        \"shares\": 2,\n"
            "        \"usage\": 0.0,\n"
            "        \"children\": [\n"
            "          {\n"
            "            \"username\": \"u1\",\n"
            "            \"shares\": 1,\n"
            "            \"usage\": 2.0\n"
            "          }\n"
            "        ]\n"
            "      },\n"
            "      {\n"
            "        \"bank\": \"B\",\n"
            "        \"shares\": 3,\n"
            "        \"usage\": 1e-07,\n"
            "        \"children\": []\n"
            "      }\n"
            "    ]\n"
            "  }\n"
            "}");
}

TEST(HierarchyJson, NoRootIsAnError) {
  std::vector<HierarchyBank> banks = {{"A", "root", 1, 0}};
  try {
    hierarchy_json(banks, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "No root bank found in database");
  }
  EXPECT_THROW(hierarchy_json({}, {}), Error);
}

TEST(HierarchyJson, OrphansAreLeftOutAndTheLastRootWins) {
  std::vector<HierarchyBank> banks = {
      {"old", "", 1, 0}, {"root", "", 1, 0}, {"lost", "nowhere", 1, 0}};
  std::vector<HierarchyUser> users = {{"u", "nowhere", 1, 0}};
  std::string out = hierarchy_json(banks, users);
  EXPECT_NE(out.find("\"bank\": \"root\""), std::string::npos);
  EXPECT_EQ(out.find("old"), std::string::npos);
  EXPECT_EQ(out.find("lost"), std::string::npos);
}

// Duplicate names (left by older tools) can tie banks into a loop; that is
// an error, not endless output.
TEST(HierarchyJson, CycleIsAnError) {
  std::vector<HierarchyBank> banks = {{"root", "", 1, 0}, {"A", "root", 1, 0}, {"root", "A", 1, 0}};
  EXPECT_THROW(hierarchy_json(banks, {}), Error);
}

}  // namespace
}  // namespace fluxacct::cli
