// The schema-38 definition against upstream's own files: every table must
// be what upstream 0.60 creates (same normalized CREATE text), apart from
// the two per-queue totals that schema 38 added to queue_table.
#include "store/schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/sqlite.hpp"

namespace fluxacct::schema {
namespace {

// Upstream's 0.60 database: from the shared fixtures, else the copy under
// tests/data.
std::string fixture_060() {
  for (std::string dir : {std::string(FLUXACCT_SHARED_DIR) + "/fixtures/flux-accounting/test_dbs",
                          std::string(FLUXACCT_TEST_DATA_DIR)}) {
    std::string path = dir + "/FluxAccountingv0-60-0.db";
    if (std::filesystem::exists(path)) return path;
  }
  return {};
}

std::string stored_sql(sql::Connection& db, std::string_view table) {
  auto st = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  if (!st.step()) return {};
  return st.get_text(0);
}

TEST(Schema, NormalizeIgnoresLayoutOnly) {
  EXPECT_EQ(normalize_sql("CREATE TABLE t (\n  a  int ,\n  b text  NOT NULL\n)"),
            "CREATE TABLE t(a int,b text NOT NULL)");
  EXPECT_NE(normalize_sql("CREATE TABLE t (a int NOT NULL)"),
            normalize_sql("CREATE TABLE t (a int NOT NULL ON CONFLICT REPLACE DEFAULT 1)"));
}

TEST(Schema, MatchesUpstream060ExceptQueueTotals) {
  std::string fixture = fixture_060();
  if (fixture.empty()) GTEST_SKIP() << "FluxAccountingv0-60-0.db not available";
  sql::Connection db(fixture, sql::Connection::Mode::kReadOnly);
  for (const auto& t : tables()) {
    SCOPED_TRACE(std::string(t.name));
    std::string upstream = stored_sql(db, t.name);
    ASSERT_FALSE(upstream.empty()) << "table missing from the 0.60 fixture";
    if (t.name != "queue_table") {
      EXPECT_EQ(normalize_sql(t.create_sql()), normalize_sql(upstream));
      continue;
    }
    // 0.60's queue_table is ours without max_nodes and max_cores.
    Table older = t;
    std::erase_if(older.columns,
                  [](const Column& c) { return c.name == "max_nodes" || c.name == "max_cores"; });
    ASSERT_EQ(older.columns.size() + 2, t.columns.size());
    EXPECT_EQ(normalize_sql(older.create_sql()), normalize_sql(upstream));
  }
}

TEST(Schema, QueueTotalsAreUnlimitedAndResettable) {
  const Table& q = table("queue_table");
  auto names = q.column_names();
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "max_nodes");
  EXPECT_EQ(names[names.size() - 1], "max_cores");
  for (auto name : {"max_nodes", "max_cores"}) {
    SCOPED_TRACE(name);
    const Column* c = q.find(name);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->type, "int(11)");
    ASSERT_TRUE(c->def.has_value());
    EXPECT_EQ(*c->def, "2147483647");
    EXPECT_TRUE(c->not_null);
    EXPECT_TRUE(c->replace_null);
  }
  std::string sql = normalize_sql(q.create_sql());
  std::string want = normalize_sql(
      "max_nodes int(11) DEFAULT 2147483647 NOT NULL ON CONFLICT REPLACE DEFAULT 2147483647, "
      "max_cores int(11) DEFAULT 2147483647 NOT NULL ON CONFLICT REPLACE DEFAULT 2147483647, "
      "PRIMARY KEY (queue))");
  EXPECT_TRUE(sql.ends_with(want)) << sql;
}

TEST(Schema, EveryTableHasTheUpstreamColumnOrder) {
  std::string fixture = fixture_060();
  if (fixture.empty()) GTEST_SKIP() << "FluxAccountingv0-60-0.db not available";
  sql::Connection db(fixture, sql::Connection::Mode::kReadOnly);
  for (const auto& t : tables()) {
    SCOPED_TRACE(std::string(t.name));
    auto want = t.column_names();
    if (t.name == "queue_table") want.resize(want.size() - 2);
    EXPECT_EQ(db.table_columns(t.name), want);
  }
}

}  // namespace
}  // namespace fluxacct::schema
