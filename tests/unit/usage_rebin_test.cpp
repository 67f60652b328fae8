// Re-binning and the config_table writers, through the store API on a real
// (temporary) database: bins before and after, what is reset, what is not,
// and that a failure leaves nothing behind.
#include "store/usage_rebin.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "store/banks.hpp"
#include "store/config.hpp"
#include "store/create.hpp"
#include "store/sqlite.hpp"
#include "store/users.hpp"

namespace fluxacct::store {
namespace {

namespace fs = std::filesystem;
constexpr std::time_t kCreated = 1767225600;  // 2026-01-01 00:00:00 UTC
constexpr std::time_t kNow = kCreated + 86400;

class RebinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fluxacct-rebin-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "FluxAccounting.db").string();
    create_database(path_, CreateOptions{}, kCreated);
    db_ = std::make_unique<sql::Connection>(path_, sql::Connection::Mode::kReadWrite);
    add_bank(*db_, {.name = "root", .parent = "", .shares = 1});
    add_bank(*db_, {.name = "A", .parent = "root", .shares = 1});
    for (const char* user : {"alice", "bob"}) {
      NewAssociation a;
      a.username = user;
      a.bank = "A";
      a.userid = 1000 + static_cast<int>(user[0]);
      add_association(*db_, a, kCreated);
    }
    // Usage as update-usage would have left it.
    db_->exec(
        "UPDATE job_usage_per_association_table SET value = 10.0 * (period + 1);"
        "UPDATE job_usage_factor_table SET last_job_timestamp = 1767225000;"
        "UPDATE association_table SET job_usage = 100.0;"
        "UPDATE bank_table SET job_usage = 200.0;");
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  std::int64_t count(const std::string& query) {
    auto st = db_->prepare(query);
    st.step();
    return st.get_int(0);
  }
  double real(const std::string& query) {
    auto st = db_->prepare(query);
    st.step();
    return st.get_double(0);
  }
  std::string text(const std::string& query) {
    auto st = db_->prepare(query);
    st.step();
    return st.get_text(0);
  }
  void edit(std::vector<ConfigAssignment> edits) {
    sql::Transaction tx(*db_);
    edit_config(*db_, edits, kNow);
    tx.commit();
  }
  std::int64_t bins_of(const std::string& user) {
    return count("SELECT count(*) FROM job_usage_per_association_table WHERE username = '" + user +
                 "'");
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<sql::Connection> db_;
};

TEST_F(RebinTest, NewPeriodsGiveEveryAssociationFreshZeroBins) {
  ASSERT_EQ(bins_of("alice"), 4);
  edit({{"priority_usage_reset_period", "42d"}, {"priority_decay_half_life", "14d"}});
  EXPECT_EQ(bins_of("alice"), 3);
  EXPECT_EQ(bins_of("bob"), 3);
  EXPECT_EQ(count("SELECT max(period) FROM job_usage_per_association_table"), 2);
  EXPECT_EQ(real("SELECT sum(value) FROM job_usage_per_association_table"), 0.0);
  EXPECT_EQ(real("SELECT sum(last_job_timestamp) FROM job_usage_factor_table"), 0.0);
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 0.0);
  EXPECT_EQ(real("SELECT sum(job_usage) FROM bank_table"), 0.0);
  EXPECT_EQ(real("SELECT end_half_life_period FROM t_half_life_period_table"),
            static_cast<double>(kNow) + 14 * 86400);
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'reconfigure_time'"), "1767312000");
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'priority_decay_half_life'"),
            "1209600");
}

TEST_F(RebinTest, BinCountsOfT1018) {
  edit({{"priority_usage_reset_period", "16h"}, {"priority_decay_half_life", "8h"}});
  EXPECT_EQ(bins_of("alice"), 2);
  edit({{"priority_usage_reset_period", "1h"}, {"priority_decay_half_life", "15m"}});
  EXPECT_EQ(bins_of("alice"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM job_usage_per_association_table WHERE period = 3"), 2);
  // A partial period rounds up (the one rule, usage_bin_count).
  edit({{"priority_usage_reset_period", "1000s"}, {"priority_decay_half_life", "400s"}});
  EXPECT_EQ(bins_of("bob"), 3);
}

TEST_F(RebinTest, DecayFactorAloneRebinsWithTheSameCount) {
  edit({{"decay_factor", "0.1"}});
  EXPECT_EQ(bins_of("alice"), 4);
  EXPECT_EQ(real("SELECT sum(value) FROM job_usage_per_association_table"), 0.0);
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 0.0);
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'decay_factor'"), "0.1");
}

TEST_F(RebinTest, SameValueDoesNotRebin) {
  edit({{"priority_decay_half_life", "7d"}, {"decay_factor", ".5"}});
  EXPECT_EQ(real("SELECT sum(value) FROM job_usage_per_association_table"), 2 * 100.0);
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 200.0);
  EXPECT_EQ(count("SELECT count(*) FROM config_table WHERE key = 'reconfigure_time'"), 0);
  // Changing a value and changing it back within one command is no change either.
  edit({{"decay_factor", "0.3"}, {"decay_factor", "0.5"}});
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 200.0);
  // Other keys never re-bin.
  edit({{"node_weight", "2"}, {"deny_unknown_queues", "TRUE"}});
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 200.0);
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'node_weight'"), "2.0");
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'deny_unknown_queues'"), "true");
}

TEST_F(RebinTest, AssociationsKnownOnlyByTheirUsageRowsAreRebinnedToo) {
  // A force-deleted association left its usage rows; another has a
  // job_usage_factor row only; a third has an association row only.
  db_->exec(
      "DELETE FROM association_table WHERE username = 'bob';"
      "INSERT INTO job_usage_factor_table (username, userid, bank) VALUES ('carol', 7, 'A');"
      "INSERT INTO association_table (creation_time, username, userid, bank, default_bank) "
      "VALUES (0, 'dave', 8, 'A', 'A');"
      // an orphan with one bin, older than the new periods reach
      "INSERT INTO job_usage_per_association_table (username, userid, bank, period, value) "
      "VALUES ('erin', 9, 'A', 40, 1.0);"
      // bins whose userid drifted from the association's
      "UPDATE job_usage_per_association_table SET userid = 5 WHERE username = 'alice';");
  sql::Transaction tx(*db_);
  const RebinResult r = [&] {
    edit_config(*db_, {{"priority_decay_half_life", "1d"}}, kNow);
    return rebin_usage(*db_, kNow);
  }();
  tx.commit();
  EXPECT_EQ(r.bins, 28);
  EXPECT_EQ(r.associations, 5);
  for (const char* user : {"alice", "bob", "carol", "dave", "erin"})
    EXPECT_EQ(bins_of(user), 28) << user;
  EXPECT_EQ(count("SELECT max(period) FROM job_usage_per_association_table"), 27);
  // association_table's userid wins over the bins'.
  EXPECT_EQ(count("SELECT DISTINCT userid FROM job_usage_per_association_table "
                  "WHERE username = 'alice'"),
            1000 + 'a');
  EXPECT_EQ(count("SELECT userid FROM job_usage_per_association_table WHERE username = 'bob' "
                  "GROUP BY userid"),
            1000 + 'b');
  EXPECT_EQ(count("SELECT DISTINCT userid FROM job_usage_per_association_table "
                  "WHERE username = 'carol'"),
            7);
}

TEST_F(RebinTest, TooManyBinsRefusedBeforeAnythingIsWritten) {
  sql::Transaction tx(*db_);
  try {
    edit_config(*db_, {{"priority_decay_half_life", "1s"}}, kNow);
    FAIL() << "accepted 2419200 bins";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("at most 1000 are allowed"), std::string::npos);
  }
}

TEST_F(RebinTest, FailureRollsBackWithOneMessage) {
  db_->exec(
      "CREATE TRIGGER no_bins BEFORE INSERT ON job_usage_per_association_table "
      "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  {
    sql::Transaction tx(*db_);
    try {
      edit_config(*db_, {{"priority_usage_reset_period", "5w"}}, kNow);
      FAIL() << "5w is not a Flux standard duration";
    } catch (const Error&) {
    }
    try {
      edit_config(*db_, {{"priority_usage_reset_period", "35d"}}, kNow);
      FAIL() << "the trigger should have stopped the re-bin";
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(),
                   "failed to reconfigure usage bins, rolled back all changes: disk on fire");
    }
  }  // rolled back
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'priority_usage_reset_period'"),
            "2419200");
  EXPECT_EQ(bins_of("alice"), 4);
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 200.0);
}

TEST_F(RebinTest, AddConfigOfAMissingPeriodRebins) {
  db_->exec("DELETE FROM config_table WHERE key = 'priority_decay_half_life'");
  sql::Transaction tx(*db_);
  EXPECT_TRUE(add_config(*db_, "priority_decay_half_life", "14d", kNow));
  EXPECT_FALSE(add_config(*db_, "foo", "bar", kNow));
  tx.commit();
  EXPECT_EQ(bins_of("alice"), 2);
  EXPECT_EQ(text("SELECT value FROM config_table WHERE key = 'priority_decay_half_life'"),
            "1209600");
  EXPECT_EQ(real("SELECT sum(job_usage) FROM association_table"), 0.0);
}

TEST_F(RebinTest, ConfigWritersRefuseWithUpstreamsMessages) {
  sql::Transaction tx(*db_);
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message([&] { add_config(*db_, "decay_factor", "0.3", kNow); }),
            "key decay_factor already exists in config_table (UNIQUE constraint failed: "
            "config_table.key)");
  EXPECT_EQ(message([&] { add_config(*db_, "node_weight_x", "1", kNow); }), "(accepted)");
  EXPECT_EQ(message([&] {
              edit_config(*db_, {{"nope", "1"}}, kNow);
            }),
            "key nope not found in config_table");
  EXPECT_EQ(message([&] { delete_config(*db_, "nope"); }), "key nope not found in config_table");
  for (const char* key : {"priority_usage_reset_period", "priority_decay_half_life", "decay_factor",
                          "node_weight", "core_weight", "gpu_weight", "deny_unknown_queues"})
    EXPECT_EQ(message([&] { delete_config(*db_, key); }),
              "key-value pair is not allowed to be removed from config_table")
        << key;
  EXPECT_EQ(message([&] { delete_config(*db_, "node_weight_x"); }), "(accepted)");
  EXPECT_FALSE(config_value(*db_, "node_weight_x"));
}

}  // namespace
}  // namespace fluxacct::store
