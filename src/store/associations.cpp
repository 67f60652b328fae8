#include "store/associations.hpp"

namespace fluxacct::store {

bool remove_association(sql::Connection& db, const std::string& username, const std::string& bank,
                        bool force, std::time_t now) {
  auto find =
      db.prepare("SELECT default_bank FROM association_table WHERE username = ? AND bank = ?");
  find.bind(1, username).bind(2, bank);
  if (!find.step()) return false;
  const bool was_default = find.get_text(0) == bank;

  auto change = db.prepare(force ? "DELETE FROM association_table WHERE username = ? AND bank = ?"
                                 : "UPDATE association_table SET active = 0, mod_time = ? "
                                   "WHERE username = ? AND bank = ?");
  int i = 1;
  if (!force) change.bind(i++, static_cast<std::int64_t>(now));
  change.bind(i, username);
  change.bind(i + 1, bank).run();

  if (!was_default) return true;
  auto next = db.prepare(
      "SELECT bank FROM association_table WHERE username = ? AND active = 1 "
      "ORDER BY creation_time, rowid LIMIT 1");
  next.bind(1, username);
  if (!next.step()) return true;
  auto rotate = db.prepare("UPDATE association_table SET default_bank = ? WHERE username = ?");
  rotate.bind(1, next.get_text(0)).bind(2, username).run();
  return true;
}

}  // namespace fluxacct::store
