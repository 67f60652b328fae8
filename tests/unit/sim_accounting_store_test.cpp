// simulate's accounting cycle against the real commands: on a database
// holding the same job records, update-usage followed by update-fshare
// must leave exactly the usage and fair-shares the cycle computed, starting
// from the state simulate loads (cli/simulate_accounting.hpp), over a cycle
// within a half-life period and one after a period has closed.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/simulate_accounting.hpp"
#include "sim/accounting_cycle.hpp"
#include "store/banks.hpp"
#include "store/create.hpp"
#include "store/fairshare_update.hpp"
#include "store/sqlite.hpp"
#include "store/usage_update.hpp"
#include "store/users.hpp"

namespace fluxacct {
namespace {

namespace fs = std::filesystem;
constexpr std::time_t kCreated = 1767225600;  // 2026-01-01 00:00:00 UTC

class CycleVersusCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fluxacct-cycle-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string path = (dir_ / "FluxAccounting.db").string();
    create_database(path, CreateOptions{}, kCreated);
    db_ = std::make_unique<sql::Connection>(path, sql::Connection::Mode::kReadWrite);
    store::add_bank(*db_, {.name = "root", .parent = ""});
    store::add_bank(*db_, {.name = "A", .parent = "root", .shares = 1});
    store::add_bank(*db_, {.name = "B", .parent = "root", .shares = 3});
    add_user("alice", "A", 5001, 1);
    add_user("bob", "A", 5002, 2);
    add_user("carol", "B", 5003, 1);
    add_user("dave", "B", 5004, 1);
    // Past usage as update-usage left it, and cores counted besides nodes.
    db_->exec(
        "UPDATE job_usage_per_association_table SET value = 300.0 / (period + 1) "
        "WHERE username = 'dave';"
        "UPDATE association_table SET job_usage = 300.0 + 150.0 + 100.0 + 75.0 "
        "WHERE username = 'dave';"
        "INSERT OR REPLACE INTO config_table (key, value) VALUES ('core_weight', '0.25');");
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  void add_user(const char* name, const char* bank, std::int64_t uid, std::int64_t shares) {
    store::NewAssociation a;
    a.username = name;
    a.bank = bank;
    a.userid = uid;
    a.shares = shares;
    store::add_association(*db_, a, kCreated);
  }

  sim::EndedJob job(std::uint32_t uid, const char* bank, double t_run, double t_inactive,
                    std::int64_t nodes, std::int64_t cores_each) {
    sim::EndedJob j;
    j.userid = uid;
    j.bank = bank;
    j.t_run = t_run;
    j.t_inactive = t_inactive;
    j.resources = {nodes, nodes * cores_each, 0};
    return j;
  }

  // The jobs as fetch-job-records would have stored them (absolute times),
  // then the cron pipeline at origin + t; and the cycle at t.
  void run_both(sim::AccountingCycle& cycle, double t, const std::vector<sim::EndedJob>& jobs) {
    auto insert = db_->prepare(
        "INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec, bank) "
        "VALUES (?, ?, ?, ?, ?, '', ?, '{}', ?)");
    for (const auto& j : jobs) {
      const auto ids = [](std::int64_t n) {
        return n == 1 ? std::string("0") : fmt::format("0-{}", n - 1);
      };
      const std::string R = fmt::format(
          R"({{"version": 1, "execution": {{"R_lite": [{{"rank": "{}", "children": {{"core": "{}"}}}}]}}}})",
          ids(j.resources.nnodes), ids(j.resources.ncores / j.resources.nnodes));
      insert.reset();
      insert.bind(1, std::to_string(++next_id_))
          .bind(2, static_cast<std::int64_t>(j.userid))
          .bind(3, cycle.origin() + j.t_run)
          .bind(4, cycle.origin() + j.t_run)
          .bind(5, cycle.origin() + j.t_inactive)
          .bind(6, R)
          .bind(7, j.bank);
      insert.run();
    }
    {
      sql::Transaction tx(*db_);
      store::update_usage(*db_, cycle.origin() + t);
      store::update_fairshare(*db_);
      tx.commit();
    }
    cycle.run(t, jobs);
  }

  void expect_same(const sim::AccountingCycle& cycle) {
    auto st = db_->prepare("SELECT username, bank, job_usage, fairshare FROM association_table");
    int n = 0;
    while (st.step()) {
      const std::string user = st.get_text(0), bank = st.get_text(1);
      for (std::size_t i = 0; i < cycle.accounts().size(); ++i) {
        const auto& a = cycle.accounts()[i];
        if (a.username != user || a.bank != bank) continue;
        ++n;
        EXPECT_EQ(cycle.usage(i), st.get_double(2)) << user;
        EXPECT_EQ(a.fairshare, st.get_double(3)) << user;
      }
    }
    EXPECT_EQ(n, 4);
  }

  std::unique_ptr<sql::Connection> db_;
  fs::path dir_;
  int next_id_ = 0;
};

TEST_F(CycleVersusCommands, OneCycleAndOneAfterAPeriodClosesGiveTheCommandsNumbers) {
  sim::AccountingCycle cycle(cli::load_accounting_setup(*db_, kCreated));
  // A period is a week (create-db's half-life); t = 0 is its start.
  EXPECT_EQ(cycle.origin(), kCreated);

  run_both(cycle, 3600,
           {job(5001, "A", 0, 1800, 2, 4), job(5002, "A", 100, 3000.5, 1, 1),
            job(5003, "B", 50, 3599, 4, 2), job(5001, "A", 1000, 1001, 1, 8)});
  expect_same(cycle);
  // The ranking moved off 0.5: bank B (3 shares) is under-used, and in it
  // dave (625 of past usage) is ahead of carol (6 × 3549); in A, bob (two
  // shares) is ahead of alice.
  EXPECT_EQ(cycle.accounts()[3].fairshare, 1.0);
  EXPECT_EQ(cycle.accounts()[2].fairshare, 0.75);
  EXPECT_EQ(cycle.accounts()[1].fairshare, 0.5);
  EXPECT_EQ(cycle.accounts()[0].fairshare, 0.25);

  // Past the end of the first period: bins decay, and new jobs come in.
  run_both(cycle, 604800 + 7200, {job(5004, "B", 604800, 604800 + 3600, 1, 1)});
  expect_same(cycle);
}

}  // namespace
}  // namespace fluxacct
