// A stream of result rows that renderers read without knowing where the
// rows come from: a live SQLite query (streamed, so a listing of a million
// rows does not build in memory) or rows built in memory.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "store/sqlite.hpp"

namespace fluxacct {

class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  // Fills `row` with the next row; false at the end.
  virtual bool next(std::vector<Value>& row) = 0;
  // Starts again from the first row (renderers that size columns read twice).
  virtual void rewind() = 0;
};

class QueryRows : public RowSource {
 public:
  explicit QueryRows(sql::Statement stmt);
  const std::vector<std::string>& columns() const override { return columns_; }
  bool next(std::vector<Value>& row) override;
  void rewind() override { stmt_.reset_keep_bindings(); }

 private:
  sql::Statement stmt_;
  std::vector<std::string> columns_;
};

class MemoryRows : public RowSource {
 public:
  explicit MemoryRows(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  void add(std::vector<Value> row) { rows_.push_back(std::move(row)); }
  std::size_t size() const { return rows_.size(); }
  const std::vector<std::string>& columns() const override { return columns_; }
  bool next(std::vector<Value>& row) override;
  void rewind() override { pos_ = 0; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
  std::size_t pos_ = 0;
};

}  // namespace fluxacct
