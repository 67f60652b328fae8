// The site a what-if run (flux-account simulate) starts from: the plugin's
// initialisation document built from the database exactly as export-json
// builds it, the users' names, which the document does not carry, and the
// accounting state the cron pipeline would start from.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/accounting_cycle.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::cli {

struct SimulateSite {
  nlohmann::json document;  // export-json's document, parsed
  // Each user name's uid and each uid's name, from the first association
  // (by rowid) that names them.
  std::map<std::string, std::uint32_t> uid_of;
  std::map<std::uint32_t, std::string> name_of;
  sim::AccountingSetup accounting;  // see simulate_accounting.hpp

  std::optional<std::uint32_t> lookup(const std::string& user) const;
  // The user's name, or the uid as text when no association has it.
  std::string display(std::uint32_t uid) const;
};

// Reads the site from the database (`now` reads times stored as text).
// Throws Error when it holds no association ("nothing to simulate").
SimulateSite load_simulate_site(sql::Connection& db, double now);

}  // namespace fluxacct::cli
