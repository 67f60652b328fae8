// Opening the accounting database with the checks every command needs.
#pragma once

#include <string>

#include "store/sqlite.hpp"

namespace fluxacct {

inline constexpr const char* kDefaultDbPath = "/var/lib/flux/FluxAccounting.db";

enum class Access { kRead, kWrite };

// Opens an existing accounting database at schema 38. Refuses, with one
// clear message, a missing file, a file that is not SQLite or not an
// accounting database, a schema older than 38 (naming update-db) and a
// schema newer than this build understands.
sql::Connection open_database(const std::string& path, Access access);

// Raises the "is this our database at all" errors for an open connection;
// shared with update-db, which accepts old schemas but not foreign files.
void check_is_accounting_db(sql::Connection& db);

}  // namespace fluxacct
