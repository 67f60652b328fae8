// Database-level commands: create-db.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "store/create.hpp"

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

}  // namespace

std::vector<Command> database_commands() {
  return {
      {"create-db", "create a new flux-accounting database", define_create_db, run_create_db},
  };
}

}  // namespace fluxacct::cli
