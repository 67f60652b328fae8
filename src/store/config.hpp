// config_table: the key-value settings of usage calculation and the plugin
// (add-config, edit-config, delete-config, view-config, list-configs).
//
// Writers run inside the caller's transaction and throw fluxacct::Error with
// the message the user sees; nothing is written that the caller would not
// commit. Values of the known keys are checked and stored in one form
// (core/config_keys.hpp); a change of either usage period or of decay_factor
// re-bins every association's usage (store/usage_rebin.hpp) in the same
// transaction.
#pragma once

#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// The stored value of `key`, or nullopt when there is no such row.
std::optional<std::string> config_value(sql::Connection& db, const std::string& key);

// The keys create-db seeds (schema::default_config()); they cannot be deleted.
bool is_protected_config_key(const std::string& key);

// add-config. The key must be new ("key K already exists in config_table
// (UNIQUE constraint failed: config_table.key)"); a known key's value is
// checked as edit-config checks it. Adding one of the keys that shape usage
// bins re-bins. Returns true when it re-binned.
bool add_config(sql::Connection& db, const std::string& key, const std::string& value,
                std::time_t now);

struct ConfigAssignment {
  std::string key;
  std::string value;
};

// edit-config: applies every assignment in order; each key must exist ("key
// K not found in config_table"). When a usage period or decay_factor ends up
// with a different value than it had, re-bins once, after all of them.
// Returns true when it re-binned.
bool edit_config(sql::Connection& db, const std::vector<ConfigAssignment>& edits, std::time_t now);

// delete-config. Protected keys -> "key-value pair is not allowed to be
// removed from config_table"; unknown keys -> "key K not found in config_table".
void delete_config(sql::Connection& db, const std::string& key);

// The stored values of the keys that shape usage bins (the two periods and
// decay_factor), to compare before and after a bulk change.
using UsageSettings = std::map<std::string, std::optional<std::string>>;
UsageSettings usage_settings(sql::Connection& db);

// After rows were loaded into config_table in bulk (pop-db): checks every
// known key's value as edit-config does and stores it in its one form, then,
// when `rebin_on_change` and the usage settings differ from `before`, re-bins
// as edit-config would. Returns true when it re-binned.
bool settle_loaded_config(sql::Connection& db, const UsageSettings& before, bool rebin_on_change,
                          std::time_t now);

}  // namespace fluxacct::store
