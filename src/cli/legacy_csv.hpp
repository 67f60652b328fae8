// The headerless CSV files of flux-accounting 0.18.1 (the original
// administrator's guide): a banks file "bank,parent_bank,shares" and a users
// file "username,userid,bank,shares,max_running_jobs,max_active_jobs,
// max_nodes,queues". pop-db -b/-u loads them through add-bank and add-user
// (so every check of those commands applies, banks first); export-db -u/-b
// writes them.
#pragma once

#include <ctime>
#include <string>

#include "store/sqlite.hpp"

namespace fluxacct::cli {

// Each row is an add-bank; errors are prefixed with file:line.
void import_legacy_banks(sql::Connection& db, const std::string& path);
// Each row is an add-user. Empty cells take add-user's defaults (an empty
// userid is looked up in the password database); trailing cells may be left out.
void import_legacy_users(sql::Connection& db, const std::string& path, std::time_t now);

// Writes the files (either path may be empty to skip it).
void export_legacy(sql::Connection& db, const std::string& users_path,
                   const std::string& banks_path);

}  // namespace fluxacct::cli
