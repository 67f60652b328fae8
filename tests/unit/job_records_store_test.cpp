#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "store/create.hpp"
#include "store/job_records.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {
namespace {

class JobRecordsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/job_records_test.XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/FluxAccounting.db";
    create_database(path_, CreateOptions{}, 1767225600);
  }
  void TearDown() override {
    std::remove(path_.c_str());
    std::remove((dir_ + "/archive.db").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_, path_;
};

jobrec::JobRow row(const std::string& id) {
  jobrec::JobRow r;
  r.id = id;
  r.userid = 5;
  r.t_submit = 1;
  r.t_run = 2;
  r.t_inactive = 3;
  r.ranks = "";  // empty text, not NULL
  r.R = "{}";
  r.jobspec = std::string_view();  // a view without data is stored as ""
  r.actual_duration = 1;
  return r;
}

TEST_F(JobRecordsStore, InsertOnceAndIndexes) {
  sql::Connection db(path_, sql::Connection::Mode::kReadWrite);
  create_job_indexes(db);
  create_job_indexes(db);  // idempotent
  JobWriter w(db);
  EXPECT_TRUE(w.insert(row("1")));
  EXPECT_FALSE(w.insert(row("1")));
  EXPECT_TRUE(w.insert(row("2")));
  auto st = db.prepare("SELECT count(*), min(ranks), min(jobspec) FROM jobs");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 2);
  EXPECT_EQ(st.get_text(1), "");
  EXPECT_EQ(st.get_text(2), "");
  auto idx = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'fluxacct_%'");
  ASSERT_TRUE(idx.step());
  EXPECT_EQ(idx.get_int(0), static_cast<std::int64_t>(schema::auxiliary_indexes().size()));
}

TEST_F(JobRecordsStore, ArchiveRowsKeepTheirStorageClass) {
  {
    sql::Connection a(dir_ + "/archive.db", sql::Connection::Mode::kReadWriteCreate);
    a.exec(
        "CREATE TABLE JOBS (ID, USERID, T_SUBMIT, T_RUN, T_INACTIVE, RANKS, r, JOBSPEC, extra);"
        "INSERT INTO jobs VALUES (1, 2, 3.5, NULL, 'x', X'00ff', '', '{}', 9)");
  }
  JobArchive archive(dir_ + "/archive.db");  // names match case-insensitively
  jobrec::RawJob raw;
  ASSERT_TRUE(archive.next(raw));
  using Kind = jobrec::RawField::Kind;
  EXPECT_EQ(raw.id.kind, Kind::kInteger);
  EXPECT_EQ(raw.t_submit.kind, Kind::kReal);
  EXPECT_EQ(raw.t_run.kind, Kind::kNull);
  EXPECT_EQ(raw.t_inactive.kind, Kind::kText);
  EXPECT_EQ(raw.ranks.kind, Kind::kText);
  EXPECT_EQ(raw.ranks.text, std::string_view("\0\xff", 2));
  EXPECT_FALSE(archive.next(raw));
  EXPECT_EQ(archive.rows_read(), 1);
}

}  // namespace
}  // namespace fluxacct::store
