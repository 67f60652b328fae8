// update-db: brings an accounting database of any earlier upstream schema
// (0.10 … 0.60, user_version 0 … 37) to schema 38, keeping every row.
//
// Unlike upstream, every table that differs from schema 38 is rebuilt from
// the schema definition itself, so an upgraded file is indistinguishable
// from a new one (ON CONFLICT REPLACE and AUTOINCREMENT clauses included),
// and the whole upgrade is one transaction: it either completes or leaves
// the file exactly as it was.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <string>

namespace fluxacct {

enum class LogLevel { kDebug, kInfo, kWarning };

struct MigrateOptions {
  // A template database whose tables are the target instead of schema 38
  // (upstream's -n/--new-db testing aid). Empty: schema 38.
  std::string template_path;
  // "Now", for the end of the first half-life period when a database has
  // none.
  std::time_t now = 0;
  // Progress messages, in upstream's words; may be empty.
  std::function<void(LogLevel, const std::string&)> log;
};

struct MigrateResult {
  std::int64_t from_version = 0;
  std::string backup_path;
  bool changed = false;  // false: the database already was schema 38
};

// Refuses, leaving everything untouched: a missing file ("Database file
// does not exist: <path>"), a file that is not SQLite or not an accounting
// database, and a schema newer than 38. Otherwise copies the file to
// <path>.backup (bytes, permissions and times) and upgrades it in place.
MigrateResult update_database(const std::string& path, const MigrateOptions& opts);

}  // namespace fluxacct
