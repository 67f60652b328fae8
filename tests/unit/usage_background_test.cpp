// update-usage with the bins read by a second connection in a thread
// (usage_state::BackgroundBins) leaves exactly the database the one-
// connection run leaves; a file the second connection cannot read at once,
// a database in memory, and a read that saw other associations all fall
// back to the caller's own connection.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "store/banks.hpp"
#include "store/create.hpp"
#include "store/job_records.hpp"
#include "store/sqlite.hpp"
#include "store/usage_state.hpp"
#include "store/usage_update.hpp"
#include "store/users.hpp"

namespace fluxacct {
namespace {

namespace fs = std::filesystem;
namespace us = store::usage_state;
constexpr std::time_t kCreated = 1767225600;  // 2026-01-01 00:00:00 UTC
constexpr double kWeek = 604800;

class BackgroundBinsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fluxacct-bins-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "site.db").string();
    create_database(path_, CreateOptions{}, kCreated);
    sql::Connection db(path_, sql::Connection::Mode::kReadWrite);
    sql::Transaction tx(db);
    store::add_bank(db, {.name = "root", .parent = ""});
    store::add_bank(db, {.name = "A", .parent = "root", .shares = 1});
    store::add_bank(db, {.name = "B", .parent = "root", .shares = 3});
    // 240 associations; every third user also in the other bank.
    for (int u = 0; u < 180; ++u) {
      store::NewAssociation a;
      a.username = fmt::format("user{:03}", u);
      a.userid = 5000 + u;
      a.bank = u % 2 ? "A" : "B";
      store::add_association(db, a, kCreated);
      if (u % 3 == 0) {
        a.bank = u % 2 ? "B" : "A";
        store::add_association(db, a, kCreated);
      }
    }
    // Past usage in every bin, then 2,000 ended jobs (some without a bank:
    // the default bank's association pays).
    db.exec(
        "UPDATE job_usage_per_association_table SET value = (rowid * 7 % 13) / 3.0 + period;"
        "UPDATE association_table SET job_usage = (SELECT total(value) FROM "
        "job_usage_per_association_table j WHERE j.username = association_table.username "
        "AND j.bank = association_table.bank);");
    auto insert = db.prepare(
        "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, bank) "
        "VALUES (?, ?, ?, ?, ?, '', ?, '{}', ?)");
    for (int j = 0; j < 2000; ++j) {
      const int user = j * 37 % 180;
      const double t_run = kCreated + 3600 + j * 60.0;
      const std::string R = fmt::format(
          R"({{"version": 1, "execution": {{"R_lite": [{{"rank": "0-{}", "children": {{"core": "0-{}"}}}}]}}}})",
          j % 4, j % 8);
      insert.reset();
      insert.bind(1, std::to_string(1000 + j))
          .bind(2, 5000 + user)
          .bind(3, t_run)
          .bind(4, t_run)
          .bind(5, t_run + 30 + j % 900)
          .bind(6, R);
      if (j % 5 == 0)
        insert.bind_null(7);
      else
        insert.bind(7, user % 2 ? "A" : "B");
      insert.run();
    }
    // As fetch-job-records leaves them: update-usage creating them would
    // write before reading, and then reads with one connection.
    store::create_job_indexes(db);
    tx.commit();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string copy(const char* name) {
    const std::string to = (dir_ / name).string();
    fs::copy_file(path_, to, fs::copy_options::overwrite_existing);
    return to;
  }

  static store::UsageUpdateResult update(sql::Connection& db, double now, bool background) {
    store::UsageUpdateOptions options;
    options.background_bins_from = background ? 0 : std::numeric_limits<std::int64_t>::max();
    sql::Transaction tx(db);
    auto r = store::update_usage(db, now, options);
    tx.commit();
    return r;
  }

  // Every row of the usage tables, doubles to the last bit.
  static std::vector<std::string> dump(sql::Connection& db) {
    std::vector<std::string> rows;
    for (const char* table :
         {"association_table", "job_usage_factor_table", "job_usage_per_association_table",
          "bank_table", "t_half_life_period_table"}) {
      auto st = db.prepare(fmt::format("SELECT * FROM {} ORDER BY rowid", table));
      while (st.step()) {
        std::string row = table;
        for (int c = 0; c < st.column_count(); ++c) {
          if (st.column_type(c) == SQLITE_FLOAT)
            row += fmt::format("|{:a}", st.get_double(c));
          else
            row += "|" + st.get_text(c);
        }
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(BackgroundBinsTest, TheSecondConnectionLeavesTheSameDatabase) {
  sql::Connection one(copy("one.db"), sql::Connection::Mode::kReadWrite);
  sql::Connection two(copy("two.db"), sql::Connection::Mode::kReadWrite);
  // Charging the jobs within the first period, then again after two
  // periods have closed and more jobs ended.
  const double first = kCreated + 3 * 86400, later = kCreated + 2.5 * kWeek;
  const auto r1 = update(one, first, false);
  const auto r2 = update(two, first, true);
  EXPECT_FALSE(r1.bins_in_background);
  EXPECT_TRUE(r2.bins_in_background);
  EXPECT_EQ(r1.jobs_charged, r2.jobs_charged);
  EXPECT_GT(r2.associations_charged, 100);
  EXPECT_EQ(dump(one), dump(two));
  for (sql::Connection* db : {&one, &two})
    db->exec(
        "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, bank) "
        "SELECT id + 5000, userid, t_submit + 1e6, t_run + 1e6, t_inactive + 1e6, ranks, R, "
        "jobspec, bank FROM jobs");
  const auto l1 = update(one, later, false);
  const auto l2 = update(two, later, true);
  EXPECT_EQ(l2.periods_closed, 2);
  EXPECT_TRUE(l2.bins_in_background);
  EXPECT_EQ(l1.jobs_charged, l2.jobs_charged);
  EXPECT_EQ(dump(one), dump(two));
}

TEST_F(BackgroundBinsTest, ADatabaseInMemoryIsReadByOneConnection) {
  sql::Connection file(path_, sql::Connection::Mode::kReadWrite);
  sql::Connection mem(":memory:", sql::Connection::Mode::kReadWriteCreate);
  sqlite3_backup* b = sqlite3_backup_init(mem.handle(), "main", file.handle(), "main");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(sqlite3_backup_step(b, -1), SQLITE_DONE);
  sqlite3_backup_finish(b);
  const auto in_memory = update(mem, kCreated + 86400, true);
  EXPECT_FALSE(update(file, kCreated + 86400, false).bins_in_background);
  EXPECT_FALSE(in_memory.bins_in_background);
  EXPECT_EQ(dump(mem), dump(file));
}

TEST_F(BackgroundBinsTest, ALockedFileIsNotWaitedFor) {
  sql::Connection db(path_, sql::Connection::Mode::kReadWrite);
  const us::Settings settings = us::load_settings(db);
  auto assocs = us::load_associations(db, settings, kCreated, /*with_bins=*/false);
  // Another writer holds the file: the second connection gives up at once
  // (instead of waiting for a lock its own caller may be holding).
  sql::Connection other(path_, sql::Connection::Mode::kReadWrite);
  other.exec("BEGIN EXCLUSIVE");
  us::BackgroundBins background(db, settings);
  EXPECT_FALSE(background.take(assocs));
  other.exec("ROLLBACK");
  for (const auto& a : assocs) EXPECT_TRUE(a.bins.empty());
  us::load_bins(db, assocs, settings);
  EXPECT_EQ(assocs.front().bins.size(), 4u);
}

TEST_F(BackgroundBinsTest, OtherAssociationsAreNotGivenBins) {
  sql::Connection db(path_, sql::Connection::Mode::kReadWrite);
  const us::Settings settings = us::load_settings(db);
  auto assocs = us::load_associations(db, settings, kCreated, /*with_bins=*/false);
  auto fewer = assocs;
  fewer.pop_back();
  auto reordered = assocs;
  std::swap(reordered.front(), reordered.back());
  {
    us::BackgroundBins background(db, settings);
    EXPECT_FALSE(background.take(fewer));
  }
  {
    us::BackgroundBins background(db, settings);
    EXPECT_FALSE(background.take(reordered));
  }
  for (const auto& a : fewer) EXPECT_TRUE(a.bins.empty());
  us::BackgroundBins background(db, settings);
  EXPECT_TRUE(background.take(assocs));
  for (const auto& a : assocs) EXPECT_EQ(a.bins.size(), 4u) << a.username << "," << a.bank;
}

}  // namespace
}  // namespace fluxacct
