// The one definition of the accounting database's schema (version 38).
//
// create-db's DDL, update-db's target, the column lists that --fields and
// CSV import validate against, and the "reset to default" values all come
// from here, so they cannot drift apart.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fluxacct::schema {

inline constexpr int kVersion = 38;
inline constexpr long long kIntMax = 2147483647;  // upstream's "unlimited"

struct Column {
  std::string_view name;
  std::string_view type;                // declared type, e.g. "int(11)"
  std::string_view key;                 // "PRIMARY KEY", "PRIMARY KEY AUTOINCREMENT" or ""
  std::optional<std::string_view> def;  // SQL literal of the DEFAULT clause
  bool not_null = false;
  // "ON CONFLICT REPLACE DEFAULT <def>": writing NULL stores the default.
  // Upstream's "reset to default" relies on it.
  bool replace_null = false;
};

struct Table {
  std::string_view name;
  std::vector<Column> columns;
  std::vector<std::string_view> primary_key;  // composite key, if any

  const Column* find(std::string_view column) const;
  std::vector<std::string> column_names() const;
  // CREATE TABLE text in upstream's layout (aligned columns).
  std::string create_sql() const;
};

// Every table of schema 38, in creation order.
std::span<const Table> tables();
const Table& table(std::string_view name);  // throws on an unknown name
const Table* find_table(std::string_view name);

// Rows create-db seeds after the tables exist.
struct Seed {
  std::string_view key;
  std::string_view value;
};
std::span<const Seed> default_factor_weights();  // fairshare, queue, bank, urgency
std::span<const Seed> default_config();          // seven keys, durations in seconds

// Indexes fluxacct adds beyond upstream's schema, as CREATE INDEX IF NOT
// EXISTS statements: jobs by user and by end time, so that one user's job
// records and the jobs that ended after a time are found without a scan of
// the whole table. create-db does not make them (a new database stays
// identical to upstream's); fetch-job-records creates them. Upstream's tools
// ignore extra indexes.
std::span<const std::string_view> auxiliary_indexes();

// Collapses whitespace and drops it around punctuation so two CREATE
// statements that differ only in layout compare equal.
std::string normalize_sql(std::string_view sql);

}  // namespace fluxacct::schema
