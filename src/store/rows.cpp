#include "store/rows.hpp"

namespace fluxacct {

QueryRows::QueryRows(sql::Statement stmt) : stmt_(std::move(stmt)) {
  for (int i = 0; i < stmt_.column_count(); ++i) columns_.push_back(stmt_.column_name(i));
}

bool QueryRows::next(std::vector<Value>& row) {
  if (!stmt_.step()) return false;
  row.resize(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) row[i] = stmt_.get_value(static_cast<int>(i));
  return true;
}

bool MemoryRows::next(std::vector<Value>& row) {
  if (pos_ >= rows_.size()) return false;
  row = rows_[pos_++];
  return true;
}

}  // namespace fluxacct
