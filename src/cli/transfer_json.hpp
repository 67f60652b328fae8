// The two JSON documents built from whole tables: export-json's plugin
// initialisation document and export-db -F's fair-share hierarchy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::cli {

// export-json: one line, as Python's json.dumps() writes it, with the keys
// associations, queues, projects, banks, config, priority_factors. Rows are
// streamed, not collected.
void write_plugin_config(sql::Connection& db, Output& out);

// export-db -F, as rows the hierarchy is built from (in rowid order).
struct HierarchyBank {
  std::string bank, parent;
  std::int64_t shares = 0;
  double usage = 0;
};
struct HierarchyUser {
  std::string username, bank;
  std::int64_t shares = 0;
  double usage = 0;
};

// {"root": {"bank", "shares", "usage", "children": [users…, sub-banks…]}}
// indented by 2 as json.dumps(indent=2), without a final newline. Every
// bank is included, active or not; the root is the (last) bank without a
// parent. Throws Error("No root bank found in database") when there is none.
std::string hierarchy_json(const std::vector<HierarchyBank>& banks,
                           const std::vector<HierarchyUser>& users);

// Reads the rows and returns hierarchy_json() of them.
std::string fairshare_hierarchy(sql::Connection& db);

}  // namespace fluxacct::cli
