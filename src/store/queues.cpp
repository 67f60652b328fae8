#include "store/queues.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/list_names.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {
namespace {

const schema::Table& queue_table() { return schema::table("queue_table"); }

const schema::Column& settable_column(const std::string& name) {
  const schema::Column* col = queue_table().find(name);
  if (!col || name == "queue") throw Error("invalid fields: " + name);
  return *col;
}

// "?" bound to the value, or the schema's default literal.
std::string value_sql(const QueueSetting& s, std::vector<std::int64_t>& binds) {
  const schema::Column& col = settable_column(s.column);
  if (s.value) {
    binds.push_back(*s.value);
    return "?";
  }
  return col.def ? std::string(*col.def) : std::string("NULL");
}

std::string not_found(const std::string& queue) {
  return fmt::format("queue {} not found in queue_table", queue);
}

}  // namespace

bool queue_exists(sql::Connection& db, const std::string& queue) {
  auto st = db.prepare("SELECT 1 FROM queue_table WHERE queue = ?");
  st.bind(1, queue);
  return st.step();
}

void add_queue(sql::Connection& db, const std::string& queue,
               const std::vector<QueueSetting>& settings) {
  check_list_name("queue", queue);
  if (queue_exists(db, queue))
    throw Error(fmt::format("queue {} already exists in queue_table", queue));
  std::string columns = "queue", values = "?";
  std::vector<std::int64_t> binds;
  for (const auto& s : settings) {
    columns += ", " + sql::quote_ident(s.column);
    values += ", " + value_sql(s, binds);
  }
  auto insert =
      db.prepare(fmt::format("INSERT INTO queue_table ({}) VALUES ({})", columns, values));
  insert.bind(1, queue);
  int i = 2;
  for (auto v : binds) insert.bind(i++, v);
  insert.run();
}

void edit_queue(sql::Connection& db, const std::string& queue,
                const std::vector<QueueSetting>& settings) {
  if (settings.empty()) throw Error("no fields provided for update");
  if (!queue_exists(db, queue)) throw Error(not_found(queue));
  std::string set;
  std::vector<std::int64_t> binds;
  for (const auto& s : settings)
    set += (set.empty() ? "" : ", ") + sql::quote_ident(s.column) + " = " + value_sql(s, binds);
  auto update = db.prepare("UPDATE queue_table SET " + set + " WHERE queue = ?");
  int i = 1;
  for (auto v : binds) update.bind(i++, v);
  update.bind(i, queue).run();
}

bool delete_queue(sql::Connection& db, const std::string& queue) {
  auto del = db.prepare("DELETE FROM queue_table WHERE queue = ?");
  del.bind(1, queue).run();
  if (db.changes() == 0) throw Error(not_found(queue));
  return association_lists_name(db, "queues", queue);
}

}  // namespace fluxacct::store
