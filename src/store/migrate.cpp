#include "store/migrate.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace fluxacct {
namespace {

// What a table should look like after the upgrade: the exact CREATE text to
// run, and per column what an existing row needs when it has no value.
struct TargetColumn {
  std::string name;
  std::string type;
  bool not_null = false;
  std::optional<std::string> def;  // SQL literal of the DEFAULT clause
};

struct TargetTable {
  std::string name;
  std::string sql;
  std::vector<TargetColumn> columns;
};

std::vector<TargetTable> schema_target() {
  std::vector<TargetTable> out;
  for (const auto& t : schema::tables()) {
    TargetTable tt{std::string(t.name), t.create_sql(), {}};
    for (const auto& c : t.columns) {
      std::optional<std::string> def;
      if (c.def) def = std::string(*c.def);
      tt.columns.push_back({std::string(c.name), std::string(c.type), c.not_null, def});
    }
    out.push_back(std::move(tt));
  }
  return out;
}

// -n/--new-db: the tables of another database, in their creation order.
std::vector<TargetTable> template_target(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode))
    throw Error("template database file does not exist: " + path);
  std::vector<TargetTable> out;
  try {
    sql::Connection db(path, sql::Connection::Mode::kReadOnly);
    auto tables = db.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
    auto cols = db.prepare(
        "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?) ORDER BY cid");
    while (tables.step()) {
      TargetTable t{tables.get_text(0), tables.get_text(1), {}};
      cols.bind(1, t.name);
      while (cols.step()) {
        std::optional<std::string> def;
        if (!cols.is_null(3)) def = cols.get_text(3);
        t.columns.push_back({cols.get_text(0), cols.get_text(1), cols.get_int(2) != 0, def});
      }
      cols.reset();
      out.push_back(std::move(t));
    }
  } catch (const Error& e) {
    throw Error(fmt::format("cannot read template database {}: {}", path, e.what()));
  }
  if (out.empty()) throw Error(fmt::format("template database {} has no tables", path));
  return out;
}

// The value an existing row gets for a NOT NULL column that has no DEFAULT
// and no old value: the zero of the column's type affinity (SQLite's rules).
std::string zero_for(std::string_view type) {
  std::string t;
  for (char c : type) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t.find("INT") != std::string::npos) return "0";
  if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos ||
      t.find("TEXT") != std::string::npos)
    return "''";
  if (t.empty() || t.find("BLOB") != std::string::npos) return "X''";
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos)
    return "0.0";
  return "0";
}

// A statement as one log line: runs of white space become one space.
std::string one_line(std::string_view sql) {
  std::string out;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// shutil.copy2: the bytes, the permission bits and the access and
// modification times. Written under a temporary name and renamed, so an
// existing (possibly read-only) backup is replaced whole or not at all.
void copy_with_metadata(const std::string& from, const std::string& to) {
  auto fail = [&](const std::string& what) {
    return Error(fmt::format("cannot write the backup {}: {}: {}", to, what, std::strerror(errno)));
  };
  int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw fail("cannot read " + from);
  struct stat st {};
  fstat(in, &st);
  std::string tmp = fmt::format("{}.tmp-{}", to, getpid());
  int out = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) {
    Error e = fail("cannot create it");
    close(in);
    throw e;
  }
  auto abandon = [&](const std::string& what) {
    Error e = fail(what);
    close(in);
    close(out);
    unlink(tmp.c_str());
    throw e;
  };
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) abandon("read error");
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(out, buf + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) abandon("write error");
      done += w;
    }
  }
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  if (fchmod(out, st.st_mode & 07777) != 0 || futimens(out, times) != 0)
    abandon("cannot copy permissions and times");
  close(in);
  if (close(out) != 0 || rename(tmp.c_str(), to.c_str()) != 0) {
    Error e = fail("cannot finish it");
    unlink(tmp.c_str());
    throw e;
  }
}

class Migration {
 public:
  Migration(sql::Connection& db, const MigrateOptions& opts) : db_(db), opts_(opts) {}

  // Everything between BEGIN and COMMIT; true if the database changed.
  bool run(const std::vector<TargetTable>& target) {
    add_new_tables(target);
    migrate_usage_bins();
    update_columns(target);
    seed_rows();
    if (db_.user_version() != schema::kVersion) {
      db_.set_user_version(schema::kVersion);
      changed_ = true;
      info(fmt::format("updated database schema version to {}", schema::kVersion));
    } else {
      debug(fmt::format("database schema version already is {}", schema::kVersion));
    }
    return changed_;
  }

 private:
  void log(LogLevel level, const std::string& msg) {
    if (opts_.log) opts_.log(level, msg);
  }
  void info(const std::string& msg) { log(LogLevel::kInfo, msg); }
  void debug(const std::string& msg) { log(LogLevel::kDebug, msg); }

  void exec(const std::string& statement) {
    debug("executing: " + one_line(statement));
    db_.exec(statement);
    changed_ = true;
  }

  std::string stored_sql(const std::string& table) {
    auto st = db_.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.bind(1, table);
    return st.step() ? st.get_text(0) : std::string();
  }

  void add_new_tables(const std::vector<TargetTable>& target) {
    info("checking for new tables...");
    for (const auto& t : target) {
      if (db_.table_exists(t.name)) continue;
      info("new table found: " + t.name);
      exec(t.sql);
      created_.insert(t.name);
    }
    if (created_.empty())
      info("no new tables found");
    else
      info(fmt::format("added {} new table(s)", created_.size()));
  }

  // Before 0.59 the usage history of an association was a row of columns
  // usage_factor_period_0 … _N in job_usage_factor_table; since then it is
  // one row per period in job_usage_per_association_table.
  void migrate_usage_bins() {
    const std::string from = "job_usage_factor_table", to = "job_usage_per_association_table";
    info("migrating job usage data to per-association table...");
    if (!db_.table_exists(from) || !db_.table_exists(to)) {
      info("no usage_factor_period_* columns found, skipping migration");
      return;
    }
    const std::string prefix = "usage_factor_period_";
    std::vector<std::pair<std::string, long long>> bins;
    for (const auto& c : db_.table_columns(from)) {
      if (c.rfind(prefix, 0) != 0 || c.size() == prefix.size()) continue;
      std::string digits = c.substr(prefix.size());
      if (!std::all_of(digits.begin(), digits.end(), [](char d) { return d >= '0' && d <= '9'; }) ||
          digits.size() > 9)
        continue;
      bins.emplace_back(c, std::stoll(digits));
    }
    if (bins.empty()) {
      info("no usage_factor_period_* columns found, skipping migration");
      return;
    }
    info(fmt::format("found {} usage period columns to migrate", bins.size()));
    std::string select = "SELECT username, userid, bank";
    for (const auto& b : bins) select += ", " + sql::quote_ident(b.first);
    select += " FROM " + sql::quote_ident(from);
    auto rows = db_.prepare(select);
    auto insert = db_.prepare("INSERT OR IGNORE INTO " + sql::quote_ident(to) +
                              " (username, userid, bank, period, value) VALUES (?, ?, ?, ?, ?)");
    long long associations = 0, inserted = 0;
    while (rows.step()) {
      ++associations;
      for (std::size_t i = 0; i < bins.size(); ++i) {
        int col = static_cast<int>(i) + 3;
        insert.bind(1, rows.get_value(0)).bind(2, rows.get_value(1)).bind(3, rows.get_value(2));
        insert.bind(4, static_cast<std::int64_t>(bins[i].second));
        // A NULL bin (never written) is no usage.
        if (rows.is_null(col))
          insert.bind(5, 0.0);
        else
          insert.bind(5, rows.get_value(col));
        insert.run();
        inserted += db_.changes();
        insert.reset();
      }
    }
    info(fmt::format("migrating {} associations...", associations));
    debug(fmt::format("inserted {} row(s) into {}", inserted, to));
    if (inserted > 0) changed_ = true;
    info("migration complete");
  }

  void update_columns(const std::vector<TargetTable>& target) {
    info("checking for new columns to add in tables...");
    for (const auto& t : target) {
      if (created_.count(t.name)) continue;
      if (schema::normalize_sql(stored_sql(t.name)) == schema::normalize_sql(t.sql)) {
        info("no schema changes needed for table " + t.name);
        continue;
      }
      rebuild(t);
    }
  }

  // Replaces a table with its target form: rename the old one out of the
  // way, create the new one from the target's own text (so sqlite_master
  // holds exactly what create-db writes), copy the rows across, drop the
  // old one.
  void rebuild(const TargetTable& t) {
    std::vector<std::string> old_cols, nullable;
    {
      auto st = db_.prepare("SELECT name, \"notnull\" FROM pragma_table_info(?) ORDER BY cid");
      st.bind(1, t.name);
      while (st.step()) {
        old_cols.push_back(st.get_text(0));
        if (st.get_int(1) == 0) nullable.push_back(old_cols.back());
      }
    }
    std::vector<std::string> new_cols;
    for (const auto& c : t.columns) new_cols.push_back(c.name);
    std::vector<std::string> added, removed;
    for (const auto& c : new_cols)
      if (!contains(old_cols, c)) added.push_back(c);
    for (const auto& c : old_cols)
      if (!contains(new_cols, c)) removed.push_back(c);
    info(fmt::format("updating schema for table {} ({} new column(s), {} removed column(s))",
                     t.name, added.size(), removed.size()));

    std::optional<std::int64_t> seq = sequence_of(t.name);
    std::string old_name = unused_name("fluxacct_old_" + t.name);
    std::string q = sql::quote_ident(t.name), old_q = sql::quote_ident(old_name);

    std::string into, from;
    for (const auto& c : t.columns) {
      std::string expr;
      if (contains(old_cols, c.name)) {
        expr = sql::quote_ident(c.name);
        // Old rows may hold NULL where the column is now NOT NULL.
        if (c.not_null && contains(nullable, c.name))
          expr = fmt::format("COALESCE({}, {})", expr, c.def ? *c.def : zero_for(c.type));
      } else if (c.name == "active" && contains(old_cols, "deleted")) {
        // Before 0.15 a removed user was marked deleted = 1; today it is
        // active = 0. Upstream drops the flag and revives every such user.
        expr = "CASE WHEN COALESCE(\"deleted\", 0) = 0 THEN 1 ELSE 0 END";
        info(fmt::format("set {}.active from the removed column deleted", t.name));
      } else if (c.not_null && !c.def) {
        // Cannot arise between upstream's own schemas; a hand-edited file
        // gets the type's zero instead of an aborted upgrade.
        expr = zero_for(c.type);
        log(LogLevel::kWarning,
            fmt::format("new column {} of table {} has no default; existing rows get {}", c.name,
                        t.name, expr));
      } else {
        continue;  // the column's DEFAULT applies
      }
      into += (into.empty() ? "" : ", ") + sql::quote_ident(c.name);
      from += (from.empty() ? "" : ", ") + expr;
    }
    for (const auto& c : added) info(fmt::format("added column {} to table {}", c, t.name));

    exec(fmt::format("ALTER TABLE {} RENAME TO {}", q, old_q));
    exec(t.sql);
    try {
      if (!into.empty())
        exec(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", q, into, from, old_q));
    } catch (const Error& e) {
      throw Error(fmt::format("cannot upgrade table {}: {}; the database was not changed", t.name,
                              e.what()));
    }
    debug(fmt::format("copied {} row(s) into {}", db_.changes(), t.name));
    exec(fmt::format("DROP TABLE {}", old_q));
    if (seq) restore_sequence(t, *seq);
    info("replaced table " + t.name + " with updated schema");
  }

  // AUTOINCREMENT remembers the largest id ever used (a deleted bank's id
  // is never reused); carry that over instead of restarting at max(id).
  std::optional<std::int64_t> sequence_of(const std::string& table) {
    if (!db_.table_exists("sqlite_sequence")) return std::nullopt;
    auto st = db_.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?");
    st.bind(1, table);
    if (!st.step()) return std::nullopt;
    return st.get_int(0);
  }

  void restore_sequence(const TargetTable& t, std::int64_t seq) {
    std::string upper;
    for (char c : t.sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.find("AUTOINCREMENT") == std::string::npos) return;
    auto now = sequence_of(t.name);
    if (now && *now >= seq) return;
    auto st = now ? db_.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = ?")
                  : db_.prepare("INSERT INTO sqlite_sequence (seq, name) VALUES (?, ?)");
    st.bind(1, seq).bind(2, t.name).run();
    debug(fmt::format("kept {}'s AUTOINCREMENT sequence at {}", t.name, seq));
  }

  std::string unused_name(const std::string& base) {
    std::string name = base;
    for (int i = 2; db_.table_exists(name); ++i) name = fmt::format("{}_{}", base, i);
    return name;
  }

  void insert_or_ignore(const std::string& table, const std::string& columns,
                        const schema::Seed& seed, bool integer_value) {
    auto st = db_.prepare(fmt::format("INSERT OR IGNORE INTO {} ({}) VALUES (?, ?)",
                                      sql::quote_ident(table), columns));
    st.bind(1, seed.key);
    if (integer_value)
      st.bind(2, static_cast<std::int64_t>(std::stoll(std::string(seed.value))));
    else
      st.bind(2, seed.value);
    st.run();
    if (db_.changes() > 0) {
      changed_ = true;
      info(fmt::format("adding {} into {}", seed.key, table));
    }
  }

  void seed_rows() {
    if (db_.table_exists("priority_factor_weight_table"))
      for (const auto& f : schema::default_factor_weights())
        insert_or_ignore("priority_factor_weight_table", "factor, weight", f, true);
    if (db_.table_exists("config_table"))
      for (const auto& c : schema::default_config())
        insert_or_ignore("config_table", "key, value", c, false);
    seed_half_life();
    if (created_.count("project_table")) {
      // create-db's default project, which associations' default_project
      // '*' refers to; upstream's upgrade leaves it out.
      db_.exec("INSERT INTO project_table (project) VALUES ('*')");
      changed_ = true;
      info("adding * into project_table");
    }
  }

  // The fair-share pipeline needs the end of the current half-life period;
  // a database without one starts its first period now.
  void seed_half_life() {
    if (!db_.table_exists("t_half_life_period_table")) return;
    auto count = db_.prepare("SELECT COUNT(*) FROM t_half_life_period_table");
    count.step();
    if (count.get_int(0) > 0) return;
    double half_life = 604800;
    if (db_.table_exists("config_table")) {
      auto st =
          db_.prepare("SELECT value FROM config_table WHERE key = 'priority_decay_half_life'");
      if (st.step()) {
        std::string v = st.get_text(0);
        char* end = nullptr;
        double d = std::strtod(v.c_str(), &end);
        if (end && *end == '\0' && d > 0) half_life = d;
      }
    }
    auto st = db_.prepare(
        "INSERT INTO t_half_life_period_table (cluster, end_half_life_period) VALUES ('cluster', "
        "?)");
    st.bind(1, static_cast<double>(opts_.now) + half_life).run();
    changed_ = true;
    info("adding the end of the first half-life period into t_half_life_period_table");
  }

  sql::Connection& db_;
  const MigrateOptions& opts_;
  std::set<std::string> created_;
  bool changed_ = false;
};

}  // namespace

MigrateResult update_database(const std::string& path, const MigrateOptions& opts) {
  auto log = [&](const std::string& msg) {
    if (opts.log) opts.log(LogLevel::kInfo, msg);
  };
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error("Database file does not exist: " + path);
  if (S_ISDIR(st.st_mode)) throw Error(fmt::format("{} is a directory, not a database", path));
  auto target = opts.template_path.empty() ? schema_target() : template_target(opts.template_path);

  log("starting database update for " + path);
  sql::Connection db(path, sql::Connection::Mode::kReadWrite);
  check_is_accounting_db(db);
  if (sqlite3_db_readonly(db.handle(), "main") == 1)
    throw Error(fmt::format("{} is read-only; update-db needs to write it", path));
  log("successfully opened database: " + path);
  {
    // A byte copy of a WAL database would miss the log's pages.
    auto mode = db.prepare("PRAGMA journal_mode");
    if (mode.step() && mode.get_text(0) == "wal") db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  MigrateResult result;
  sql::Transaction tx(db);  // writers wait from here on, so the copy is consistent
  check_is_accounting_db(db);
  result.from_version = db.user_version();
  result.backup_path = path + ".backup";
  copy_with_metadata(path, result.backup_path);
  log("created backup at " + result.backup_path);

  result.changed = Migration(db, opts).run(target);
  tx.commit();
  log("database update complete");
  return result;
}

}  // namespace fluxacct
