// Thin RAII wrappers over the SQLite C API: a connection, a prepared
// statement, and a transaction guard. Every SQLite error becomes
// fluxacct::Error with SQLite's own message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/value.hpp"

namespace fluxacct::sql {

class Statement;

class Connection {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };

  // Opens `path` (not a URI). Sets a busy timeout so that two commands on
  // the same file wait for each other instead of failing with "database is
  // locked", and turns on foreign keys as upstream does.
  Connection(const std::string& path, Mode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
    other.db_ = nullptr;
  }

  // Runs one or more statements that return no rows.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);

  std::int64_t user_version();
  void set_user_version(std::int64_t v);
  std::int64_t changes() const { return sqlite3_changes64(db_); }
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  bool table_exists(std::string_view table);
  std::vector<std::string> table_columns(std::string_view table);

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement. bind() takes 1-based indexes like SQLite.
class Statement {
 public:
  Statement(Connection& conn, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const Value& v);
  Statement& bind_null(int index);
  // Binds text without copying it (SQLITE_STATIC): the caller keeps it
  // unchanged until the statement has run. For large values in tight loops.
  Statement& bind_static(int index, std::string_view v);
  // Binds a pointer that only SQL functions asking for `type` can read
  // (sqlite3_bind_pointer); the caller keeps it alive while the statement runs.
  Statement& bind_pointer(int index, void* p, const char* type);

  // Advances to the next row; false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();
  // Rewinds to run again with the same bound values.
  void reset_keep_bindings() { sqlite3_reset(stmt_); }

  int column_count() const { return sqlite3_column_count(stmt_); }
  std::string column_name(int i) const { return sqlite3_column_name(stmt_, i); }
  bool is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  std::int64_t get_int(int i) const { return sqlite3_column_int64(stmt_, i); }
  double get_double(int i) const { return sqlite3_column_double(stmt_, i); }
  std::string get_text(int i) const;
  // The text of column i, valid until the next step() or reset().
  std::string_view get_text_view(int i) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)))
             : std::string_view();
  }
  int column_type(int i) const { return sqlite3_column_type(stmt_, i); }  // SQLITE_INTEGER, …
  Value get_value(int i) const;

 private:
  void check(int rc);
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit()
// was called: one transaction per command, nothing half-written on error.
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

// Quotes an identifier for SQL ("name" with inner quotes doubled). Only for
// identifiers from the schema definition; values are always bound.
std::string quote_ident(std::string_view ident);

}  // namespace fluxacct::sql
