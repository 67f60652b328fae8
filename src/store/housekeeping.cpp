#include "store/housekeeping.hpp"

#include <fmt/format.h>

namespace fluxacct::store {

std::int64_t sync_userids(sql::Connection& db) {
  std::int64_t changed = 0;
  for (const char* table : {"job_usage_factor_table", "job_usage_per_association_table"}) {
    db.exec(fmt::format(
        "UPDATE {0} SET userid = (SELECT a.userid FROM association_table a "
        "WHERE a.username = {0}.username AND a.bank = {0}.bank) "
        "WHERE EXISTS (SELECT 1 FROM association_table a WHERE a.username = {0}.username "
        "AND a.bank = {0}.bank AND a.userid IS NOT {0}.userid)",
        table));
    changed += db.changes();
  }
  return changed;
}

std::int64_t scrub_old_jobs(sql::Connection& db, double cutoff) {
  auto st = db.prepare("DELETE FROM jobs WHERE t_inactive < ?");
  st.bind(1, cutoff).run();
  return db.changes();
}

}  // namespace fluxacct::store
