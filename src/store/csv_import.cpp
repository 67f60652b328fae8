// pop-db's CSV import (declared in transfer.hpp): header and field checks,
// a type check of every cell against the schema, and per table one of four
// ways of writing a row (insert, upsert by key, replace the single row,
// raise a sequence).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "core/typed_text.hpp"
#include "store/schema.hpp"
#include "store/transfer.hpp"
#include "store/users.hpp"

namespace fluxacct::store {
namespace {

enum class Mode {
  kInsert,   // a key already present is an error
  kUpsert,   // a key already present is updated
  kReplace,  // the table's single row is replaced
  kSequence  // sqlite_sequence: a table's sequence only ever grows
};

struct ColumnSpec {
  std::string name;
  Affinity affinity = Affinity::kText;
  bool required = false;  // NOT NULL without a default (and not an auto rowid)
};

struct TableSpec {
  std::string name;
  std::vector<ColumnSpec> columns;
  // Key choices, best first: a row is matched on the first whose columns
  // it has values for (project_table by id, else by name).
  std::vector<std::vector<std::string>> keys;
  Mode mode = Mode::kInsert;
};

TableSpec spec_for(const std::string& table) {
  TableSpec spec{.name = table, .columns = {}, .keys = {}, .mode = Mode::kInsert};
  if (table == "sqlite_sequence") {
    spec.columns = {{"name", Affinity::kText, true}, {"seq", Affinity::kInteger, false}};
    spec.keys = {{"name"}};
    spec.mode = Mode::kSequence;
    return spec;
  }
  const schema::Table& t = schema::table(table);
  std::vector<std::string> key;
  for (auto k : t.primary_key) key.emplace_back(k);
  for (const auto& c : t.columns) {
    const bool pk = c.key.starts_with("PRIMARY KEY");
    const bool rowid_alias = pk && c.type == "integer";
    spec.columns.push_back(
        {std::string(c.name), affinity_of(c.type), c.not_null && !c.def && !rowid_alias});
    if (pk) key.emplace_back(c.name);
  }
  if (!key.empty()) spec.keys.push_back(key);
  if (table == "project_table") spec.keys.push_back({"project"});
  if (table == "config_table" || table == "priority_factor_weight_table" ||
      table == "project_table" || table == "job_usage_factor_table" ||
      table == "job_usage_per_association_table")
    spec.mode = Mode::kUpsert;
  if (table == "t_half_life_period_table") spec.mode = Mode::kReplace;
  return spec;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// A value as a message shows it: text quoted, numbers as Python prints them.
std::string shown(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return quote(*s);
  return py::str(v);
}

// The value a cell stores, checked against its column's type.
Value convert(const ColumnSpec& col, const csv::Field& cell, const csv::Reader& in) {
  std::string expected;
  auto v = parse_typed(col.affinity, cell.text, &expected);
  if (!v) in.fail(fmt::format("column {}: {} is not {}", col.name, quote(cell.text), expected));
  return *std::move(v);
}

// Thrown for a bad row; carries its file:line message through the handler
// that prefixes SQLite's errors.
struct RowError : Error {
  using Error::Error;
};

// Imports the rows of one open file into one table.
class TableImport {
 public:
  TableImport(sql::Connection& db, TableSpec spec, csv::Reader& in, const ImportOptions& opts)
      : db_(db), spec_(std::move(spec)), in_(in), opts_(opts) {}

  std::int64_t run();

 private:
  void read_header();
  void import_row(const csv::Row& row);
  void write_row(const std::vector<bool>& present);
  [[noreturn]] void fail(const std::string& message) const {
    throw RowError(fmt::format("{}:{}: {}", in_.name(), in_.line(), message));
  }
  const Value* value_of(const std::string& column) const;
  const std::vector<std::string>* choose_key() const;
  std::string describe(const std::vector<std::string>& key) const;
  // The prepared statement stored under `key`, made by build() (which
  // returns its SQL) the first time; rows of a file mostly share a few.
  template <class Build>
  sql::Statement& cached(const std::string& key, Build build);
  std::int64_t find_rowid(const std::vector<std::string>& key);
  bool name_taken(const char* name_col, const char* id_col);
  void insert(const std::vector<bool>& present);
  void update(std::int64_t rowid, const std::vector<bool>& present,
              const std::vector<std::string>& key);
  void create_usage_rows(std::int64_t after_rowid);

  sql::Connection& db_;
  TableSpec spec_;
  csv::Reader& in_;
  const ImportOptions& opts_;
  std::vector<const ColumnSpec*> used_;  // the columns imported, in header order
  std::vector<std::size_t> position_;    // and their positions in the header
  std::size_t header_size_ = 0;
  std::vector<Value> values_;  // the current row, by used_ index; null = omitted
  std::map<std::string, sql::Statement> statements_;
  std::unordered_map<std::int64_t, long> written_;  // upserted rows -> line
  std::int64_t rows_ = 0;
};

void TableImport::read_header() {
  csv::Row header;
  if (!in_.next(header)) throw Error(fmt::format("{}: empty file (no header row)", in_.name()));
  header_size_ = header.size();
  std::vector<std::string> names;
  for (const auto& f : header) names.push_back(f.text);
  auto column = [&](const std::string& name) -> const ColumnSpec* {
    for (const auto& c : spec_.columns)
      if (c.name == name) return &c;
    return nullptr;
  };
  auto use = [&](std::size_t pos) {
    const ColumnSpec* c = column(names[pos]);
    if (!c) fail(fmt::format("{} is not a column of {}", quote(names[pos]), spec_.name));
    if (std::find(used_.begin(), used_.end(), c) != used_.end())
      fail(fmt::format("column {} appears twice in the header", c->name));
    used_.push_back(c);
    position_.push_back(pos);
  };
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (const auto& f : opts_.fields) {
    if (!column(f)) throw Error(fmt::format("--fields: {} is not a column of {}", f, spec_.name));
    if (!listed(names, f))
      throw Error(fmt::format("--fields: column {} is not in the header of {}", f, in_.name()));
  }
  // Header order; each value is read from its own column's position.
  for (std::size_t i = 0; i < names.size(); ++i)
    if (opts_.fields.empty() || listed(opts_.fields, names[i])) use(i);
  for (const auto& c : spec_.columns)
    if (c.required && std::find(used_.begin(), used_.end(), &c) == used_.end())
      fail(fmt::format("column {} is missing: {} needs a value for it (NOT NULL, no default)",
                       c.name, spec_.name));
  values_.resize(used_.size());
}

const Value* TableImport::value_of(const std::string& column) const {
  for (std::size_t i = 0; i < used_.size(); ++i)
    if (used_[i]->name == column) return is_null(values_[i]) ? nullptr : &values_[i];
  return nullptr;
}

const std::vector<std::string>* TableImport::choose_key() const {
  for (const auto& key : spec_.keys) {
    bool all = true;
    for (const auto& k : key) all = all && value_of(k) != nullptr;
    if (all) return &key;
  }
  return nullptr;
}

std::string TableImport::describe(const std::vector<std::string>& key) const {
  std::string out;
  for (const auto& k : key) out += (out.empty() ? "" : ", ") + k + " " + shown(*value_of(k));
  return out;
}

template <class Build>
sql::Statement& TableImport::cached(const std::string& key, Build build) {
  auto it = statements_.find(key);
  if (it == statements_.end()) it = statements_.emplace(key, db_.prepare(build())).first;
  it->second.reset();
  return it->second;
}

// A key for the set of columns a row gives values for.
std::string mask_key(char kind, const std::vector<bool>& present) {
  std::string key(1, kind);
  for (bool p : present) key += p ? '1' : '0';
  return key;
}

std::int64_t TableImport::find_rowid(const std::vector<std::string>& key) {
  auto& st = cached("find" + std::to_string(&key - spec_.keys.data()), [&] {
    std::string where;
    for (const auto& k : key)
      where += (where.empty() ? "" : " AND ") + sql::quote_ident(k) + " = ?";
    return fmt::format("SELECT rowid FROM {} WHERE {}", sql::quote_ident(spec_.name), where);
  });
  int n = 1;
  for (const auto& k : key) st.bind(n++, *value_of(k));
  const std::int64_t rowid = st.step() ? st.get_int(0) : -1;
  st.reset();
  return rowid;
}

// Banks and projects are looked up by name, so each name is used once.
bool TableImport::name_taken(const char* name_col, const char* id_col) {
  const Value* name = value_of(name_col);
  if (!name) return false;
  const Value* id = value_of(id_col);
  auto& st = cached("name", [&] {
    return fmt::format("SELECT 1 FROM {} WHERE {} = ? AND {} IS NOT ?",
                       sql::quote_ident(spec_.name), name_col, id_col);
  });
  st.bind(1, *name);
  id ? st.bind(2, *id) : st.bind_null(2);
  const bool taken = st.step();
  st.reset();
  return taken;
}

void TableImport::insert(const std::vector<bool>& present) {
  auto& st = cached(mask_key('i', present), [&] {
    std::string cols, marks;
    for (std::size_t i = 0; i < used_.size(); ++i) {
      if (!present[i]) continue;
      cols += (cols.empty() ? "" : ", ") + sql::quote_ident(used_[i]->name);
      marks += marks.empty() ? "?" : ", ?";
    }
    return fmt::format("INSERT INTO {} ({}) VALUES ({})", sql::quote_ident(spec_.name), cols,
                       marks);
  });
  int n = 1;
  for (std::size_t i = 0; i < used_.size(); ++i)
    if (present[i]) st.bind(n++, values_[i]);
  st.run();
}

void TableImport::update(std::int64_t rowid, const std::vector<bool>& present,
                         const std::vector<std::string>& key) {
  std::vector<bool> set(used_.size());  // the columns to change: given, not part of the key
  bool any = false;
  for (std::size_t i = 0; i < used_.size(); ++i) {
    set[i] = present[i] && std::find(key.begin(), key.end(), used_[i]->name) == key.end();
    any = any || set[i];
  }
  if (!any) return;
  auto& st = cached(mask_key('u', set), [&] {
    std::string assignments;
    for (std::size_t i = 0; i < used_.size(); ++i) {
      if (!set[i]) continue;
      const std::string col = sql::quote_ident(used_[i]->name);
      // A sequence only grows, so that ids already handed out are not reused.
      assignments += (assignments.empty() ? "" : ", ") + col +
                     (spec_.mode == Mode::kSequence ? fmt::format(" = max(coalesce({}, 0), ?)", col)
                                                    : std::string(" = ?"));
    }
    return fmt::format("UPDATE {} SET {} WHERE rowid = ?", sql::quote_ident(spec_.name),
                       assignments);
  });
  int n = 1;
  for (std::size_t i = 0; i < used_.size(); ++i)
    if (set[i]) st.bind(n++, values_[i]);
  st.bind(n, rowid).run();
}

void TableImport::write_row(const std::vector<bool>& present) {
  const std::vector<std::string>* key = choose_key();
  switch (spec_.mode) {
    case Mode::kInsert:
      if (key && find_rowid(*key) >= 0)
        fail(fmt::format("{} already has a row with {}", spec_.name, describe(*key)));
      if (spec_.name == "bank_table" && name_taken("bank", "bank_id"))
        fail(fmt::format("bank {} already exists in bank_table", shown(*value_of("bank"))));
      insert(present);
      return;
    case Mode::kReplace:
      if (rows_ > 0) fail(fmt::format("{} holds a single row; the file has more", spec_.name));
      db_.exec(fmt::format("DELETE FROM {}", sql::quote_ident(spec_.name)));
      insert(present);
      return;
    case Mode::kUpsert:
    case Mode::kSequence:
      break;
  }
  if (!key) {  // only possible for columns with defaults; nothing to match on
    insert(present);
    return;
  }
  if (spec_.name == "project_table" && value_of("project_id") &&
      name_taken("project", "project_id"))
    fail(fmt::format("project {} already exists in project_table", shown(*value_of("project"))));
  if (spec_.mode == Mode::kSequence && !db_.table_exists(std::get<std::string>(*value_of("name"))))
    fail(fmt::format("there is no table {} to hold a sequence for", shown(*value_of("name"))));
  std::int64_t rowid = find_rowid(*key);
  if (rowid >= 0) {
    // Upserting over a row this file already wrote would silently drop a line.
    if (auto it = written_.find(rowid); it != written_.end())
      fail(fmt::format("{} appears twice in the file (first on line {})", describe(*key),
                       it->second));
    update(rowid, present, *key);
  } else {
    insert(present);
    rowid = db_.last_insert_rowid();
  }
  written_.emplace(rowid, in_.line());
}

void TableImport::import_row(const csv::Row& row) {
  if (row.size() != header_size_)
    fail(fmt::format("row has {} fields, header has {}", row.size(), header_size_));
  std::vector<bool> present(used_.size());
  bool any = false;
  for (std::size_t i = 0; i < used_.size(); ++i) {
    const csv::Field& cell = row[position_[i]];
    present[i] = !cell.is_null();
    values_[i] = present[i] ? convert(*used_[i], cell, in_) : Value{};
    any = any || present[i];
  }
  if (!any) return;  // a row of empty cells, as upstream skips it
  for (std::size_t i = 0; i < used_.size(); ++i)
    if (used_[i]->required && !present[i])
      fail(fmt::format("column {}: a value is required (NOT NULL, no default)", used_[i]->name));
  try {
    write_row(present);
  } catch (const RowError&) {
    throw;
  } catch (const Error& e) {
    fail(e.what());
  }
  ++rows_;
}

// New associations get what add-user gives them: a job_usage_factor_table
// row and one zero bin per usage period, unless those rows already exist.
void TableImport::create_usage_rows(std::int64_t after_rowid) {
  if (spec_.name != "association_table") return;
  if (opts_.create_factor_rows) {
    auto st = db_.prepare(
        "INSERT OR IGNORE INTO job_usage_factor_table (username, userid, bank) "
        "SELECT username, userid, bank FROM association_table WHERE rowid > ? ORDER BY rowid");
    st.bind(1, after_rowid).run();
  }
  if (opts_.create_usage_bins) {
    auto st = db_.prepare(
        "WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n + 1 < ?) "
        "INSERT OR IGNORE INTO job_usage_per_association_table "
        "(username, userid, bank, period, value) "
        "SELECT a.username, a.userid, a.bank, p.n, 0.0 FROM association_table a, p "
        "WHERE a.rowid > ? ORDER BY a.rowid, p.n");
    st.bind(1, configured_usage_bins(db_)).bind(2, after_rowid).run();
  }
}

std::int64_t TableImport::run() {
  read_header();
  std::int64_t last_rowid = 0;
  if (spec_.name == "association_table") {
    auto st = db_.prepare("SELECT coalesce(max(rowid), 0) FROM association_table");
    st.step();
    last_rowid = st.get_int(0);
  }
  csv::Row row;
  std::int64_t records = 0;
  while (in_.next(row)) {
    import_row(row);
    if (opts_.progress && ++records % 4096 == 0) opts_.progress(rows_, in_.bytes_read());
  }
  create_usage_rows(last_rowid);
  if (opts_.progress) opts_.progress(rows_, in_.bytes_read());
  return rows_;
}

}  // namespace

std::int64_t import_table(sql::Connection& db, const std::string& table, csv::Reader& in,
                          const ImportOptions& opts) {
  const bool known = table == "sqlite_sequence" || schema::find_table(table) != nullptr;
  if (!known || !db.table_exists(table))
    throw Error(fmt::format("pop-db: table \"{}\" does not exist in the database", table));
  return TableImport(db, spec_for(table), in, opts).run();
}

const std::vector<std::string>& import_order() {
  static const std::vector<std::string> order = {"config_table",
                                                 "priority_factor_weight_table",
                                                 "project_table",
                                                 "queue_table",
                                                 "bank_table",
                                                 "association_table",
                                                 "job_usage_factor_table",
                                                 "job_usage_per_association_table",
                                                 "jobs",
                                                 "t_half_life_period_table",
                                                 "sqlite_sequence"};
  return order;
}

}  // namespace fluxacct::store
