#include "store/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"

namespace fluxacct::schema {
namespace {

constexpr std::string_view kIntMaxSql = "2147483647";

Column col(std::string_view name, std::string_view type) { return {name, type, "", {}, false}; }
Column not_null(std::string_view name, std::string_view type) { return {name, type, "", {}, true}; }
Column with_default(std::string_view name, std::string_view type, std::string_view def,
                    bool nn = true) {
  return {name, type, "", def, nn};
}
Column replace_default(std::string_view name, std::string_view type, std::string_view def) {
  return {name, type, "", def, true, true};
}

std::vector<Table> make_tables() {
  std::vector<Table> t;
  t.push_back(
      {"association_table",
       {not_null("creation_time", "bigint(20)"), with_default("mod_time", "bigint(20)", "0"),
        with_default("active", "int(11)", "1"), not_null("username", "tinytext"),
        with_default("userid", "int(11)", "65534"), not_null("bank", "tinytext"),
        not_null("default_bank", "tinytext"), replace_default("shares", "int(11)", "1"),
        with_default("job_usage", "real", "0.0"), replace_default("fairshare", "real", "0.5"),
        replace_default("max_running_jobs", "int(11)", "5"),
        replace_default("max_active_jobs", "int(11)", "7"),
        replace_default("max_nodes", "int(11)", kIntMaxSql),
        replace_default("max_cores", "int(11)", kIntMaxSql),
        replace_default("queues", "tinytext", "''"), replace_default("projects", "tinytext", "'*'"),
        replace_default("default_project", "tinytext", "'*'"),
        replace_default("max_sched_jobs", "int(11)", kIntMaxSql)},
       {"username", "bank"}});
  t.push_back({"bank_table",
               {{"bank_id", "integer", "PRIMARY KEY AUTOINCREMENT", {}, false},
                not_null("bank", "text"),
                with_default("active", "int(11)", "1"),
                with_default("parent_bank", "text", "''", false),
                not_null("shares", "int"),
                with_default("job_usage", "real", "0.0"),
                replace_default("priority", "real", "0.0"),
                with_default("ignore_older_than", "bigint(20)", "0", false)},
               {}});
  t.push_back(
      {"job_usage_factor_table",
       {not_null("username", "tinytext"), not_null("userid", "int(11)"),
        not_null("bank", "tinytext"), with_default("last_job_timestamp", "real", "0.0", false)},
       {"username", "bank"}});
  t.push_back({"t_half_life_period_table",
               {with_default("cluster", "tinytext", "'cluster'", false),
                with_default("end_half_life_period", "real", "0.0", false)},
               {}});
  t.push_back({"queue_table",
               {not_null("queue", "tinytext"), replace_default("min_nodes_per_job", "int(11)", "1"),
                replace_default("max_nodes_per_job", "int(11)", "1"),
                replace_default("max_time_per_job", "int(11)", "60"),
                replace_default("priority", "int(11)", "0"),
                replace_default("max_running_jobs", "int(11)", "100"),
                replace_default("max_nodes_per_assoc", "int(11)", kIntMaxSql),
                replace_default("max_sched_jobs", "int(11)", kIntMaxSql),
                replace_default("max_sched_nodes_per_assoc", "int(11)", kIntMaxSql),
                replace_default("max_sched_cores_per_assoc", "int(11)", kIntMaxSql),
                replace_default("max_nodes", "int(11)", kIntMaxSql),
                replace_default("max_cores", "int(11)", kIntMaxSql)},
               {"queue"}});
  t.push_back({"project_table",
               {{"project_id", "integer", "PRIMARY KEY AUTOINCREMENT", {}, false},
                not_null("project", "tinytext"),
                with_default("usage", "real", "0.0")},
               {}});
  t.push_back({"jobs",
               {{"id", "char(16)", "PRIMARY KEY", {}, true},
                not_null("userid", "integer"),
                not_null("t_submit", "real"),
                not_null("t_run", "real"),
                not_null("t_inactive", "real"),
                not_null("ranks", "text"),
                not_null("R", "text"),
                not_null("jobspec", "text"),
                col("project", "text"),
                col("bank", "text"),
                with_default("requested_duration", "real", "0.0", false),
                with_default("actual_duration", "real", "0.0", false)},
               {}});
  t.push_back({"priority_factor_weight_table",
               {{"factor", "text", "PRIMARY KEY", {}, true}, not_null("weight", "integer")},
               {}});
  t.push_back(
      {"config_table", {{"key", "TEXT", "PRIMARY KEY", {}, true}, not_null("value", "TEXT")}, {}});
  t.push_back({"job_usage_per_association_table",
               {not_null("username", "tinytext"), not_null("userid", "int(11)"),
                not_null("bank", "tinytext"), not_null("period", "int(11)"),
                with_default("value", "real", "0.0", false)},
               {"username", "bank", "period"}});
  return t;
}

const std::vector<Table>& all_tables() {
  static const std::vector<Table> t = make_tables();
  return t;
}

constexpr Seed kFactors[] = {
    {"fairshare", "100000"}, {"queue", "10000"}, {"bank", "0"}, {"urgency", "1000"}};

constexpr Seed kConfig[] = {
    {"priority_usage_reset_period", "2419200"},
    {"priority_decay_half_life", "604800"},
    {"decay_factor", "0.5"},
    {"node_weight", "1.0"},
    {"core_weight", "0.0"},
    {"gpu_weight", "0.0"},
    {"deny_unknown_queues", "false"},
};

}  // namespace

const Column* Table::find(std::string_view column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

std::vector<std::string> Table::column_names() const {
  std::vector<std::string> names;
  for (const auto& c : columns) names.emplace_back(c.name);
  return names;
}

std::string Table::create_sql() const {
  std::size_t name_w = 0, type_w = 0, key_w = 0, def_w = 0;
  for (const auto& c : columns) {
    name_w = std::max(name_w, c.name.size());
    type_w = std::max(type_w, c.type.size());
    key_w = std::max(key_w, c.key.size());
    if (c.def) def_w = std::max(def_w, c.def->size() + 8);
  }
  std::string out = fmt::format("CREATE TABLE {} (\n", name);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    std::string line = fmt::format("    {:<{}} {:<{}}", c.name, name_w, c.type, type_w);
    if (key_w) line += fmt::format(" {:<{}}", c.key, key_w);
    if (def_w) line += fmt::format(" {:<{}}", c.def ? "DEFAULT " + std::string(*c.def) : "", def_w);
    if (c.not_null) line += " NOT NULL";
    if (c.replace_null) line += fmt::format(" ON CONFLICT REPLACE DEFAULT {}", *c.def);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    bool last = i + 1 == columns.size() && primary_key.empty();
    out += line + (last ? "\n" : ",\n");
  }
  if (!primary_key.empty()) {
    std::string keys;
    for (auto k : primary_key) keys += (keys.empty() ? "" : ", ") + std::string(k);
    out += fmt::format("    PRIMARY KEY ({})\n", keys);
  }
  out += ")";
  return out;
}

std::span<const Table> tables() { return all_tables(); }

const Table* find_table(std::string_view name) {
  for (const auto& t : all_tables())
    if (t.name == name) return &t;
  return nullptr;
}

const Table& table(std::string_view name) {
  if (auto* t = find_table(name)) return *t;
  throw Error(fmt::format("table \"{}\" does not exist in the database", name));
}

std::span<const Seed> default_factor_weights() { return kFactors; }
std::span<const Seed> default_config() { return kConfig; }

std::span<const std::string_view> auxiliary_indexes() {
  static constexpr std::string_view kIndexes[] = {
      "CREATE INDEX IF NOT EXISTS fluxacct_jobs_userid ON jobs (userid, t_inactive)",
      "CREATE INDEX IF NOT EXISTS fluxacct_jobs_t_inactive ON jobs (t_inactive)",
  };
  return kIndexes;
}

std::string normalize_sql(std::string_view sql) {
  auto is_punct = [](char c) { return c == '(' || c == ')' || c == ','; };
  std::string out;
  bool pending_space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && !is_punct(c) && !is_punct(out.back())) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace fluxacct::schema
