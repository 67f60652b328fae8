#include "store/row_values.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fluxacct::sql {
namespace {

// sqlite3_bind_pointer's type tag: SQLite hands the pointer only to
// functions asking for this exact string.
constexpr const char* kPointerType = "fluxacct::sql::RowValues";

// A walk costs about this many single-row UPDATEs per row it visits and
// does not change (measured with callgrind on association_table and the
// usage tables: ~450 instructions a visited row, ~2,500 saved a batched one).
constexpr std::int64_t kVisitsPerUpdate = 4;

const RowValues* bound_values(sqlite3_value* arg) {
  return static_cast<const RowValues*>(sqlite3_value_pointer(arg, kPointerType));
}

void row_has(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const RowValues* values = bound_values(argv[0]);
  if (!values) return sqlite3_result_null(ctx);
  sqlite3_result_int(ctx, values->find(sqlite3_value_int64(argv[1])) != nullptr);
}

void row_value(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const RowValues* values = bound_values(argv[0]);
  const double* v = values ? values->find(sqlite3_value_int64(argv[1])) : nullptr;
  if (!v) return sqlite3_result_null(ctx);
  sqlite3_result_double(ctx, *v);
}

}  // namespace

void RowValues::set(std::int64_t rowid, double value) {
  if (!values_.empty() && values_.back().first >= rowid) settled_ = false;
  values_.emplace_back(rowid, value);
}

void RowValues::settle() {
  if (settled_) return;
  std::stable_sort(values_.begin(), values_.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  // Of equal rowids the last set comes last: keep it.
  std::size_t out = 0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (i + 1 < values_.size() && values_[i + 1].first == values_[i].first) continue;
    values_[out++] = values_[i];
  }
  values_.resize(out);
  settled_ = true;
}

const double* RowValues::find(std::int64_t rowid) const {
  const auto n = values_.size();
  if (hint_ < n && values_[hint_].first == rowid) return &values_[hint_].second;
  // A walk asks for rows in ascending order: search from the last place.
  auto from = hint_ < n && values_[hint_].first < rowid
                  ? values_.begin() + static_cast<std::ptrdiff_t>(hint_)
                  : values_.begin();
  auto it = std::lower_bound(from, values_.end(), rowid,
                             [](const auto& entry, std::int64_t id) { return entry.first < id; });
  hint_ = static_cast<std::size_t>(it - values_.begin());
  return it != values_.end() && it->first == rowid ? &it->second : nullptr;
}

RowValues::Written RowValues::write(Connection& db, std::string_view table,
                                    std::string_view column) {
  Written out;
  if (values_.empty()) return out;
  settle();
  const std::string t = quote_ident(table), c = quote_ident(column);
  const std::int64_t first = values_.front().first, last = values_.back().first;
  const auto count = static_cast<std::int64_t>(values_.size());
  // The span is at most the rows a walk visits (rowids may have gaps).
  out.walked = last - first < count * kVisitsPerUpdate;
  if (out.walked) {
    auto st =
        db.prepare(fmt::format("UPDATE {0} SET {1} = fluxacct_row_value(?1, rowid) "
                               "WHERE rowid BETWEEN ?2 AND ?3 AND fluxacct_row_has(?1, rowid)",
                               t, c));
    hint_ = 0;
    st.bind_pointer(1, this, kPointerType).bind(2, first).bind(3, last).run();
    out.changed = db.changes();
  } else {
    auto st = db.prepare(fmt::format("UPDATE {} SET {} = ?1 WHERE rowid = ?2", t, c));
    for (const auto& [rowid, value] : values_) {
      st.reset();
      st.bind(1, value).bind(2, rowid).run();
      out.changed += db.changes();
    }
  }
  values_.clear();
  hint_ = 0;
  return out;
}

void RowValues::register_functions(sqlite3* db) {
  // Not deterministic (the answer depends on the bound values) and not for
  // triggers or views: only our own statements call them.
  constexpr int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  sqlite3_create_function_v2(db, "fluxacct_row_has", 2, flags, nullptr, row_has, nullptr, nullptr,
                             nullptr);
  sqlite3_create_function_v2(db, "fluxacct_row_value", 2, flags, nullptr, row_value, nullptr,
                             nullptr, nullptr);
}

}  // namespace fluxacct::sql
