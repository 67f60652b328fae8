#include "sim/accounting_cycle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/fairshare_walk.hpp"

namespace fluxacct::sim {

AccountingCycle::AccountingCycle(AccountingSetup setup) : setup_(std::move(setup)) {
  if (setup_.tree_account.size() != setup_.tree.size())
    throw Error(fmt::format("accounting cycle: {} tree nodes but {} account links",
                            setup_.tree.size(), setup_.tree_account.size()));
  for (std::size_t i = 0; i < setup_.tree_account.size(); ++i) {
    const std::size_t a = setup_.tree_account[i];
    const bool user =
        !setup_.tree.empty() && setup_.tree.is_user(static_cast<FairshareTree::Index>(i));
    if (user != (a != kNoAccount) || (a != kNoAccount && a >= setup_.accounts.size()))
      throw Error(fmt::format("accounting cycle: tree node {} has no matching account", i));
  }
  for (std::size_t i = 0; i < setup_.accounts.size(); ++i)
    by_user_[setup_.accounts[i].userid].push_back(i);
}

double AccountingCycle::usage(std::size_t account) const {
  return usage::total_usage(setup_.accounts.at(account).bins);
}

std::optional<std::size_t> AccountingCycle::find(std::uint32_t userid,
                                                 std::string_view bank) const {
  const auto it = by_user_.find(userid);
  if (it == by_user_.end()) return std::nullopt;
  std::optional<std::size_t> found;
  for (std::size_t i : it->second) {
    const UsageAccount& a = setup_.accounts[i];
    if (!bank.empty()) {
      // The first association with the userid and bank; a second one is
      // never charged (update-usage's rule).
      if (a.bank == bank) return i;
    } else if (a.in_default_bank && (!found || (a.active && !setup_.accounts[*found].active))) {
      found = i;
    }
  }
  return found;
}

// update-fshare's tree with the usage update-usage leaves in job_usage:
// the same nodes, added in the same order (parents first), each user with
// the sum of its account's bins.
FairshareTree AccountingCycle::ranked_tree() const {
  const FairshareTree& t = setup_.tree;
  FairshareTree out;
  out.reserve(t.size());
  for (FairshareTree::Index i = 0; i < t.size(); ++i) {
    if (t.parent(i) == FairshareTree::kNoParent)
      out.add_root(t.name(i), t.shares(i), 0);
    else if (t.is_user(i))
      out.add_user(t.parent(i), t.name(i), t.shares(i), usage(setup_.tree_account[i]));
    else
      out.add_bank(t.parent(i), t.name(i), t.shares(i), 0);
  }
  out.roll_up_user_usage();
  return out;
}

CycleResult AccountingCycle::run(double t, std::vector<EndedJob> ended) {
  CycleResult result;
  const double now = setup_.origin + t;

  // update-usage: the new jobs' costs per association, summed in order of
  // t_inactive, with the times a job record would hold.
  std::stable_sort(ended.begin(), ended.end(), [](const EndedJob& x, const EndedJob& y) {
    return x.t_inactive < y.t_inactive;
  });
  std::vector<usage::CostSum> added(setup_.accounts.size());
  for (const EndedJob& j : ended) {
    const auto a = find(j.userid, j.bank);
    if (!a) {
      ++result.jobs_unmatched;
      continue;
    }
    added[*a].add(usage::job_cost(j.resources, setup_.origin + j.t_run,
                                  setup_.origin + j.t_inactive, setup_.weights));
    ++result.jobs_charged;
  }
  result.periods_closed = usage::periods_ended(setup_.period_end, setup_.half_life, now);
  setup_.period_end =
      usage::next_period_end(setup_.period_end, setup_.half_life, result.periods_closed);
  for (std::size_t i = 0; i < setup_.accounts.size(); ++i) {
    usage::advance(setup_.accounts[i].bins, result.periods_closed, setup_.decay,
                   added[i].count() > 0 ? added[i].sum() : 0.0, setup_.bin_count);
  }

  // update-fshare: every active association ranked; inactive ones (not in
  // the tree) keep their value.
  if (setup_.tree.empty()) return result;
  for (const UserFairshare& u : walk_fairshare(ranked_tree(), TieOrder::kByName)) {
    UsageAccount& a = setup_.accounts[setup_.tree_account[u.user]];
    const double value = stored_fairshare(u.fairshare);
    if (value == a.fairshare) continue;
    result.changes.push_back({setup_.tree_account[u.user], a.fairshare, value});
    a.fairshare = value;
  }
  std::sort(
      result.changes.begin(), result.changes.end(),
      [](const FairshareChange& x, const FairshareChange& y) { return x.account < y.account; });
  return result;
}

}  // namespace fluxacct::sim
