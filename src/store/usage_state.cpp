#include "store/usage_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/config_keys.hpp"
#include "core/error.hpp"
#include "core/timestamp.hpp"
#include "store/config.hpp"
#include "store/users.hpp"

namespace fluxacct::store::usage_state {
namespace {

// A number from config_table: `fallback` when the key is missing, an Error
// naming the key when its value is not a number.
double config_number(sql::Connection& db, const char* key, double fallback) {
  auto text = config_value(db, key);
  if (!text) return fallback;
  auto v = config::parse_number(*text);
  if (!v || !std::isfinite(*v))
    throw Error(fmt::format("config_table value of {} is not a number: '{}'", key, *text));
  return *v;
}

// An association's name: views of its own username and bank.
struct Name {
  std::string_view username, bank;
  bool operator==(const Name&) const = default;
};

struct NameHash {
  std::size_t operator()(const Name& n) const {
    const std::size_t h = std::hash<std::string_view>{}(n.username);
    return h ^
           (std::hash<std::string_view>{}(n.bank) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
};

bool same(double x, double y) { return x == y && std::signbit(x) == std::signbit(y); }

}  // namespace

Settings load_settings(sql::Connection& db) {
  Settings s;
  // The half-life's unreadable forms fall back as the bin count does.
  if (auto text = config_value(db, "priority_decay_half_life")) {
    auto v = config::parse_number(*text);
    if (v && std::isfinite(*v) && *v > 0) s.half_life = *v;
  }
  s.decay = config_number(db, "decay_factor", 0.5);
  s.weights.node = config_number(db, "node_weight", 1.0);
  s.weights.core = config_number(db, "core_weight", 0.0);
  s.weights.gpu = config_number(db, "gpu_weight", 0.0);
  s.reconfigure_time = config_number(db, "reconfigure_time", 0.0);
  s.bins = std::clamp(configured_usage_bins(db), 1, config::kMaxUsageBins);
  return s;
}

double stored_time(const sql::Statement& st, int col, double now,
                   const std::function<std::string()>& what) {
  switch (st.column_type(col)) {
    case SQLITE_NULL:
      return 0;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      return st.get_double(col);
    default:
      break;
  }
  const std::string text = st.get_text(col);
  if (auto v = config::parse_number(text)) return *v;
  try {
    return parse_timestamp(text, static_cast<std::time_t>(now));
  } catch (const Error&) {
    throw Error(fmt::format("{} is not a time: '{}'", what(), text));
  }
}

std::optional<double> load_period_end(sql::Connection& db, double now) {
  auto st = db.prepare(
      "SELECT end_half_life_period FROM t_half_life_period_table WHERE cluster = 'cluster' "
      "ORDER BY rowid LIMIT 1");
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return stored_time(st, 0, now, [] { return std::string("end_half_life_period"); });
}

// Every association with its usage rows. Each table is read in one scan and
// matched by name (a join would look every row up in an index).

namespace {

// Associations by name. Usage rows come in insertion order, so one
// association's rows are usually next to each other: the previous match is
// tried before the table.
class AssociationIndex {
 public:
  // The index views the associations' names: `assocs` must not change
  // while it is in use.
  explicit AssociationIndex(std::vector<Association>& assocs) : assocs_(assocs) {
    by_name_.reserve(assocs.size());
    for (std::size_t i = 0; i < assocs.size(); ++i)
      by_name_.emplace(Name{assocs[i].username, assocs[i].bank}, i);  // the first row wins
  }

  // The association of a usage row's username and bank (columns 1 and 2),
  // or null: a row of no association is left alone.
  Association* find(const sql::Statement& st) {
    const Name name{st.get_text_view(1), st.get_text_view(2)};
    if (last_ && last_->username == name.username && last_->bank == name.bank) return last_;
    auto it = by_name_.find(name);
    last_ = it == by_name_.end() ? nullptr : &assocs_[it->second];
    return last_;
  }

 private:
  std::vector<Association>& assocs_;
  std::unordered_map<Name, std::size_t, NameHash> by_name_;
  Association* last_ = nullptr;
};

// association_table in rowid order, without usage rows. With `names_only`
// just what usage rows are matched by: rowid, username and bank.
std::vector<Association> load_association_rows(sql::Connection& db, bool names_only = false) {
  std::vector<Association> out;
  auto st =
      db.prepare(names_only ? "SELECT rowid, username, bank FROM association_table ORDER BY rowid"
                            : "SELECT rowid, username, bank, default_bank, userid, active, "
                              "job_usage FROM association_table ORDER BY rowid");
  while (st.step()) {
    Association& a = out.emplace_back();
    a.rowid = st.get_int(0);
    a.username = st.get_text(1);
    a.bank = st.get_text(2);
    if (names_only) continue;
    a.in_default_bank = st.get_text_view(3) == a.bank;
    a.userid = st.get_int(4);
    a.active = st.get_int(5) == 1;
    a.stored_usage = st.get_double(6);
  }
  return out;
}

// Each association's job_usage_factor_table row.
void load_last_jobs(sql::Connection& db, AssociationIndex& index, double now) {
  auto st =
      db.prepare("SELECT rowid, username, bank, last_job_timestamp FROM job_usage_factor_table");
  while (st.step()) {
    Association* a = index.find(st);
    if (!a) continue;
    a->factor_rowid = st.get_int(0);
    a->last_job = stored_time(st, 3, now, [&] {
      return fmt::format("last_job_timestamp of {},{}", a->username, a->bank);
    });
  }
}

// Each association's bins (job_usage_per_association_table).
void load_bins(sql::Connection& db, AssociationIndex& index, const Settings& settings) {
  auto bins = db.prepare(
      "SELECT rowid, username, bank, period, value FROM job_usage_per_association_table");
  while (bins.step()) {
    const std::int64_t period = bins.get_int(3);
    if (period < 0 || period >= config::kMaxUsageBins) continue;  // not a bin we keep
    Association* a = index.find(bins);
    if (!a) continue;
    const auto p = static_cast<std::size_t>(period);
    if (a->bins.size() <= p) {
      if (a->bins.empty()) {
        a->bins.reserve(std::max<std::size_t>(p + 1, static_cast<std::size_t>(settings.bins)));
        a->bin_rowids.reserve(a->bins.capacity());
      }
      a->bins.resize(p + 1, 0.0);
      a->bin_rowids.resize(p + 1, 0);
    }
    a->bins[p] = bins.get_double(4);  // NULL reads as 0.0
    a->bin_rowids[p] = bins.get_int(0);
  }
}

// The background read: associations and their bins, on a connection of
// its own, in one read transaction.
std::vector<Association> read_bins_alone(const std::string& path, const Settings& settings) {
  sql::Connection db(path, sql::Connection::Mode::kReadOnly);
  // Never wait for a lock: the caller holds the write lock and waits for
  // this read, so a lock that is not free now will not be before it ends.
  sqlite3_busy_timeout(db.handle(), 0);
  db.exec("BEGIN");
  std::vector<Association> assocs = load_association_rows(db, /*names_only=*/true);
  AssociationIndex index(assocs);
  load_bins(db, index, settings);
  db.exec("COMMIT");
  return assocs;
}

}  // namespace

std::int64_t count_associations(sql::Connection& db) {
  auto count = db.prepare("SELECT count(*) FROM association_table");
  count.step();
  return count.get_int(0);
}

std::vector<Association> load_associations(sql::Connection& db, const Settings& settings,
                                           double now, bool with_bins) {
  std::unordered_map<std::string, double> ignore_before;  // bank -> ignore_older_than
  {
    auto banks = db.prepare("SELECT bank, ignore_older_than FROM bank_table ORDER BY rowid");
    while (banks.step()) {
      std::string name = banks.get_text(0);
      double t = stored_time(banks, 1, now,
                             [&] { return fmt::format("ignore_older_than of bank {}", name); });
      ignore_before.emplace(std::move(name), t);  // the first row of a name wins
    }
  }

  std::vector<Association> out = load_association_rows(db);
  AssociationIndex index(out);
  load_last_jobs(db, index, now);
  for (Association& a : out) {
    auto bank = ignore_before.find(a.bank);
    const double bank_after = bank == ignore_before.end() ? 0 : bank->second;
    a.after = std::max({a.last_job, bank_after, settings.reconfigure_time});
  }
  if (with_bins) load_bins(db, index, settings);
  return out;
}

void load_bins(sql::Connection& db, std::vector<Association>& assocs, const Settings& settings) {
  AssociationIndex index(assocs);
  load_bins(db, index, settings);
}

BackgroundBins::BackgroundBins(sql::Connection& db, const Settings& settings) {
  const char* file = sqlite3_db_filename(db.handle(), "main");
  if (!file || !*file) return;  // in memory: no second connection sees it
  loaded_ = std::async(std::launch::async, read_bins_alone, std::string(file), settings);
}

BackgroundBins::~BackgroundBins() {
  if (loaded_.valid()) loaded_.wait();
}

bool BackgroundBins::take(std::vector<Association>& assocs) {
  if (!loaded_.valid()) return false;
  std::vector<Association> read;
  try {
    read = loaded_.get();
  } catch (const Error&) {
    return false;  // e.g. the file could not be opened a second time
  }
  if (read.size() != assocs.size()) return false;
  for (std::size_t i = 0; i < read.size(); ++i)
    if (read[i].rowid != assocs[i].rowid) return false;
  for (std::size_t i = 0; i < read.size(); ++i) {
    assocs[i].bins = std::move(read[i].bins);
    assocs[i].bin_rowids = std::move(read[i].bin_rowids);
  }
  return true;
}

UsageWriter::UsageWriter(sql::Connection& db)
    : db_(db),
      insert_bin_(db.prepare(
          "INSERT INTO job_usage_per_association_table (username, userid, bank, period, value) "
          "VALUES (?, ?, ?, ?, ?)")),
      insert_factor_(db.prepare(
          "INSERT INTO job_usage_factor_table (username, userid, bank, last_job_timestamp) "
          "VALUES (?, ?, ?, ?)")) {}

void UsageWriter::bin(const Association& a, std::size_t period, double value) {
  const std::int64_t rowid = period < a.bin_rowids.size() ? a.bin_rowids[period] : 0;
  if (rowid != 0) return bins_.set(rowid, value);
  insert_bin_.reset();
  insert_bin_.bind(1, a.username)
      .bind(2, a.userid)
      .bind(3, a.bank)
      .bind(4, static_cast<std::int64_t>(period))
      .bind(5, value)
      .run();
}

void UsageWriter::last_job(const Association& a, double t) {
  if (a.factor_rowid != 0) return last_jobs_.set(a.factor_rowid, t);
  insert_factor_.reset();
  insert_factor_.bind(1, a.username).bind(2, a.userid).bind(3, a.bank).bind(4, t).run();
}

void UsageWriter::job_usage(const Association& a, double value) { usage_.set(a.rowid, value); }

void UsageWriter::flush() {
  bins_.write(db_, "job_usage_per_association_table", "value");
  last_jobs_.write(db_, "job_usage_factor_table", "last_job_timestamp");
  usage_.write(db_, "association_table", "job_usage");
}

bool write_back(UsageWriter& w, const Association& a, const std::vector<double>& before) {
  bool wrote = false;
  for (std::size_t p = 0; p < a.bins.size(); ++p) {
    const bool has_row = p < a.bin_rowids.size() && a.bin_rowids[p] != 0;
    if (has_row && same(before[p], a.bins[p])) continue;
    w.bin(a, p, a.bins[p]);
    wrote = true;
  }
  if (a.added.count() > 0 || a.factor_rowid == 0) {
    w.last_job(a, a.added.count() > 0 ? a.newest : a.last_job);
    wrote = true;
  }
  const double total = usage::total_usage(a.bins);
  if (!same(total, a.stored_usage)) {
    w.job_usage(a, total);
    wrote = true;
  }
  return wrote;
}

}  // namespace fluxacct::store::usage_state
