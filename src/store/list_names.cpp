#include "store/list_names.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {

void check_list_name(const std::string& what, const std::string& name) {
  if (name.empty()) throw Error(fmt::format("{} name must not be empty", what));
  if (name.find(',') != std::string::npos)
    throw Error(
        fmt::format("{} name must not contain a comma (association rows list {}s "
                    "comma-separated): '{}'",
                    what, what, name));
}

bool association_lists_name(sql::Connection& db, const std::string& column,
                            const std::string& name) {
  if (!schema::table("association_table").find(column)) throw Error("invalid fields: " + column);
  // The same whole-name test as list-users' queue and project filters. The
  // plain instr() first rejects most rows without building strings, which
  // makes the scan of a large association table several times faster.
  auto st =
      db.prepare(fmt::format("SELECT 1 FROM association_table WHERE instr({0}, ?1) > 0 "
                             "AND instr(',' || {0} || ',', ',' || ?1 || ',') > 0 LIMIT 1",
                             sql::quote_ident(column)));
  st.bind(1, name);
  return st.step();
}

}  // namespace fluxacct::store
