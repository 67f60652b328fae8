// Keeping the database tidy: sync-userids, scrub-old-jobs.
#include "store/housekeeping.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace fluxacct::cli {
namespace {

constexpr double kSecondsPerWeek = 604800;

// ---- sync-userids

void define_sync_userids(Parser&) {}

int run_sync_userids(const Args&, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  const std::int64_t changed = store::sync_userids(db);
  tx.commit();
  if (changed > 0)
    ctx.out.line("found inconsistent userids; updating to reflect what is in association_table");
  return 0;
}

// ---- scrub-old-jobs

void define_scrub_old_jobs(Parser& p) {
  p.positional({.name = "NUM_WEEKS",
                .help = "remove job records that became inactive more than this many weeks ago "
                        "(default 26)",
                .nargs = '?',
                .type = Type::kInt});
  p.option({.flags = {"-v", "--verbose"},
            .kind = Kind::kFlag,
            .help = "print how many job records were removed"});
}

int run_scrub_old_jobs(const Args& args, Context& ctx) {
  long long weeks = 26;
  if (auto v = args.get("NUM_WEEKS")) parse_int(*v, weeks);
  if (weeks < 0)
    throw Error(fmt::format("NUM_WEEKS must be a non-negative integer, got {}", weeks));
  const double cutoff = static_cast<double>(ctx.now) - static_cast<double>(weeks) * kSecondsPerWeek;
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  const std::int64_t removed = store::scrub_old_jobs(db, cutoff);
  tx.commit();
  if (args.flag("verbose"))
    ctx.out.line(fmt::format("removed {} job record{} older than {} week{}", removed,
                             removed == 1 ? "" : "s", weeks, weeks == 1 ? "" : "s"));
  return 0;
}

}  // namespace

std::vector<Command> housekeeping_commands() {
  return {
      {"sync-userids", "make the usage tables' userids match association_table",
       define_sync_userids, run_sync_userids},
      {"scrub-old-jobs", "remove old job records", define_scrub_old_jobs, run_scrub_old_jobs},
  };
}

}  // namespace fluxacct::cli
