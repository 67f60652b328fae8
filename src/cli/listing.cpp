#include "cli/listing.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace fluxacct::cli {

void require_rows(RowSource& rows, const std::string& message) {
  std::vector<Value> row;
  if (!rows.next(row)) throw Error(message);
  rows.rewind();
}

std::string fields_metavar(const schema::Table& table) {
  std::string m;
  for (const auto& c : table.column_names()) {
    m += m.empty() ? "" : ",";
    for (char ch : c) m += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return m;
}

const std::string* format_option(const Args& args, std::string& storage) {
  auto f = args.get("format");
  if (!f || f->empty()) return nullptr;
  storage = *f;
  return &storage;
}

void define_keyed_view(Parser& p, const KeyedView& view) {
  p.positional({.name = view.positional, .help = fmt::format("the {}'s name", view.key_column)});
  if (view.json_by_default)
    p.option({.flags = {"--parsable"},
              .kind = Kind::kFlag,
              .help = fmt::format("print the {} as a table", view.key_column)});
  else
    p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = fmt::format("print with a Python format string, e.g. '{}'", view.example)});
}

int run_keyed_view(const Args& args, Context& ctx, const KeyedView& view) {
  const std::string key = *args.get(view.positional);
  const schema::Table& table = schema::table(view.table);
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(
      store::select(db, {&table, {}, {{view.key_column, store::Filter::Op::kIn, {key}}}, "rowid"}));
  require_rows(rows, fmt::format("{} {} not found in {}", view.key_column, key, view.table));
  std::string format;
  const bool json = view.json_by_default ? !args.flag("parsable") : args.flag("json");
  render(rows, format_option(args, format), json, ctx.out);
  return 0;
}

void define_table_listing(Parser& p, const schema::Table& table) {
  p.option({.flags = {"--fields"},
            .metavar = fields_metavar(table),
            .help = "list of fields to include in the output"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "specify output format using Python's string format syntax"});
}

int run_table_listing(const Args& args, Context& ctx, const schema::Table& table) {
  store::SelectSpec spec{&table, {}, {}, "rowid"};
  if (auto f = args.get("fields")) spec.columns = parse_fields(*f, table.column_names());
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(db, spec));
  require_rows(rows, "no results found in query");
  std::string format;
  render(rows, format_option(args, format), args.flag("json"), ctx.out);
  return 0;
}

}  // namespace fluxacct::cli
