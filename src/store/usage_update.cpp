#include "store/usage_update.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "core/r_counter.hpp"
#include "core/usage.hpp"
#include "store/banks.hpp"
#include "store/job_records.hpp"
#include "store/usage_state.hpp"

namespace fluxacct::store {
namespace {

using usage_state::Association;

// Where a user's jobs go: to the association of their bank, or, without a
// bank, to the one in their default bank.
struct UserJobs {
  std::int64_t userid = 0;
  bool sought = false;  // read by a seek of its own, not in the range
  std::vector<std::pair<std::string_view, std::size_t>> by_bank;
  std::optional<std::size_t> default_assoc;
  double after = std::numeric_limits<double>::infinity();  // the earliest of theirs
};

std::unordered_map<std::int64_t, UserJobs> index_by_user(const std::vector<Association>& assocs,
                                                         std::int64_t& duplicates) {
  std::unordered_map<std::int64_t, UserJobs> users;
  users.reserve(assocs.size());
  for (std::size_t i = 0; i < assocs.size(); ++i) {
    const Association& a = assocs[i];
    UserJobs& u = users[a.userid];
    bool taken = false;
    for (const auto& [bank, idx] : u.by_bank) taken = taken || bank == a.bank;
    if (taken) {
      ++duplicates;  // two usernames with one userid in one bank: the first is charged
      continue;
    }
    u.by_bank.emplace_back(a.bank, i);
    u.after = std::min(u.after, a.after);
    // Jobs without a bank: the user's association in their default bank,
    // an active one before an inactive one.
    if (a.in_default_bank && (!u.default_assoc || (a.active && !assocs[*u.default_assoc].active)))
      u.default_assoc = i;
  }
  return users;
}

// ---- job records

struct JobTally {
  std::int64_t read = 0, charged = 0, unreadable = 0, unmatched = 0;
  std::int64_t users_sought = 0, users_in_range = 0;
};

// How the candidate records are found: users[0, split) (sorted by
// threshold) one seek each in the (userid, t_inactive) index, the others
// together by one range of the t_inactive index: the records that ended
// after `from`, their lowest threshold. Each way reads a user's records in
// order of t_inactive.
struct ReadPlan {
  std::size_t split = 0;
  double from = 0;
};

// Picks the split that reads the fewest index entries and rows: a seek
// costs about two row reads (a descent of the large per-user index); the
// range costs the records in it, counted (up to what would be a loss) in
// the t_inactive index. Tries all seeks, all range, and ranges over the
// newest half, quarter, ... of the users.
ReadPlan plan_reads(sql::Connection& db, const std::vector<UserJobs*>& by_after) {
  const auto n = static_cast<std::int64_t>(by_after.size());
  ReadPlan best{.split = by_after.size(), .from = 0};
  std::int64_t best_cost = 2 * n;
  auto count = db.prepare(
      "SELECT count(*) FROM (SELECT 1 FROM jobs WHERE t_inactive > ? ORDER BY t_inactive LIMIT ?)");
  for (std::int64_t rest = n; rest > 0; rest /= 2) {
    const std::int64_t split = n - rest;
    const std::int64_t budget = best_cost - 2 * split;
    if (budget <= 0) break;
    const double from = by_after[static_cast<std::size_t>(split)]->after;
    count.reset();
    count.bind(1, from).bind(2, budget);
    count.step();
    const std::int64_t cost = 2 * split + count.get_int(0);
    if (cost < best_cost) {
      best_cost = cost;
      best = {.split = static_cast<std::size_t>(split), .from = from};
    }
  }
  return best;
}

// One pass over the job records that may be new: for each user, those that
// ended after the earliest threshold of their associations. Each is charged
// to its association when it ended after that association's own threshold.
JobTally charge_jobs(sql::Connection& db, std::vector<Association>& assocs,
                     std::unordered_map<std::int64_t, UserJobs>& users,
                     const usage::Weights& weights, const UsageUpdateOptions& options) {
  JobTally tally;
  RCounter counter;
  auto charge = [&](const UserJobs& user, std::string_view bank, double t_run, double t_inactive,
                    std::string_view R) {
    ++tally.read;
    if (options.progress && (tally.read & 0xfff) == 0) options.progress(tally.read);
    std::optional<std::size_t> idx;
    if (bank.empty()) {
      idx = user.default_assoc;
    } else {
      for (const auto& [b, i] : user.by_bank)
        if (b == bank) idx = i;
    }
    if (!idx) {
      ++tally.unmatched;
      return;
    }
    Association& a = assocs[*idx];
    if (!(t_inactive > a.after)) return;
    const auto counts = counter.count(R);
    if (!counts) {
      ++tally.unreadable;
      return;
    }
    a.added.add(usage::job_cost(*counts, t_run, t_inactive, weights));
    a.newest = std::max(a.newest, t_inactive);
    ++tally.charged;
  };

  std::vector<UserJobs*> by_after;
  by_after.reserve(users.size());
  for (auto& [userid, u] : users) {
    u.userid = userid;
    by_after.push_back(&u);
  }
  std::sort(by_after.begin(), by_after.end(),
            [](const UserJobs* x, const UserJobs* y) { return x->after < y->after; });
  const ReadPlan plan = plan_reads(db, by_after);

  // Seeks, in userid order so that the index is read front to back.
  std::vector<UserJobs*> seeks(by_after.begin(),
                               by_after.begin() + static_cast<std::ptrdiff_t>(plan.split));
  for (UserJobs* user : seeks) user->sought = true;
  tally.users_sought = static_cast<std::int64_t>(plan.split);
  tally.users_in_range = static_cast<std::int64_t>(by_after.size() - plan.split);
  std::sort(seeks.begin(), seeks.end(),
            [](const UserJobs* x, const UserJobs* y) { return x->userid < y->userid; });
  auto per_user =
      db.prepare("SELECT bank, t_run, t_inactive, R FROM jobs WHERE userid = ? AND t_inactive > ?");
  for (const UserJobs* user : seeks) {
    per_user.reset();
    per_user.bind(1, user->userid).bind(2, user->after);
    while (per_user.step())
      charge(*user, per_user.get_text_view(0), per_user.get_double(1), per_user.get_double(2),
             per_user.get_text_view(3));
  }

  if (plan.split < by_after.size()) {
    auto range = db.prepare(
        "SELECT userid, bank, t_run, t_inactive, R FROM jobs WHERE t_inactive > ? "
        "ORDER BY t_inactive");
    range.bind(1, plan.from);
    while (range.step()) {
      auto user = users.find(range.get_int(0));
      if (user == users.end() || user->second.sought) continue;
      charge(user->second, range.get_text_view(1), range.get_double(2), range.get_double(3),
             range.get_text_view(4));
    }
  }
  return tally;
}

std::int64_t job_index_count(sql::Connection& db) {
  auto st =
      db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs'");
  st.step();
  return st.get_int(0);
}

}  // namespace

UsageUpdateResult update_usage(sql::Connection& db, double now, const UsageUpdateOptions& options) {
  UsageUpdateResult result;
  const std::int64_t indexes_before = job_index_count(db);
  create_job_indexes(db);
  const bool indexes_created = job_index_count(db) != indexes_before;

  const usage_state::Settings settings = usage_state::load_settings(db);

  // The current period's end; a database without one starts a period now.
  const std::optional<double> stored_end = usage_state::load_period_end(db, now);
  const bool end_missing = !stored_end;
  const double end = stored_end.value_or(now + settings.half_life);

  // The bins are a third of what is read, and only the write-back needs
  // them: a second connection reads them while this one charges the jobs.
  // Not when this transaction has written (the new indexes): the second
  // connection would have to wait for it to end.
  std::optional<usage_state::BackgroundBins> background;
  if (!indexes_created && usage_state::count_associations(db) >= options.background_bins_from)
    background.emplace(db, settings);
  std::vector<Association> assocs =
      usage_state::load_associations(db, settings, now, /*with_bins=*/!background);
  result.associations = static_cast<std::int64_t>(assocs.size());
  auto users = index_by_user(assocs, result.duplicate_keys);
  const JobTally tally = charge_jobs(db, assocs, users, settings.weights, options);
  result.jobs_read = tally.read;
  result.jobs_charged = tally.charged;
  result.jobs_unreadable = tally.unreadable;
  result.jobs_unmatched = tally.unmatched;
  result.users_sought = tally.users_sought;
  result.users_in_range = tally.users_in_range;

  result.bins_in_background = background && background->take(assocs);
  if (!result.bins_in_background && background) usage_state::load_bins(db, assocs, settings);

  result.periods_closed = usage::periods_ended(end, settings.half_life, now);
  result.period_end = usage::next_period_end(end, settings.half_life, result.periods_closed);

  usage_state::UsageWriter writer(db);
  for (Association& a : assocs) {
    const std::vector<double> before = a.bins;
    if (a.bins.empty()) ++result.usage_rows_created;
    usage::advance(a.bins, result.periods_closed, settings.decay,
                   a.added.count() > 0 ? a.added.sum() : 0.0, settings.bins);
    if (a.added.count() > 0) ++result.associations_charged;
    if (usage_state::write_back(writer, a, before)) ++result.associations_written;
  }
  writer.flush();

  if (end_missing) {
    auto st = db.prepare("DELETE FROM t_half_life_period_table WHERE cluster = 'cluster'");
    st.run();
    db.prepare(
          "INSERT INTO t_half_life_period_table (cluster, end_half_life_period) "
          "VALUES ('cluster', ?)")
        .bind(1, result.period_end)
        .run();
  } else if (result.periods_closed > 0) {
    db.prepare(
          "UPDATE t_half_life_period_table SET end_half_life_period = ? WHERE cluster = 'cluster'")
        .bind(1, result.period_end)
        .run();
  }

  const bool banks_changed = recompute_bank_usage(db);

  result.changed = indexes_created || result.associations_written > 0 || end_missing ||
                   result.periods_closed > 0 || banks_changed;
  return result;
}

ClearUsageResult clear_usage(sql::Connection& db, const std::vector<std::string>& banks,
                             std::int64_t ignore_older_than) {
  // The tree as stored: each name's first row, and each bank's sub-banks.
  std::set<std::string> known;
  std::unordered_map<std::string, std::vector<std::string>> children;
  {
    auto st = db.prepare("SELECT bank, parent_bank FROM bank_table ORDER BY rowid");
    while (st.step()) {
      std::string bank = st.get_text(0);
      if (!st.is_null(1)) children[st.get_text(1)].push_back(bank);
      known.insert(std::move(bank));
    }
  }
  for (const auto& b : banks)
    if (!known.count(b)) throw Error(fmt::format("bank {} not found in bank_table", b));

  // Each named bank and every bank below it, each once (a cycle left by an
  // older tool is walked once too).
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const auto& b : banks) {
    if (!seen.insert(b).second) continue;
    order.push_back(b);
    for (std::size_t i = order.size() - 1; i < order.size(); ++i) {
      auto it = children.find(order[i]);
      if (it == children.end()) continue;
      for (const auto& child : it->second)
        if (seen.insert(child).second) order.push_back(child);
    }
  }

  ClearUsageResult result;
  auto bank =
      db.prepare("UPDATE bank_table SET job_usage = 0.0, ignore_older_than = ? WHERE bank = ?");
  auto assoc =
      db.prepare("UPDATE association_table SET job_usage = 0.0, fairshare = 0.5 WHERE bank = ?");
  auto last =
      db.prepare("UPDATE job_usage_factor_table SET last_job_timestamp = 0.0 WHERE bank = ?");
  auto bins = db.prepare("UPDATE job_usage_per_association_table SET value = 0.0 WHERE bank = ?");
  for (const auto& b : order) {
    bank.reset();
    bank.bind(1, ignore_older_than).bind(2, b).run();
    ++result.banks;
    assoc.reset();
    assoc.bind(1, b).run();
    result.associations += db.changes();
    last.reset();
    last.bind(1, b).run();
    bins.reset();
    bins.bind(1, b).run();
  }
  recompute_bank_usage(db);
  return result;
}

}  // namespace fluxacct::store
