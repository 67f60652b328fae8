// create-db: a new accounting database at schema 38.
#pragma once

#include <ctime>
#include <string>

namespace fluxacct {

struct CreateOptions {
  double usage_reset_period = 2419200;  // seconds (4 weeks)
  double decay_half_life = 604800;      // seconds (1 week)
  double decay_factor = 0.5;            // 0 < F < 1
};

// Creates the file (and missing parent directories) with every table and
// seeded row. Refuses a path that already exists. The database is built
// under a temporary name and moved into place, so a failure leaves nothing.
void create_database(const std::string& path, const CreateOptions& opts, std::time_t now);

// Fills an empty, open database with schema 38 and its seed rows (also the
// template update-db migrates towards).
namespace sql {
class Connection;
}
void initialize_schema(sql::Connection& db, const CreateOptions& opts, std::time_t now);

}  // namespace fluxacct
