#include "store/database.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "store/schema.hpp"

namespace fluxacct {

void check_is_accounting_db(sql::Connection& db) {
  // Reading the schema is the first access that touches the file's header,
  // so this is where "file is not a database" shows up.
  bool has_assoc = false;
  try {
    has_assoc = db.table_exists("association_table");
  } catch (const Error& e) {
    throw Error(fmt::format("{} is not a flux-accounting database: {}", db.path(), e.what()));
  }
  if (!has_assoc)
    throw Error(fmt::format("{} is not a flux-accounting database: it has no association_table",
                            db.path()));
  auto v = db.user_version();
  if (v > schema::kVersion)
    throw Error(
        fmt::format("database schema version {} is newer than this flux-account understands ({}); "
                    "use a newer flux-account",
                    v, schema::kVersion));
}

sql::Connection open_database(const std::string& path, Access access) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error("Database file does not exist: " + path);
  if (S_ISDIR(st.st_mode)) throw Error(fmt::format("{} is a directory, not a database", path));
  sql::Connection db(path, access == Access::kRead ? sql::Connection::Mode::kReadOnly
                                                   : sql::Connection::Mode::kReadWrite);
  check_is_accounting_db(db);
  if (db.user_version() < schema::kVersion)
    throw Error(
        "flux-accounting database out of date; please update DB with "
        "'flux account-update-db' before running commands");
  return db;
}

}  // namespace fluxacct
