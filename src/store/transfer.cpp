// The reading side of transfer.hpp: export-db's tables, export-json's
// sections and the fair-share hierarchy. (The CSV import is in csv_import.cpp.)
#include "store/transfer.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "store/config.hpp"

namespace fluxacct::store {
ReadSnapshot::ReadSnapshot(sql::Connection& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }

ReadSnapshot::~ReadSnapshot() {
  try {
    db_.exec("COMMIT");
  } catch (...) {
    // Nothing was written; ending the read cannot lose anything.
  }
}

namespace {

// Column i of the current row into `v`, reusing its string's buffer: a
// million rows of job text then cost no allocations.
void read_into(Value& v, const sql::Statement& st, int i) {
  switch (st.column_type(i)) {
    case SQLITE_INTEGER:
      v = st.get_int(i);
      return;
    case SQLITE_FLOAT:
      v = st.get_double(i);
      return;
    case SQLITE_NULL:
      v = std::monostate{};
      return;
    default:
      if (auto* s = std::get_if<std::string>(&v))
        s->assign(st.get_text_view(i));
      else
        v = std::string(st.get_text_view(i));
  }
}

}  // namespace

void export_tables(sql::Connection& db, TableSink& sink) {
  ReadSnapshot snapshot(db);
  std::vector<std::string> tables;
  {
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid");
    while (st.step()) tables.push_back(st.get_text(0));
  }
  std::vector<Value> values;
  for (const auto& table : tables) {
    const std::string name = sql::quote_ident(table);
    std::int64_t total = -1;
    if (sink.wants_totals()) {
      auto count = db.prepare("SELECT count(*) FROM " + name);
      count.step();
      total = count.get_int(0);
    }
    auto st = db.prepare("SELECT * FROM " + name + " ORDER BY rowid");
    std::vector<std::string> columns;
    for (int i = 0; i < st.column_count(); ++i) columns.push_back(st.column_name(i));
    sink.begin_table(table, columns, total);
    values.resize(columns.size());
    while (st.step()) {
      for (std::size_t i = 0; i < columns.size(); ++i)
        read_into(values[i], st, static_cast<int>(i));
      sink.row(values);
    }
    sink.end_table();
  }
}

sql::Statement select_plugin_section(sql::Connection& db, PluginSection section) {
  switch (section) {
    case PluginSection::kAssociations:
      return db.prepare(
          "SELECT userid, bank, default_bank AS def_bank, fairshare, max_running_jobs, "
          "max_active_jobs, queues, active, projects, default_project AS def_project, max_nodes, "
          "max_cores, max_sched_jobs FROM association_table ORDER BY rowid");
    case PluginSection::kQueues:
      return db.prepare(
          "SELECT queue, min_nodes_per_job, max_nodes_per_job, max_time_per_job, priority, "
          "max_running_jobs, max_nodes_per_assoc, max_sched_jobs, max_sched_nodes_per_assoc, "
          "max_sched_cores_per_assoc, max_nodes, max_cores FROM queue_table ORDER BY rowid");
    case PluginSection::kProjects:
      return db.prepare("SELECT project FROM project_table ORDER BY rowid");
    case PluginSection::kBanks:
      return db.prepare("SELECT bank, priority FROM bank_table ORDER BY rowid");
    case PluginSection::kPriorityFactors:
      return db.prepare("SELECT factor, weight FROM priority_factor_weight_table ORDER BY rowid");
  }
  throw Error("unknown plugin section");
}

namespace {

bool config_true(sql::Connection& db, const char* key) {
  std::optional<std::string> v = config_value(db, key);
  if (!v) return false;
  for (auto& c : *v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return *v == "true";
}

}  // namespace

bool deny_unknown_queues(sql::Connection& db) { return config_true(db, "deny_unknown_queues"); }

bool enforce_queue_job_limits(sql::Connection& db) {
  return config_true(db, "enforce_queue_job_limits");
}

sql::Statement select_hierarchy_banks(sql::Connection& db) {
  return db.prepare("SELECT bank, parent_bank, shares, job_usage FROM bank_table ORDER BY rowid");
}

sql::Statement select_hierarchy_associations(sql::Connection& db) {
  return db.prepare(
      "SELECT username, bank, shares, job_usage FROM association_table ORDER BY rowid");
}

sql::Statement select_legacy_users(sql::Connection& db) {
  return db.prepare(
      "SELECT username, userid, bank, shares, max_running_jobs, max_active_jobs, max_nodes, "
      "queues FROM association_table ORDER BY rowid");
}

sql::Statement select_legacy_banks(sql::Connection& db) {
  return db.prepare("SELECT bank, parent_bank, shares FROM bank_table ORDER BY rowid");
}

}  // namespace fluxacct::store
