// Writing one REAL column of many rows in one statement.
//
// SQLite's per-statement work (starting the program, opening a cursor, the
// statement journal, halting) costs about as much as updating a narrow row,
// so thousands of single-row UPDATEs spend half their time on it. RowValues
// collects the new values by rowid and hands them to SQLite by pointer
// (sqlite3_bind_pointer); one UPDATE then walks the rowid range of the
// changes once and rewrites the rows in the set:
//
//   UPDATE t SET c = fluxacct_row_value(?1, rowid)
//    WHERE rowid BETWEEN ?2 AND ?3 AND fluxacct_row_has(?1, rowid)
//
// When the changes are few and far apart, walking the range would visit
// more rows than batching saves, and each row gets its own UPDATE.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::sql {

class RowValues {
 public:
  // The new value of a row; setting a row twice keeps the last value.
  void set(std::int64_t rowid, double value);
  bool empty() const { return values_.empty(); }
  // Values set and not yet written (a row set twice counts twice).
  std::size_t size() const { return values_.size(); }

  struct Written {
    std::int64_t changed = 0;  // rows changed; rowids that name no row change nothing
    bool walked = false;       // by one walk of the range, not row by row
  };
  // Writes every value to table.column (identifiers of our schema, quoted
  // here) inside the caller's transaction, then forgets them. Values are
  // stored as sqlite3_bind_double stores them (NaN becomes NULL).
  Written write(Connection& db, std::string_view table, std::string_view column);

  // Makes fluxacct_row_has and fluxacct_row_value known to a connection
  // (Connection's constructor calls it). Both take the bound RowValues and
  // a rowid; without a RowValues bound they return NULL.
  static void register_functions(sqlite3* db);

  // The value of `rowid`, or null when it has none; the values must be in
  // rowid order (write() sorts them before SQLite asks). Rows asked for in
  // ascending order, as a table walk does, are found in constant time.
  const double* find(std::int64_t rowid) const;

 private:
  // Sorts by rowid, keeping the last value set for each.
  void settle();

  std::vector<std::pair<std::int64_t, double>> values_;
  bool settled_ = true;
  mutable std::size_t hint_ = 0;
};

}  // namespace fluxacct::sql
