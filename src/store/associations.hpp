// Writes to association_table that more than one command needs.
#pragma once

#include <ctime>
#include <string>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// Disables the association (active = 0), or deletes its row when `force`.
// When the bank was the user's default bank and the user still has active
// associations, every row of the user gets the earliest-created active bank
// as its default (upstream's rotation). Usage rows are kept. Returns false
// when no such association exists. Runs inside the caller's transaction.
bool remove_association(sql::Connection& db, const std::string& username, const std::string& bank,
                        bool force, std::time_t now);

}  // namespace fluxacct::store
