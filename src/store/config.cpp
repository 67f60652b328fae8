#include "store/config.hpp"

#include <fmt/format.h>

#include <map>

#include "core/config_keys.hpp"
#include "core/error.hpp"
#include "store/schema.hpp"
#include "store/usage_rebin.hpp"

namespace fluxacct::store {
namespace {

std::string not_found(const std::string& key) {
  return fmt::format("key {} not found in config_table", key);
}

// Whether two stored values mean the same setting: equal numbers ("604800"
// and "604800.0"), or equal text when either is not a number.
bool same_setting(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return a == b;
  auto x = config::parse_number(*a);
  auto y = config::parse_number(*b);
  if (x && y) return *x == *y;
  return *a == *b;
}

}  // namespace

std::optional<std::string> config_value(sql::Connection& db, const std::string& key) {
  auto st = db.prepare("SELECT value FROM config_table WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.is_null(0) ? std::string() : st.get_text(0);
}

bool is_protected_config_key(const std::string& key) {
  for (const auto& seed : schema::default_config())
    if (seed.key == key) return true;
  return false;
}

bool add_config(sql::Connection& db, const std::string& key, const std::string& value,
                std::time_t now) {
  if (config_value(db, key))
    throw Error(fmt::format(
        "key {} already exists in config_table (UNIQUE constraint failed: config_table.key)", key));
  const std::string stored = config::normalize_value(key, value);
  db.prepare("INSERT INTO config_table (key, value) VALUES (?, ?)")
      .bind(1, key)
      .bind(2, stored)
      .run();
  // The key was missing, so whatever usage calculation assumed before has changed.
  if (!config::affects_usage_bins(key)) return false;
  rebin_usage(db, now);
  return true;
}

bool edit_config(sql::Connection& db, const std::vector<ConfigAssignment>& edits, std::time_t now) {
  // The values the re-binning keys had before this command, to tell a real
  // change from writing the same value again.
  std::map<std::string, std::optional<std::string>> before;
  auto update = db.prepare("UPDATE config_table SET value = ? WHERE key = ?");
  for (const auto& e : edits) {
    const std::string stored = config::normalize_value(e.key, e.value);
    auto old = config_value(db, e.key);
    if (!old) throw Error(not_found(e.key));
    if (config::affects_usage_bins(e.key)) before.try_emplace(e.key, old);
    update.reset();
    update.bind(1, stored).bind(2, e.key).run();
  }
  bool changed = false;
  for (const auto& [key, old] : before)
    changed = changed || !same_setting(old, config_value(db, key));
  if (!changed) return false;
  rebin_usage(db, now);
  return true;
}

void delete_config(sql::Connection& db, const std::string& key) {
  if (is_protected_config_key(key))
    throw Error("key-value pair is not allowed to be removed from config_table");
  db.prepare("DELETE FROM config_table WHERE key = ?").bind(1, key).run();
  if (db.changes() == 0) throw Error(not_found(key));
}

UsageSettings usage_settings(sql::Connection& db) {
  UsageSettings settings;
  for (const char* key :
       {"priority_usage_reset_period", "priority_decay_half_life", "decay_factor"})
    settings[key] = config_value(db, key);
  return settings;
}

bool settle_loaded_config(sql::Connection& db, const UsageSettings& before, bool rebin_on_change,
                          std::time_t now) {
  std::vector<ConfigAssignment> rows;
  {
    auto st = db.prepare("SELECT key, value FROM config_table ORDER BY rowid");
    while (st.step()) rows.push_back({st.get_text(0), st.is_null(1) ? "" : st.get_text(1)});
  }
  auto update = db.prepare("UPDATE config_table SET value = ? WHERE key = ?");
  for (const auto& r : rows) {
    const std::string stored = config::normalize_value(r.key, r.value);
    if (stored == r.value) continue;
    update.reset();
    update.bind(1, stored).bind(2, r.key).run();
  }
  if (!rebin_on_change) return false;
  bool changed = false;
  for (const auto& [key, old] : before)
    changed = changed || !same_setting(old, config_value(db, key));
  if (!changed) return false;
  rebin_usage(db, now);
  return true;
}

}  // namespace fluxacct::store
