// Fair-share: update-fshare (also `flux account-update-fshare`), which ranks
// every active association by the weighted-tree walk and stores the result.
#include "cli/command.hpp"
#include "store/database.hpp"
#include "store/fairshare_update.hpp"

namespace fluxacct::cli {
namespace {

// Upstream's tool takes only -p, which every command has.
void define_update_fshare(Parser&) {}

int run_update_fshare(const Args&, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::update_fairshare(db);
  tx.commit();
  return 0;
}

}  // namespace

std::vector<Command> fshare_commands() {
  return {
      {"update-fshare", "compute every active association's fair-share from shares and usage",
       define_update_fshare, run_update_fshare},
  };
}

}  // namespace fluxacct::cli
