#include "store/job_queries.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/create.hpp"
#include "store/schema.hpp"
#include "store/usage_ranking.hpp"

namespace fluxacct::store {
namespace {

class JobQueriesTest : public ::testing::Test {
 protected:
  JobQueriesTest() : db(":memory:", sql::Connection::Mode::kReadWriteCreate) {
    initialize_schema(db, CreateOptions{}, 1767225600);
    // id, userid, t_run, t_inactive, project, bank, requested, actual
    add("101", 5001, 100, 160, "'*'", "'A'", 60, 60);
    add("102", 5002, 200, 500, "'p'", "'B'", 600, 300);
    add("103", 5001, 300, 400, "NULL", "NULL", 10, 100);
  }
  void add(const char* id, int uid, double run, double inactive, const char* project,
           const char* bank, double requested, double actual) {
    db.exec("INSERT INTO jobs VALUES ('" + std::string(id) + "', " + std::to_string(uid) + ", " +
            std::to_string(run - 1) + ", " + std::to_string(run) + ", " + std::to_string(inactive) +
            ", '0', '{}', '{}', " + project + ", " + bank + ", " + std::to_string(requested) +
            ", " + std::to_string(actual) + ")");
  }
  std::vector<std::string> ids(const JobFilter& f) {
    JobQuery q(db, f);
    JobRow row;
    std::vector<std::string> out;
    while (q.next(row)) out.emplace_back(row.id);
    return out;
  }
  std::string plan(const JobFilter& f) {
    auto st = db.prepare("EXPLAIN QUERY PLAN " + job_query_sql(f));
    std::string out;
    while (st.step()) out += st.get_text(3) + "\n";
    return out;
  }
  sql::Connection db;
};

using Ids = std::vector<std::string>;

template <class Set>
JobFilter F(Set set) {
  JobFilter f;
  set(f);
  return f;
}

TEST_F(JobQueriesTest, EachFilter) {
  EXPECT_EQ(ids({}), (Ids{"101", "102", "103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.userid = 5001; })), (Ids{"101", "103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.jobid = 102; })), (Ids{"102"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.run_after = 200; })), (Ids{"103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.inactive_before = 400; })), (Ids{"101"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.inactive_from = 400; })), (Ids{"102", "103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.project = "p"; })), (Ids{"102"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.bank = "A"; })), (Ids{"101"}));
  EXPECT_EQ(ids(F([](JobFilter& f) {
              f.requested = {{CompareOp::kGreater, 10}, {CompareOp::kLessEqual, 60}};
            })),
            (Ids{"101"}));
  EXPECT_EQ(ids(F([](JobFilter& f) {
              f.actual = {{CompareOp::kGreaterEqual, 100}};
            })),
            (Ids{"102", "103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) { f.delta = {{CompareOp::kLess, 0}}; })), (Ids{"103"}));
  EXPECT_EQ(ids(F([](JobFilter& f) {
              f.userid = 5001;
              f.inactive_from = 200;
              f.inactive_before = 401;
            })),
            (Ids{"103"}));
}

TEST_F(JobQueriesTest, NullTextReadsEmpty) {
  JobQuery q(db, F([](JobFilter& f) { f.jobid = 103; }));
  JobRow row;
  ASSERT_TRUE(q.next(row));
  EXPECT_EQ(row.project, "");
  EXPECT_EQ(row.bank, "");
  EXPECT_EQ(row.userid, 5001);
  EXPECT_EQ(row.actual_duration, 100);
  EXPECT_FALSE(q.next(row));
  q.rewind();
  EXPECT_TRUE(q.next(row));
}

TEST_F(JobQueriesTest, FiltersAreBoundNotSpliced) {
  EXPECT_EQ(job_query_sql(F([](JobFilter& f) {
              f.userid = 1;
              f.bank = "x' OR '1'='1";
            })),
            "SELECT id, userid, t_submit, t_run, t_inactive, R, project, bank, "
            "requested_duration, actual_duration FROM jobs "
            "WHERE userid = ? AND bank = ? ORDER BY rowid");
  EXPECT_TRUE(ids(F([](JobFilter& f) { f.bank = "x' OR '1'='1"; })).empty());
}

TEST_F(JobQueriesTest, UsesTheJobsIndexes) {
  for (auto ddl : schema::auxiliary_indexes()) db.exec(ddl);
  EXPECT_NE(plan(F([](JobFilter& f) { f.userid = 5001; })).find("USING INDEX fluxacct_jobs_userid"),
            std::string::npos);
  EXPECT_NE(plan(F([](JobFilter& f) {
              f.userid = 5001;
              f.run_after = 5;
              f.bank = "A";
            })).find("fluxacct_jobs_userid"),
            std::string::npos);
  EXPECT_NE(plan(F([](JobFilter& f) {
              f.inactive_from = 1;
              f.inactive_before = 2;
            })).find("USING INDEX"),
            std::string::npos);
  EXPECT_NE(plan(F([](JobFilter& f) { f.jobid = 101; })).find("USING INDEX"), std::string::npos);
}

TEST_F(JobQueriesTest, SortsByUserNameThroughTheCallersLookup) {
  using Column = JobOrder::Column;
  // Names that sort the other way round from the uids.
  auto name_of = [](std::int64_t uid) { return uid == 5001 ? std::string("zed") : "amy"; };
  auto sorted = [&](std::vector<JobOrder> order) {
    JobQuery q(db, {}, order, name_of);
    JobRow row;
    Ids out;
    while (q.next(row)) out.emplace_back(row.id);
    return out;
  };
  EXPECT_EQ(sorted({{Column::kUsername}}), (Ids{"102", "101", "103"}));
  EXPECT_EQ(sorted({{.column = Column::kUsername, .descending = true}}),
            (Ids{"101", "103", "102"}));
  // Each query registers its own lookup and removes it when done.
  EXPECT_EQ(sorted({{Column::kUsername}, {.column = Column::kId, .descending = true}}),
            (Ids{"102", "103", "101"}));
  EXPECT_THROW(JobQuery(db, {}, {{Column::kUsername}}), Error);  // no lookup given
}

TEST_F(JobQueriesTest, SortsByTheCountsOfR) {
  using Column = JobOrder::Column;
  db.exec(
      "UPDATE jobs SET R = CASE id "
      "WHEN '101' THEN '{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-2\", "
      "\"children\": {\"core\": \"0\"}}]}}' "
      "WHEN '102' THEN '{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", "
      "\"children\": {\"core\": \"0-7\", \"gpu\": \"0-1\"}}]}}' "
      "ELSE 'not R' END");
  auto sorted = [&](Column c, bool descending) {
    JobQuery q(db, {}, {{.column = c, .descending = descending}});
    JobRow row;
    Ids out;
    while (q.next(row)) out.emplace_back(row.id);
    return out;
  };
  // 101: 3 nodes, 3 cores, 0 GPUs; 102: 1 node, 8 cores, 2 GPUs; 103 cannot
  // be counted (NULL: first).
  EXPECT_EQ(sorted(Column::kNnodes, false), (Ids{"103", "102", "101"}));
  EXPECT_EQ(sorted(Column::kNcores, true), (Ids{"102", "101", "103"}));
  EXPECT_EQ(sorted(Column::kNgpus, true), (Ids{"102", "101", "103"}));
  EXPECT_EQ(sorted(Column::kResources, false), (Ids{"103", "102", "101"}));  // by bytes
  {
    // Sorted by a count, the query hands the counts over (R counted once).
    JobQuery q(db, {}, {{Column::kNcores}});
    JobRow row;
    ASSERT_TRUE(q.next(row));
    EXPECT_TRUE(row.counted);
    EXPECT_FALSE(row.counts);  // 103's R
    ASSERT_TRUE(q.next(row));
    EXPECT_EQ(row.counts, (ResourceCounts{3, 3, 0}));
    JobQuery plain(db, {});
    ASSERT_TRUE(plain.next(row));
    EXPECT_FALSE(row.counted);
  }
  auto st = db.prepare("SELECT fluxacct_r_count(R, 1), fluxacct_r_count(R, 3) FROM jobs");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 3);
  EXPECT_TRUE(st.is_null(1));
}

TEST_F(JobQueriesTest, AssociationUserid) {
  db.exec(
      "INSERT INTO association_table (creation_time, mod_time, username, userid, bank, "
      "default_bank) VALUES (0, 0, 'u', 42, 'A', 'A'), (0, 0, 'u', 43, 'B', 'A')");
  EXPECT_EQ(association_userid(db, "u"), 42);
  EXPECT_EQ(association_userid(db, "nobody"), std::nullopt);
}

TEST_F(JobQueriesTest, UsageRanking) {
  db.exec(
      "INSERT INTO bank_table (bank, parent_bank, shares, job_usage) VALUES ('root', '', 1, 9), "
      "('A', 'root', 1, 2), ('B', 'root', 1, 5), ('C', 'root', 1, 5)");
  db.exec(
      "INSERT INTO association_table (creation_time, mod_time, username, userid, bank, "
      "default_bank, job_usage) VALUES (0, 0, 'x', 1, 'A', 'A', 1.5), (0, 0, 'y', 2, 'B', 'B', 7)");
  auto banks = top_bank_usage(db, 10);
  ASSERT_EQ(banks.size(), 3u);    // the root left out
  EXPECT_EQ(banks[0].bank, "B");  // ties in the order added
  EXPECT_EQ(banks[1].bank, "C");
  EXPECT_EQ(banks[2].bank, "A");
  EXPECT_EQ(top_bank_usage(db, 1).size(), 1u);
  EXPECT_EQ(top_bank_usage(db, -1).size(), 3u);
  auto assocs = top_association_usage(db, 10);
  ASSERT_EQ(assocs.size(), 2u);
  EXPECT_EQ(assocs[0].username, "y");
  EXPECT_EQ(assocs[0].job_usage, 7);
}

}  // namespace
}  // namespace fluxacct::store
