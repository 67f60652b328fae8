#include "store/usage_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string_view>
#include <unordered_map>

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

struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// "username\0bank": the key usage rows are matched to associations by.
void name_key(std::string& key, std::string_view username, std::string_view bank) {
  key.assign(username);
  key.push_back('\0');
  key.append(bank);
}

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

std::vector<Association> load_associations(sql::Connection& db, const Settings& settings,
                                           double now) {
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

  std::vector<Association> out;
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> by_name;
  std::string key;
  {
    auto count = db.prepare("SELECT count(*) FROM association_table");
    count.step();
    out.reserve(static_cast<std::size_t>(count.get_int(0)));
    by_name.reserve(out.capacity());
  }
  {
    auto st = db.prepare(
        "SELECT rowid, username, bank, default_bank, userid, active, job_usage "
        "FROM association_table ORDER BY rowid");
    while (st.step()) {
      Association a;
      a.rowid = st.get_int(0);
      a.username = st.get_text(1);
      a.bank = st.get_text(2);
      a.in_default_bank = st.get_text_view(3) == a.bank;
      a.userid = st.get_int(4);
      a.active = st.get_int(5) == 1;
      a.stored_usage = st.get_double(6);
      name_key(key, a.username, a.bank);
      by_name.emplace(key, out.size());
      out.push_back(std::move(a));
    }
  }
  // Rows come in insertion order, so one association's rows are usually
  // next to each other: the previous match is tried before the table.
  Association* last = nullptr;
  auto find = [&](const sql::Statement& st) -> Association* {
    const std::string_view username = st.get_text_view(1), bank = st.get_text_view(2);
    if (last && last->username == username && last->bank == bank) return last;
    name_key(key, username, bank);
    auto it = by_name.find(std::string_view(key));
    last = it == by_name.end() ? nullptr : &out[it->second];  // no association: left alone
    return last;
  };

  {
    auto st =
        db.prepare("SELECT rowid, username, bank, last_job_timestamp FROM job_usage_factor_table");
    while (st.step()) {
      Association* a = find(st);
      if (!a) continue;
      a->factor_rowid = st.get_int(0);
      a->last_job = stored_time(st, 3, now, [&] {
        return fmt::format("last_job_timestamp of {},{}", a->username, a->bank);
      });
    }
  }
  for (Association& a : out) {
    auto bank = ignore_before.find(a.bank);
    const double bank_after = bank == ignore_before.end() ? 0 : bank->second;
    a.after = std::max({a.last_job, bank_after, settings.reconfigure_time});
  }

  auto bins = db.prepare(
      "SELECT rowid, username, bank, period, value FROM job_usage_per_association_table");
  while (bins.step()) {
    const std::int64_t period = bins.get_int(3);
    if (period < 0 || period >= config::kMaxUsageBins) continue;  // not a bin we keep
    Association* a = find(bins);
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
    a->bins[p] = bins.is_null(4) ? 0.0 : bins.get_double(4);
    a->bin_rowids[p] = bins.get_int(0);
  }
  return out;
}

UsageWriter::UsageWriter(sql::Connection& db)
    : update_bin_(
          db.prepare("UPDATE job_usage_per_association_table SET value = ? WHERE rowid = ?")),
      insert_bin_(db.prepare(
          "INSERT INTO job_usage_per_association_table (username, userid, bank, period, value) "
          "VALUES (?, ?, ?, ?, ?)")),
      update_last_(
          db.prepare("UPDATE job_usage_factor_table SET last_job_timestamp = ? WHERE rowid = ?")),
      insert_factor_(db.prepare(
          "INSERT INTO job_usage_factor_table (username, userid, bank, last_job_timestamp) "
          "VALUES (?, ?, ?, ?)")),
      update_usage_(db.prepare("UPDATE association_table SET job_usage = ? WHERE rowid = ?")) {}

void UsageWriter::bin(const Association& a, std::size_t period, double value) {
  const std::int64_t rowid = period < a.bin_rowids.size() ? a.bin_rowids[period] : 0;
  auto& st = rowid != 0 ? update_bin_ : insert_bin_;
  st.reset();
  if (rowid != 0)
    st.bind(1, value).bind(2, rowid).run();
  else
    st.bind(1, a.username)
        .bind(2, a.userid)
        .bind(3, a.bank)
        .bind(4, static_cast<std::int64_t>(period))
        .bind(5, value)
        .run();
}

void UsageWriter::last_job(const Association& a, double t) {
  auto& st = a.factor_rowid != 0 ? update_last_ : insert_factor_;
  st.reset();
  if (a.factor_rowid != 0)
    st.bind(1, t).bind(2, a.factor_rowid).run();
  else
    st.bind(1, a.username).bind(2, a.userid).bind(3, a.bank).bind(4, t).run();
}

void UsageWriter::job_usage(const Association& a, double value) {
  update_usage_.reset();
  update_usage_.bind(1, value).bind(2, a.rowid).run();
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
