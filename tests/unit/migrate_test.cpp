// update_database() as a library call: result fields, log order, and that a
// database already at schema 38 reports no change.
#include "store/migrate.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/create.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace fluxacct {
namespace {

namespace fs = std::filesystem;

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fluxacct-migrate-test-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string copy_fixture(const std::string& name) {
    fs::path to = dir_ / name;
    fs::copy_file(fs::path(FLUXACCT_TEST_DATA_DIR) / name, to);
    fs::permissions(to, fs::perms::owner_write, fs::perm_options::add);
    return to.string();
  }

  fs::path dir_;
};

TEST_F(MigrateTest, UpgradesOldestSchemaThenIsANoOp) {
  std::string db = copy_fixture("FluxAccountingv0-10-0.db");
  std::vector<std::string> info;
  MigrateOptions opts;
  opts.now = 1767225600;
  opts.log = [&](LogLevel level, const std::string& msg) {
    if (level == LogLevel::kInfo) info.push_back(msg);
  };
  MigrateResult r = update_database(db, opts);
  EXPECT_EQ(r.from_version, 0);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.backup_path, db + ".backup");
  EXPECT_TRUE(fs::exists(r.backup_path));
  ASSERT_FALSE(info.empty());
  EXPECT_EQ(info.front(), "starting database update for " + db);
  EXPECT_EQ(info.back(), "database update complete");
  EXPECT_NE(std::find(info.begin(), info.end(), "new table found: config_table"), info.end());

  sql::Connection conn(db, sql::Connection::Mode::kReadOnly);
  EXPECT_EQ(conn.user_version(), schema::kVersion);
  for (const auto& t : schema::tables()) {
    auto st = conn.prepare("SELECT sql FROM sqlite_master WHERE name = ?");
    st.bind(1, t.name);
    ASSERT_TRUE(st.step()) << t.name;
    // Rebuilt and created tables hold create-db's exact text.
    if (t.name != "t_half_life_period_table") {
      EXPECT_EQ(st.get_text(0), t.create_sql());
    }
  }

  info.clear();
  MigrateResult again = update_database(db, opts);
  EXPECT_EQ(again.from_version, schema::kVersion);
  EXPECT_FALSE(again.changed);
}

TEST_F(MigrateTest, FreshDatabaseIsUnchanged) {
  std::string db = (dir_ / "fresh.db").string();
  create_database(db, CreateOptions{}, 1767225600);
  MigrateResult r = update_database(db, MigrateOptions{});
  EXPECT_EQ(r.from_version, schema::kVersion);
  EXPECT_FALSE(r.changed);
}

TEST_F(MigrateTest, RefusesMissingFile) {
  std::string db = (dir_ / "nothing.db").string();
  try {
    update_database(db, MigrateOptions{});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "Database file does not exist: " + db);
  }
  EXPECT_FALSE(fs::exists(db + ".backup"));
}

}  // namespace
}  // namespace fluxacct
