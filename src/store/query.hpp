// Building SELECTs over one table from a column list and filters, so that
// commands choose what to show without writing SQL themselves. Values are
// always bound, never spliced into the statement.
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

struct Filter {
  enum class Op {
    kIn,            // column equals one of values (one value: equality)
    kListContains,  // a comma-separated list column names one of values, as a whole name
  };
  std::string column;
  Op op = Op::kIn;
  std::vector<Value> values;
};

struct SelectSpec {
  const schema::Table* table = nullptr;
  std::vector<std::string> columns;  // empty: every column of the table
  std::vector<Filter> filters;       // AND-ed
  std::string order_by = "rowid";    // a column list from the schema, or rowid
};

// Prepares the SELECT; the statement can be stepped (and rewound) by a RowSource.
sql::Statement select(sql::Connection& db, const SelectSpec& spec);

}  // namespace fluxacct::store
