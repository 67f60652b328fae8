#include "cli/simulate_accounting.hpp"

#include <unordered_map>

#include "store/fairshare_update.hpp"
#include "store/usage_state.hpp"

namespace fluxacct::cli {

sim::AccountingSetup load_accounting_setup(sql::Connection& db, double now) {
  namespace us = store::usage_state;
  sim::AccountingSetup setup;
  const us::Settings settings = us::load_settings(db);
  setup.weights = settings.weights;
  setup.half_life = settings.half_life;
  setup.decay = settings.decay;
  setup.bin_count = settings.bins;
  const auto end = us::load_period_end(db, now);
  setup.period_end = end.value_or(settings.half_life);
  setup.origin = setup.period_end - settings.half_life;

  std::unordered_map<std::int64_t, std::size_t> by_rowid;
  for (us::Association& a : us::load_associations(db, settings, now)) {
    sim::UsageAccount acct;
    // A userid the plugin cannot hold (not a uint32) is never a job's.
    acct.userid = a.userid >= 0 && a.userid <= 4294967295 ? static_cast<std::uint32_t>(a.userid)
                                                          : 4294967295U;
    acct.username = std::move(a.username);
    acct.bank = std::move(a.bank);
    acct.in_default_bank = a.in_default_bank;
    acct.active = a.active;
    acct.bins = std::move(a.bins);
    by_rowid.emplace(a.rowid, setup.accounts.size());
    setup.accounts.push_back(std::move(acct));
  }

  store::FairshareHierarchy h = store::load_fairshare_hierarchy(db);
  setup.tree_account.assign(h.tree.size(), sim::kNoAccount);
  for (FairshareTree::Index i = 0; i < h.tree.size(); ++i) {
    if (!h.tree.is_user(i)) continue;
    const std::size_t a = by_rowid.at(h.association_rowid[i]);
    setup.tree_account[i] = a;
    // The value the plugin was given (NaN when the column holds no number:
    // any rank then differs from it and is pushed).
    setup.accounts[a].fairshare = h.stored_fairshare[i];
  }
  setup.tree = std::move(h.tree);
  return setup;
}

}  // namespace fluxacct::cli
