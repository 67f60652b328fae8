#include "store/sqlite.hpp"

#include <fmt/format.h>

#include "store/job_queries.hpp"
#include "store/row_values.hpp"

namespace fluxacct::sql {
namespace {

constexpr int kBusyTimeoutMs = 60'000;

// SQLite keeps memory statistics by default, taking a global mutex on every
// allocation (3% of an update-usage run's instructions); nothing reads them.
// sqlite3_config only works before the library initializes: the first
// connection does it, once.
void configure_library() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode) : path_(path) {
  configure_library();
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(fmt::format("unable to open database file {}: {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  exec("PRAGMA foreign_keys = 1");
  RowValues::register_functions(db_);
  store::register_job_functions(db_);
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw Error(msg);
  }
}

Statement Connection::prepare(std::string_view sql) { return Statement(*this, sql); }

std::int64_t Connection::user_version() {
  auto st = prepare("PRAGMA user_version");
  st.step();
  return st.get_int(0);
}

void Connection::set_user_version(std::int64_t v) {
  exec(fmt::format("PRAGMA user_version = {}", v));
}

bool Connection::table_exists(std::string_view table) {
  auto st = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  return st.step();
}

std::vector<std::string> Connection::table_columns(std::string_view table) {
  auto st = prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  std::vector<std::string> cols;
  while (st.step()) cols.push_back(st.get_text(0));
  return cols;
}

Statement::Statement(Connection& conn, std::string_view sql) : db_(conn.handle()) {
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw Error(sqlite3_errmsg(db_));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
  other.stmt_ = nullptr;
}

void Statement::check(int rc) {
  if (rc != SQLITE_OK) throw Error(sqlite3_errmsg(db_));
}

Statement& Statement::bind(int index, std::int64_t v) {
  check(sqlite3_bind_int64(stmt_, index, v));
  return *this;
}

Statement& Statement::bind(int index, double v) {
  check(sqlite3_bind_double(stmt_, index, v));
  return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
  check(sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view v) {
  // SQLite binds a null pointer as NULL; an empty view may have one.
  const char* data = v.data() ? v.data() : "";
  check(sqlite3_bind_text(stmt_, index, data, static_cast<int>(v.size()), SQLITE_STATIC));
  return *this;
}

Statement& Statement::bind_pointer(int index, void* p, const char* type) {
  check(sqlite3_bind_pointer(stmt_, index, p, type, nullptr));
  return *this;
}

Statement& Statement::bind(int index, const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return bind(index, *i);
  if (auto* d = std::get_if<double>(&v)) return bind(index, *d);
  if (auto* s = std::get_if<std::string>(&v)) return bind(index, std::string_view(*s));
  return bind_null(index);
}

Statement& Statement::bind_null(int index) {
  check(sqlite3_bind_null(stmt_, index));
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw Error(msg);
}

void Statement::run() {
  while (step()) {
  }
  sqlite3_reset(stmt_);
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::get_text(int i) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}

Value Statement::get_value(int i) const {
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_INTEGER:
      return get_int(i);
    case SQLITE_FLOAT:
      return get_double(i);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return get_text(i);
  }
}

Transaction::Transaction(Connection& conn) : conn_(conn) { conn_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      conn_.exec("ROLLBACK");
    } catch (...) {
      // Nothing useful to do: the original error is already on its way up.
    }
  }
}

void Transaction::commit() {
  conn_.exec("COMMIT");
  done_ = true;
}

std::string quote_ident(std::string_view ident) {
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace fluxacct::sql
