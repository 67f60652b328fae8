// Usage: update-usage (also `flux account-update-usage`), which charges job
// records to associations and ages their usage, and clear-usage.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/timestamp.hpp"
#include "store/database.hpp"
#include "store/usage_update.hpp"

namespace fluxacct::cli {
namespace {

// A time as the log shows it: local date and time.
std::string local_time(double t) {
  char text[32];
  std::time_t s = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&s, &tm);
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

// Upstream's logging format: "%Y-%m-%d %H:%M:%S: INFO: msg" on stderr,
// stamped with the wall clock.
void info(const std::string& msg) {
  std::fprintf(stderr, "%s: INFO: %s\n",
               local_time(static_cast<double>(std::time(nullptr))).c_str(), msg.c_str());
}

std::string plural(std::int64_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// ---- update-usage

void define_update_usage(Parser& p) {
  p.option({.flags = {"-v", "--verbose"},
            .kind = Kind::kCount,
            .help = "log what was charged and which periods closed (INFO lines on stderr)"});
}

int run_update_usage(const Args& args, Context& ctx) {
  const bool verbose = args.count("verbose") > 0;
  auto db = open_database(ctx.db_path, Access::kWrite);
  if (verbose)
    info("beginning job-usage update for flux-accounting DB; slow response times may occur");
  sql::Transaction tx(db);
  Progress progress;
  store::UsageUpdateOptions options;
  if (progress.enabled())
    options.progress = [&progress](std::int64_t read) {
      progress.show(fmt::format("update-usage: {} job records read", read));
    };
  const auto r = store::update_usage(db, static_cast<double>(ctx.now), options);
  if (progress.enabled()) {
    progress.show(fmt::format("update-usage: {} read, {} charged",
                              plural(r.jobs_read, "job record"), r.jobs_charged),
                  /*force=*/true);
    progress.clear();
  }
  // Nothing changed: roll back, so that the file is not even touched.
  if (r.changed) tx.commit();
  if (verbose) {
    if (r.periods_closed > 0)
      info(fmt::format("closed {}; the current one ends at {}",
                       plural(r.periods_closed, "half-life period"), local_time(r.period_end)));
    info(fmt::format("read {}: {} by an index seek each, {} in one range of end times",
                     plural(r.jobs_read, "job record"), plural(r.users_sought, "user"),
                     r.users_in_range));
    info(fmt::format("charged {} to {} (of {}); {} written", plural(r.jobs_charged, "job"),
                     plural(r.associations_charged, "association"), r.associations,
                     plural(r.associations_written, "association")));
    if (r.usage_rows_created > 0)
      info(fmt::format("created usage bins for {}", plural(r.usage_rows_created, "association")));
    if (r.jobs_unreadable > 0)
      info(fmt::format("skipped {} whose R could not be read", plural(r.jobs_unreadable, "job")));
    if (r.jobs_unmatched > 0)
      info(fmt::format("skipped {} whose bank the user has no association in",
                       plural(r.jobs_unmatched, "job")));
    if (r.duplicate_keys > 0)
      info(fmt::format("not charged: {} with the userid and bank of an earlier association",
                       plural(r.duplicate_keys, "association")));
    info("job-usage update for flux-accounting DB now complete");
  }
  return 0;
}

// ---- clear-usage

void define_clear_usage(Parser& p) {
  p.positional({.name = "BANKS",
                .help = "the banks whose usage is cleared, with every bank below them",
                .nargs = '+'});
  p.option({.flags = {"--ignore-older-than"},
            .metavar = "TIMESTAMP",
            .help = "charge only jobs that end after this time from now on (default: now): "
                    "seconds since the epoch or a date and time (e.g. '2025-01-01 08:00:00')"});
}

int run_clear_usage(const Args& args, Context& ctx) {
  std::int64_t ignore_older_than = ctx.now;
  if (auto v = args.get("ignore_older_than")) {
    const double t = parse_timestamp(*v, ctx.now);
    if (!std::isfinite(t) || std::fabs(t) > 9.0e18) throw Error("invalid timestamp: '" + *v + "'");
    ignore_older_than = static_cast<std::int64_t>(t);
  }
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::clear_usage(db, args.list("BANKS"), ignore_older_than);
  tx.commit();
  return 0;
}

}  // namespace

std::vector<Command> usage_commands() {
  return {
      {"update-usage", "charge new job records to associations and age past usage",
       define_update_usage, run_update_usage},
      {"clear-usage", "clear the usage of banks and their associations", define_clear_usage,
       run_clear_usage},
  };
}

}  // namespace fluxacct::cli
