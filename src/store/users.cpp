#include "store/users.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/error.hpp"
#include "core/usage_bins.hpp"

namespace fluxacct::store {
namespace {

// Python's str.split(","): empty parts are kept, so "a,,b" names a queue "".
std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    auto end = s.find(',', start);
    parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

std::string join_commas(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    if (&p != &parts.front()) s += ',';
    s += p;
  }
  return s;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool row_exists(sql::Connection& db, const char* query, const std::string& key) {
  auto st = db.prepare(query);
  st.bind(1, key);
  return st.step();
}

bool bank_exists(sql::Connection& db, const std::string& bank) {
  return row_exists(db, "SELECT 1 FROM bank_table WHERE bank = ?", bank);
}

// Every queue of a comma list must be in queue_table.
void check_queues(sql::Connection& db, const std::string& queues) {
  for (const auto& q : split_commas(queues))
    if (!row_exists(db, "SELECT 1 FROM queue_table WHERE queue = ?", q))
      throw Error(fmt::format("queue {} does not exist in queue_table", q));
}

// Every project of a comma list must be in project_table; "*" (any
// project) is always part of an association's list.
std::string checked_projects(sql::Connection& db, const std::string& projects) {
  auto list = split_commas(projects);
  if (!contains(list, "*")) list.emplace_back("*");
  for (const auto& p : list)
    if (!row_exists(db, "SELECT 1 FROM project_table WHERE project = ?", p))
      throw Error(fmt::format("project {} does not exist in project_table", p));
  return join_commas(list);
}

// Queue and project lists are checked against their tables on the way in.
Value checked_value(sql::Connection& db, const Assignment& a) {
  if (const auto* s = std::get_if<std::string>(&a.value)) {
    if (a.column == "queues" && !s->empty()) check_queues(db, *s);
    if (a.column == "projects") return checked_projects(db, *s);
  }
  return a.value;
}

// "col = ?" for a value, "col = <default>" for a reset. Writing the
// schema's default literal (rather than NULL) also resets columns of
// databases whose upgrade lost the ON CONFLICT REPLACE clause.
struct SetClause {
  std::string sql;
  std::vector<Value> binds;
};

void add_assignment(SetClause& clause, const Assignment& a, Value value) {
  const schema::Column* col = schema::table("association_table").find(a.column);
  if (!col) throw Error("invalid fields: " + a.column);
  clause.sql += (clause.sql.empty() ? "" : ", ") + sql::quote_ident(a.column) + " = ";
  if (is_null(value)) {
    clause.sql += col->def ? std::string(*col->def) : std::string("NULL");
  } else {
    clause.sql += "?";
    clause.binds.push_back(std::move(value));
  }
}

void add_usage_rows(sql::Connection& db, const NewAssociation& a) {
  auto factor = db.prepare(
      "INSERT INTO job_usage_factor_table (username, userid, bank) VALUES (?, ?, ?) "
      "ON CONFLICT (username, bank) DO UPDATE SET userid = excluded.userid");
  factor.bind(1, a.username).bind(2, a.userid).bind(3, a.bank).run();

  auto bin = db.prepare(
      "INSERT INTO job_usage_per_association_table (username, userid, bank, period, value) "
      "VALUES (?, ?, ?, ?, 0.0) "
      "ON CONFLICT (username, bank, period) DO UPDATE SET userid = excluded.userid");
  const int bins = configured_usage_bins(db);
  for (int period = 0; period < bins; ++period) {
    bin.reset();
    bin.bind(1, a.username).bind(2, a.userid).bind(3, a.bank).bind(4, period).run();
  }
}

// A queue list with one queue added and/or one removed, order kept.
std::string modified_queues(const std::string& current, const std::optional<std::string>& add,
                            const std::optional<std::string>& remove) {
  std::vector<std::string> list;
  for (auto q : split_commas(current)) {
    auto b = q.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    list.push_back(q.substr(b, q.find_last_not_of(" \t") - b + 1));
  }
  if (add && !contains(list, *add)) list.push_back(*add);
  if (remove) {
    auto it = std::find(list.begin(), list.end(), *remove);
    if (it != list.end()) list.erase(it);
  }
  return join_commas(list);
}

}  // namespace

bool user_exists(sql::Connection& db, const std::string& username) {
  return row_exists(db, "SELECT 1 FROM association_table WHERE username = ?", username);
}

bool association_exists(sql::Connection& db, const std::string& username, const std::string& bank) {
  auto st = db.prepare("SELECT 1 FROM association_table WHERE username = ? AND bank = ?");
  st.bind(1, username).bind(2, bank);
  return st.step();
}

int configured_usage_bins(sql::Connection& db) {
  auto st = db.prepare("SELECT value FROM config_table WHERE key = ?");
  auto seconds = [&](const char* key) {
    st.reset();
    st.bind(1, key);
    if (!st.step() || st.is_null(0)) return 0.0;
    const std::string text = st.get_text(0);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' ? v : 0.0;
  };
  const double reset = seconds("priority_usage_reset_period");
  const double half_life = seconds("priority_decay_half_life");
  return usage_bin_count(reset, half_life);
}

AddOutcome add_association(sql::Connection& db, const NewAssociation& a, std::time_t now) {
  auto existing =
      db.prepare("SELECT active FROM association_table WHERE username = ? AND bank = ?");
  existing.bind(1, a.username).bind(2, a.bank);
  const bool exists = existing.step();
  if (exists && existing.get_int(0) == 1)
    throw Error(
        fmt::format("association {},{} already active in association_table", a.username, a.bank));
  if (row_exists(db, "SELECT 1 FROM bank_table WHERE parent_bank = ?", a.bank))
    throw Error("associations cannot be added to the same parent bank as a sub-bank");
  if (exists) {
    auto reactivate = db.prepare(
        "UPDATE association_table SET active = 1, mod_time = ? WHERE username = ? AND bank = ?");
    reactivate.bind(1, static_cast<std::int64_t>(now)).bind(2, a.username).bind(3, a.bank).run();
    return AddOutcome::kReactivated;
  }
  if (!bank_exists(db, a.bank))
    throw Error(fmt::format("Bank {} does not exist in bank_table", a.bank));

  // A user's rows share one default bank: the first bank they were added to.
  std::string default_bank = a.bank;
  auto current = db.prepare(
      "SELECT default_bank FROM association_table WHERE username = ? ORDER BY bank LIMIT 1");
  current.bind(1, a.username);
  if (current.step()) default_bank = current.get_text(0);

  if (!a.queues.empty()) check_queues(db, a.queues);
  std::string projects = a.projects;
  if (projects != "*") projects = checked_projects(db, projects);
  std::string default_project;
  if (!a.default_project || a.default_project->empty()) {
    default_project = projects == "*" ? "*" : split_commas(projects).front();
  } else {
    default_project = *a.default_project;
    if (!row_exists(db, "SELECT 1 FROM project_table WHERE project = ?", default_project))
      throw Error(fmt::format("project {} does not exist in project_table", default_project));
    if (!contains(split_commas(projects), default_project)) projects += "," + default_project;
  }

  auto insert = db.prepare(
      "INSERT INTO association_table (creation_time, mod_time, username, userid, bank, "
      "default_bank, shares, fairshare, max_running_jobs, max_active_jobs, max_nodes, "
      "max_cores, queues, projects, default_project, max_sched_jobs) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Value values[] = {static_cast<std::int64_t>(now),
                          static_cast<std::int64_t>(now),
                          a.username,
                          a.userid,
                          a.bank,
                          default_bank,
                          a.shares,
                          a.fairshare,
                          a.max_running_jobs,
                          a.max_active_jobs,
                          a.max_nodes,
                          a.max_cores,
                          a.queues,
                          projects,
                          default_project,
                          a.max_sched_jobs};
  int i = 1;
  for (const auto& v : values) insert.bind(i++, v);
  insert.run();
  add_usage_rows(db, a);
  return AddOutcome::kAdded;
}

void edit_user(sql::Connection& db, const UserEdit& edit, std::time_t now) {
  if (edit.bank) {
    if (!association_exists(db, edit.username, *edit.bank))
      throw Error(fmt::format("association {},{} not found in association_table", edit.username,
                              *edit.bank));
  } else if (!user_exists(db, edit.username)) {
    throw Error(fmt::format("user {} not found in association_table", edit.username));
  }
  const std::string where = edit.bank ? " WHERE username = ? AND bank = ?" : " WHERE username = ?";
  auto bind_where = [&](sql::Statement& st, int first) {
    st.bind(first, edit.username);
    if (edit.bank) st.bind(first + 1, *edit.bank);
  };

  if (edit.add_queue || edit.delete_queue) {
    if (edit.add_queue) check_queues(db, *edit.add_queue);
    std::vector<std::pair<std::int64_t, std::string>> changes;  // rowid, new queues
    auto rows = db.prepare("SELECT rowid, queues FROM association_table" + where);
    bind_where(rows, 1);
    while (rows.step())
      changes.emplace_back(rows.get_int(0),
                           modified_queues(rows.get_text(1), edit.add_queue, edit.delete_queue));
    auto update = db.prepare("UPDATE association_table SET queues = ? WHERE rowid = ?");
    for (const auto& [rowid, queues] : changes) {
      update.reset();
      update.bind(1, queues).bind(2, rowid).run();
    }
  }

  SetClause clause;
  const Value* new_userid = nullptr;
  for (const auto& a : edit.set) {
    add_assignment(clause, a, checked_value(db, a));
    if (a.column == "userid" && !is_null(a.value)) new_userid = &a.value;
  }
  clause.sql += std::string(clause.sql.empty() ? "" : ", ") + "mod_time = ?";
  clause.binds.emplace_back(static_cast<std::int64_t>(now));
  auto update = db.prepare("UPDATE association_table SET " + clause.sql + where);
  int i = 1;
  for (const auto& v : clause.binds) update.bind(i++, v);
  bind_where(update, i);
  update.run();

  // The usage tables carry the userid too; keep them in step so that
  // sync-userids has nothing to repair.
  if (new_userid) {
    for (const char* table : {"job_usage_factor_table", "job_usage_per_association_table"}) {
      auto st = db.prepare(fmt::format("UPDATE {} SET userid = ?", table) + where);
      st.bind(1, *new_userid);
      bind_where(st, 2);
      st.run();
    }
  }
}

void edit_all_users(sql::Connection& db, const std::vector<Assignment>& set, std::time_t now) {
  SetClause clause;
  std::optional<std::string> new_bank;
  bool sets_default_bank = false;
  for (const auto& a : set) {
    if (a.column == "bank") {
      const auto* bank = std::get_if<std::string>(&a.value);
      if (!bank) throw Error("--bank needs a bank name");
      if (!bank_exists(db, *bank))
        throw Error(fmt::format("Bank {} does not exist in bank_table", *bank));
      new_bank = *bank;
    }
    if (a.column == "default_bank") sets_default_bank = true;
    add_assignment(clause, a, checked_value(db, a));
  }
  if (new_bank) {
    auto multi = db.prepare(
        "SELECT username FROM association_table GROUP BY username HAVING count(*) > 1 "
        "ORDER BY min(rowid) LIMIT 1");
    if (multi.step())
      throw Error(fmt::format(
          "cannot move every association to bank {}: user {} has more than one association",
          *new_bank, multi.get_text(0)));
    // Each user has one association, so it is also their default bank; the
    // association's usage rows move with it.
    if (!sets_default_bank) add_assignment(clause, {"default_bank", *new_bank}, *new_bank);
    for (const char* table : {"job_usage_factor_table", "job_usage_per_association_table"}) {
      auto move = db.prepare(fmt::format(
          "UPDATE OR REPLACE {0} SET bank = ? WHERE EXISTS (SELECT 1 FROM association_table a "
          "WHERE a.username = {0}.username AND a.bank = {0}.bank)",
          table));
      move.bind(1, *new_bank).run();
    }
  }
  clause.sql += std::string(clause.sql.empty() ? "" : ", ") + "mod_time = ?";
  clause.binds.emplace_back(static_cast<std::int64_t>(now));
  auto update = db.prepare("UPDATE association_table SET " + clause.sql);
  int i = 1;
  for (const auto& v : clause.binds) update.bind(i++, v);
  update.run();
}

}  // namespace fluxacct::store
