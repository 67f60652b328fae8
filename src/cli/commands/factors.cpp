// Priority factor weights: view-factor, edit-factor, list-factors, reset-factors.
#include "store/factors.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/listing.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

const schema::Table& factor_table() { return schema::table("priority_factor_weight_table"); }

constexpr KeyedView kFactorView{"priority_factor_weight_table", "factor", "FACTOR",
                                "{factor} {weight}", false};

// ---- view-factor

// ---- edit-factor

void define_edit_factor(Parser& p) {
  p.option({.flags = {"--factor"},
            .required = true,
            .metavar = "FACTOR",
            .help = "the name of the factor: fairshare, queue, bank or urgency"});
  p.option({.flags = {"--weight"},
            .type = Type::kInt,
            .required = true,
            .metavar = "WEIGHT",
            .help = "the new integer weight for the priority factor (0 to 2147483647)"});
}

int run_edit_factor(const Args& args, Context& ctx) {
  long long weight = 0;
  parse_int(*args.get("weight"), weight);  // the parser has checked the form (Type::kInt)
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_factor(db, *args.get("factor"), weight);
  tx.commit();
  return 0;
}

// ---- list-factors

// ---- reset-factors

void define_reset_factors(Parser&) {}

int run_reset_factors(const Args&, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::reset_factors(db);
  tx.commit();
  return 0;
}

}  // namespace

std::vector<Command> factor_commands() {
  return {
      {"view-factor", "view the configuration about a particular priority factor",
       [](Parser& p) { define_keyed_view(p, kFactorView); },
       [](const Args& a, Context& c) { return run_keyed_view(a, c, kFactorView); }},
      {"edit-factor", "edit the integer weight for a particular priority factor",
       define_edit_factor, run_edit_factor},
      {"list-factors", "list all priority factors in the flux-accounting DB",
       [](Parser& p) { define_table_listing(p, factor_table()); },
       [](const Args& a, Context& c) { return run_table_listing(a, c, factor_table()); }},
      {"reset-factors", "reset the priority factors and their weights to default values",
       define_reset_factors, run_reset_factors},
  };
}

}  // namespace fluxacct::cli
