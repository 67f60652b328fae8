// Priority factor weights: view-factor, edit-factor, list-factors, reset-factors.
#include "store/factors.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

constexpr const char* kFormatHelp = "specify output format using Python's string format syntax";

std::vector<std::string> factor_columns() {
  return schema::table("priority_factor_weight_table").column_names();
}

// Upstream refuses an empty result with a message instead of printing an
// empty listing. Reads the first row and rewinds, so the rows still stream.
void require_rows(RowSource& rows, const std::string& message) {
  std::vector<Value> row;
  if (!rows.next(row)) throw Error(message);
  rows.rewind();
}

// -o/--format when given and not empty (an empty format means none, as upstream).
const std::string* format_of(const Args& args, std::string& storage) {
  auto f = args.get("format");
  if (!f || f->empty()) return nullptr;
  storage = *f;
  return &storage;
}

void define_output_options(Parser& p) {
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"}, .metavar = "FORMAT", .help = kFormatHelp});
}

// ---- view-factor

void define_view_factor(Parser& p) {
  p.positional({.name = "FACTOR", .help = "the name of the factor"});
  define_output_options(p);
}

int run_view_factor(const Args& args, Context& ctx) {
  const std::string factor = *args.get("FACTOR");
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select_factor(db, factor));
  require_rows(rows, fmt::format("factor {} not found in priority_factor_weight_table", factor));
  std::string format;
  render(rows, format_of(args, format), args.flag("json"), ctx.out);
  return 0;
}

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

void define_list_factors(Parser& p) {
  p.option({.flags = {"--fields"},
            .metavar = "FACTOR,WEIGHT",
            .help = "list of fields to include in output"});
  define_output_options(p);
}

int run_list_factors(const Args& args, Context& ctx) {
  std::vector<std::string> columns;
  if (auto f = args.get("fields")) columns = parse_fields(*f, factor_columns());
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select_factors(db, columns));
  require_rows(rows, "no results found in query");
  std::string format;
  render(rows, format_of(args, format), args.flag("json"), ctx.out);
  return 0;
}

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
       define_view_factor, run_view_factor},
      {"edit-factor", "edit the integer weight for a particular priority factor",
       define_edit_factor, run_edit_factor},
      {"list-factors", "list all priority factors in the flux-accounting DB", define_list_factors,
       run_list_factors},
      {"reset-factors", "reset the priority factors and their weights to default values",
       define_reset_factors, run_reset_factors},
  };
}

}  // namespace fluxacct::cli
