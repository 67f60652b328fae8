// sql::RowValues: one REAL column of many rows written in one statement
// (a walk of the rowid range) or row by row, with the same result.
#include "store/row_values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::sql {
namespace {

class RowValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.exec(
        "CREATE TABLE t (name TEXT NOT NULL, v REAL DEFAULT 0.0 NOT NULL, w REAL);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
        "INSERT INTO t (rowid, name, v, w) SELECT i, 'row' || i, i, NULL FROM n;");
  }
  double value(std::int64_t rowid, const char* column = "v") {
    auto st = db_.prepare(std::string("SELECT ") + column + " FROM t WHERE rowid = ?");
    st.bind(1, rowid);
    EXPECT_TRUE(st.step());
    return st.is_null(0) ? std::nan("") : st.get_double(0);
  }
  double sum() {
    auto st = db_.prepare("SELECT total(v) FROM t");
    st.step();
    return st.get_double(0);
  }
  Connection db_{":memory:", Connection::Mode::kReadWriteCreate};
};

TEST_F(RowValuesTest, DenseChangesAreWrittenByOneWalk) {
  RowValues values;
  for (std::int64_t r = 100; r <= 400; r += 2) values.set(r, r * 0.5);
  const auto w = values.write(db_, "t", "v");
  EXPECT_TRUE(w.walked);
  EXPECT_EQ(w.changed, 151);
  EXPECT_EQ(value(100), 50.0);
  EXPECT_EQ(value(101), 101.0);  // between two changes: untouched
  EXPECT_EQ(value(400), 200.0);
  EXPECT_EQ(value(99), 99.0);
  EXPECT_EQ(value(402), 402.0);
  EXPECT_TRUE(values.empty());  // written values are forgotten
}

TEST_F(RowValuesTest, FewFarApartChangesAreWrittenRowByRow) {
  RowValues values;
  values.set(900, 1.5);
  values.set(3, 2.5);  // out of order
  const auto w = values.write(db_, "t", "v");
  EXPECT_FALSE(w.walked);
  EXPECT_EQ(w.changed, 2);
  EXPECT_EQ(value(3), 2.5);
  EXPECT_EQ(value(900), 1.5);
  EXPECT_EQ(sum(), 500500.0 - 3 - 900 + 1.5 + 2.5);
}

TEST_F(RowValuesTest, BothWaysGiveTheSameTable) {
  // The same changes, once dense enough to walk and once spread out by an
  // extra far row: every row ends the same.
  RowValues dense, spread;
  for (std::int64_t r = 1; r <= 1000; r += 3) {
    dense.set(r, r / 7.0);
    spread.set(r, r / 7.0);
  }
  Connection other(":memory:", Connection::Mode::kReadWriteCreate);
  other.exec(
      "CREATE TABLE t (name TEXT NOT NULL, v REAL DEFAULT 0.0 NOT NULL, w REAL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
      "INSERT INTO t (rowid, name, v, w) SELECT i, 'row' || i, i, NULL FROM n;"
      "INSERT INTO t (rowid, name, v) VALUES (1000000, 'far', 0);");
  spread.set(1000000, 7.0);
  EXPECT_TRUE(dense.write(db_, "t", "v").walked);
  EXPECT_FALSE(spread.write(other, "t", "v").walked);
  auto a = db_.prepare("SELECT rowid, v FROM t ORDER BY rowid");
  auto b = other.prepare("SELECT rowid, v FROM t WHERE rowid < 1000000 ORDER BY rowid");
  int rows = 0;
  while (a.step()) {
    ASSERT_TRUE(b.step());
    EXPECT_EQ(a.get_int(0), b.get_int(0));
    EXPECT_EQ(a.get_double(1), b.get_double(1)) << "rowid " << a.get_int(0);
    ++rows;
  }
  EXPECT_FALSE(b.step());
  EXPECT_EQ(rows, 1000);
}

TEST_F(RowValuesTest, TheLastValueSetForARowWins) {
  RowValues values;
  values.set(5, 1.0);
  values.set(6, 2.0);
  values.set(5, 3.0);
  EXPECT_EQ(values.write(db_, "t", "v").changed, 2);
  EXPECT_EQ(value(5), 3.0);
  EXPECT_EQ(value(6), 2.0);
}

TEST_F(RowValuesTest, RowidsOfNoRowChangeNothing) {
  RowValues values;
  values.set(5000, 1.0);
  values.set(5001, 1.0);
  EXPECT_EQ(values.write(db_, "t", "v").changed, 0);
  EXPECT_EQ(sum(), 500500.0);
}

TEST_F(RowValuesTest, NotANumberIsWrittenAsBindingWouldWriteIt) {
  // sqlite3_bind_double stores NaN as NULL: a nullable column takes it, a
  // NOT NULL one refuses it, whichever way the rows are written.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (bool walk : {true, false}) {
    const std::int64_t row = walk ? 10 : 20;
    RowValues values;
    values.set(row, nan);
    values.set(walk ? row + 1 : 999, 1.0);
    EXPECT_EQ(values.write(db_, "t", "w").walked, walk);
    EXPECT_TRUE(std::isnan(value(row, "w")));
    RowValues bad;
    bad.set(row, nan);
    bad.set(walk ? row + 1 : 999, 1.0);
    EXPECT_THROW(bad.write(db_, "t", "v"), Error);
  }
}

TEST_F(RowValuesTest, TheFunctionsAnswerNullWithoutValuesAndRefuseTriggers) {
  auto st = db_.prepare("SELECT fluxacct_row_has(NULL, 1), fluxacct_row_value(7, 1)");
  ASSERT_TRUE(st.step());
  EXPECT_TRUE(st.is_null(0));
  EXPECT_TRUE(st.is_null(1));
  // Only our own statements may call them, not a schema's triggers or views.
  db_.exec("CREATE VIEW bad AS SELECT fluxacct_row_has(NULL, rowid) FROM t");
  EXPECT_THROW(db_.prepare("SELECT * FROM bad"), Error);
}

TEST_F(RowValuesTest, FindWalksForwardAndStillFindsAnyRow) {
  RowValues values;
  for (std::int64_t r = 10; r <= 100; r += 10) values.set(r, static_cast<double>(r));
  // find() settles nothing itself: write() sorts. Set in order here.
  EXPECT_EQ(*values.find(10), 10.0);
  EXPECT_EQ(values.find(15), nullptr);
  EXPECT_EQ(*values.find(20), 20.0);
  EXPECT_EQ(*values.find(90), 90.0);
  EXPECT_EQ(*values.find(30), 30.0);  // backwards
  EXPECT_EQ(values.find(101), nullptr);
  EXPECT_EQ(values.find(5), nullptr);
}

}  // namespace
}  // namespace fluxacct::sql
