#include "store/query.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace fluxacct::store {

sql::Statement select(sql::Connection& db, const SelectSpec& spec) {
  const schema::Table& t = *spec.table;
  std::vector<std::string> cols = spec.columns.empty() ? t.column_names() : spec.columns;
  std::string text = "SELECT ";
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (!t.find(cols[i])) throw Error("invalid fields: " + cols[i]);
    text += (i ? ", " : "") + sql::quote_ident(cols[i]);
  }
  text += " FROM " + sql::quote_ident(t.name);
  std::vector<const Value*> binds;
  bool first = true;
  for (const auto& f : spec.filters) {
    if (!t.find(f.column)) throw Error("invalid fields: " + f.column);
    if (f.values.empty()) continue;
    text += first ? " WHERE " : " AND ";
    first = false;
    std::string col = sql::quote_ident(f.column);
    text += "(";
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      const std::string param = fmt::format("?{}", binds.size() + 1);
      if (f.op == Filter::Op::kIn) {
        if (i == 0) text += col + " IN (";
        text += (i ? ", " : "") + param;
        if (i + 1 == f.values.size()) text += ")";
      } else {
        // The plain instr() rejects most rows cheaply before the exact test.
        text += (i ? " OR " : "") + fmt::format(
                                        "(instr({0}, {1}) > 0 AND instr(',' || {0} || ',', "
                                        "',' || {1} || ',') > 0)",
                                        col, param);
      }
      binds.push_back(&f.values[i]);
    }
    text += ")";
  }
  text += " ORDER BY " + spec.order_by;
  auto st = db.prepare(text);
  for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), *binds[i]);
  return st;
}

}  // namespace fluxacct::store
