// The rows bank-info builds its share tree from: every bank and every
// association, active or not, with their shares and usage as stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/share_tree.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

// Reads bank_table and association_table in one snapshot (the caller's
// read transaction). Shares must be integers and usage and fair-share
// numbers (an integral REAL counts as an integer; NULL usage reads 0): a
// value an older tool stored as text is refused with an Error naming the
// row and the column, rather than printed as something it is not.
share_tree::Rows load_share_tree_rows(sql::Connection& db);

// The default bank of `username` (from its first association by rowid),
// or nullopt when the user has no association.
std::optional<std::string> default_bank_of(sql::Connection& db, const std::string& username);

}  // namespace fluxacct::store
