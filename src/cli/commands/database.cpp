// Database-level commands: create-db, update-db.
#include <fmt/format.h>

#include <cstdio>
#include <ctime>

#include "cli/command.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "store/create.hpp"
#include "store/migrate.hpp"

namespace fluxacct::cli {
namespace {

void define_create_db(Parser& p) {
  p.option({.flags = {"--priority-usage-reset-period"},
            .metavar = "DURATION",
            .help = "the period over which past usage counts (Flux Standard Duration; default 4 "
                    "weeks)"});
  p.option({.flags = {"--priority-decay-half-life"},
            .metavar = "DURATION",
            .help = "the half-life of past usage (Flux Standard Duration; default 1 week)"});
  p.option({.flags = {"--decay-factor"},
            .type = Type::kFloat,
            .metavar = "FACTOR",
            .help = "how much each half-life period's usage is multiplied by as it ages "
                    "(0 < F < 1; default 0.5)"});
}

int run_create_db(const Args& args, Context& ctx) {
  CreateOptions opts;
  if (auto v = args.get("priority_usage_reset_period")) opts.usage_reset_period = parse_fsd(*v);
  if (auto v = args.get("priority_decay_half_life")) opts.decay_half_life = parse_fsd(*v);
  if (auto v = args.get("decay_factor")) {
    double f;
    parse_float(*v, f);
    opts.decay_factor = f;
  }
  create_database(ctx.db_path, opts, ctx.now);
  return 0;
}

void define_update_db(Parser& p) {
  p.option({.flags = {"-n", "--new-db"},
            .metavar = "NEW_DB",
            .help = "(testing only) a template database whose tables are the target schema"});
  p.option({.flags = {"-v", "--verbose"},
            .kind = Kind::kCount,
            .help = "increase verbosity of output (-v: progress, -v -v: every statement)"});
}

// Upstream's logging format: "%Y-%m-%d %H:%M:%S: LEVEL: msg" on stderr.
void log_line(std::time_t now, LogLevel level, const std::string& msg) {
  char stamp[32];
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  const char* name = level == LogLevel::kDebug  ? "DEBUG"
                     : level == LogLevel::kInfo ? "INFO"
                                                : "WARNING";
  std::fprintf(stderr, "%s: %s: %s\n", stamp, name, msg.c_str());
}

int run_update_db(const Args& args, Context& ctx) {
  MigrateOptions opts;
  opts.template_path = args.get_or("new_db", "");
  opts.now = ctx.now;
  int verbosity = args.count("verbose");
  LogLevel threshold = verbosity >= 2   ? LogLevel::kDebug
                       : verbosity == 1 ? LogLevel::kInfo
                                        : LogLevel::kWarning;
  std::time_t now = ctx.now;
  opts.log = [threshold, now](LogLevel level, const std::string& msg) {
    if (level >= threshold) log_line(now, level, msg);
  };
  update_database(ctx.db_path, opts);
  return 0;
}

}  // namespace

std::vector<Command> database_commands() {
  return {
      {"create-db", "create a new flux-accounting database", define_create_db, run_create_db},
      {"update-db", "upgrade a flux-accounting database to the current schema", define_update_db,
       run_update_db},
  };
}

}  // namespace fluxacct::cli
