// Bank commands: add-bank, delete-bank, edit-bank, view-bank, list-banks.
#include "store/banks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cli/bank_tree.hpp"
#include "cli/bank_tree_json.hpp"
#include "cli/command.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "core/share_tree.hpp"
#include "core/timestamp.hpp"
#include "store/bank_tree.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/share_tree_rows.hpp"

namespace fluxacct::cli {
namespace {

const char* const kFieldsMetavar =
    "BANK_ID,BANK,ACTIVE,PARENT_BANK,SHARES,JOB_USAGE,PRIORITY,IGNORE_OLDER_THAN";
const char* const kTimestampHelp =
    "ignore jobs that ended before this time when calculating job usage: seconds since the "
    "epoch or a date and time (e.g. '01/01/2025', '2025-01-01 08:00:00', 'Jan 1, 2025 8am')";

std::vector<std::string> bank_columns() { return schema::table("bank_table").column_names(); }

// --ignore-older-than, stored as whole seconds since the epoch.
std::int64_t parse_ignore_older_than(const std::string& text, std::time_t now) {
  double t = parse_timestamp(text, now);
  if (!std::isfinite(t) || std::fabs(t) > 9.0e18) throw Error("invalid timestamp: '" + text + "'");
  return static_cast<std::int64_t>(t);
}

double parse_priority(const std::string& text) {
  double p = 0.0;
  parse_float(text, p);  // the parser has checked the form (Type::kFloat)
  if (!std::isfinite(p)) throw Error("priority must be a finite number, got '" + text + "'");
  return p;
}

long long parse_integer(const std::string& text) {
  long long v = 0;
  parse_int(text, v);  // the parser has checked the form (Type::kInt)
  return v;
}

// The format string, when one was given; an empty -o means "no format", as upstream.
const std::string* format_of(const Args& args, std::string& storage) {
  auto f = args.get("format");
  if (!f || f->empty()) return nullptr;
  storage = *f;
  return &storage;
}

bool has_rows(RowSource& rows) {
  std::vector<Value> row;
  bool any = rows.next(row);
  rows.rewind();
  return any;
}

// ---- add-bank

void define_add_bank(Parser& p) {
  p.positional({.name = "BANK", .help = "bank name"});
  p.positional({.name = "SHARES",
                .help = "number of shares to allocate to the bank (a non-negative integer)",
                .type = Type::kInt});
  p.option({.flags = {"--parent-bank"},
            .metavar = "PARENT BANK",
            .help = "the bank to add it under (default: none, which makes the root bank)"});
  p.option({.flags = {"--priority"},
            .type = Type::kFloat,
            .metavar = "PRIORITY",
            .help = "a priority for jobs submitted under this bank (default 0.0)"});
  p.option({.flags = {"--ignore-older-than"}, .metavar = "TIMESTAMP", .help = kTimestampHelp});
}

int run_add_bank(const Args& args, Context& ctx) {
  store::NewBank bank{.name = *args.get("BANK"), .parent = args.get_or("parent_bank", "")};
  bank.shares = parse_integer(*args.get("SHARES"));
  if (bank.shares < 0)
    throw Error(fmt::format("shares must be a non-negative integer, got {}", bank.shares));
  if (auto v = args.get("priority")) bank.priority = parse_priority(*v);
  if (auto v = args.get("ignore_older_than"))
    bank.ignore_older_than = parse_ignore_older_than(*v, ctx.now);

  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::add_bank(db, bank);
  tx.commit();
  return 0;
}

// ---- delete-bank

void define_delete_bank(Parser& p) {
  p.positional({.name = "BANK", .help = "bank name"});
  p.option({.flags = {"--force"},
            .kind = Kind::kFlag,
            .help = "remove the bank, its sub-banks and their associations from the database "
                    "instead of disabling them (WARNING: this can change other banks' and users' "
                    "fair-share; proceed with caution)"});
}

int run_delete_bank(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::delete_bank(db, *args.get("BANK"), args.flag("force"), ctx.now);
  tx.commit();
  return 0;
}

// ---- edit-bank

void define_edit_bank(Parser& p) {
  p.positional({.name = "BANK", .help = "bank name"});
  p.option({.flags = {"--shares"},
            .type = Type::kInt,
            .metavar = "SHARES",
            .help = "new shares value (> 0)"});
  p.option({.flags = {"--parent-bank"},
            .metavar = "PARENT BANK",
            .help = "move the bank under this bank"});
  p.option({.flags = {"--priority"},
            .type = Type::kFloat,
            .metavar = "PRIORITY",
            .help = "a priority for jobs submitted under this bank"});
  p.option({.flags = {"--ignore-older-than"}, .metavar = "TIMESTAMP", .help = kTimestampHelp});
}

int run_edit_bank(const Args& args, Context& ctx) {
  store::BankEdit edit;
  if (auto v = args.get("shares")) edit.shares = parse_integer(*v);
  if (auto v = args.get("parent_bank")) edit.parent = *v;
  if (auto v = args.get("priority")) edit.priority = parse_priority(*v);
  if (auto v = args.get("ignore_older_than"))
    edit.ignore_older_than = parse_ignore_older_than(*v, ctx.now);

  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_bank(db, *args.get("BANK"), edit);
  tx.commit();
  return 0;
}

// ---- view-bank

void define_view_bank(Parser& p) {
  p.positional({.name = "BANK", .help = "bank name"});
  p.option({.flags = {"-t", "--tree"},
            .kind = Kind::kFlag,
            .help = "show the bank's sub-banks and users as a tree, with this bank at the top"});
  p.option({.flags = {"-u", "--users"},
            .kind = Kind::kFlag,
            .help = "list the associations under the bank"});
  p.option({.flags = {"-P", "--parsable"},
            .kind = Kind::kFlag,
            .help = "print the tree with '|'-separated fields (only with -t/--tree)"});
  p.option({.flags = {"--fields"},
            .metavar = kFieldsMetavar,
            .help = "list of fields to include in the output"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "Specify output format using Python's string format syntax."});
  p.option({.flags = {"-c", "--concise"},
            .kind = Kind::kFlag,
            .help = "only list associations that have a job usage value > 0"});
  p.option({.flags = {"-A", "--active"},
            .kind = Kind::kFlag,
            .help = "only list active associations under this bank"});
  p.option({.flags = {"--json"},
            .kind = Kind::kFlag,
            .help = "with -t/--tree, print the tree as nested JSON (one line); without it, the "
                    "bank's row as JSON (the default)"});
  p.exclusive({"json", "parsable"});
  p.exclusive({"json", "users"});
}

int run_view_bank(const Args& args, Context& ctx) {
  const std::string bank = *args.get("BANK");
  const bool tree = args.flag("tree");
  auto fields = args.get("fields");
  if (tree && fields) throw Error("--tree option does not support custom formatting");
  if (args.flag("parsable") && !tree)
    throw Error("-P/--parsable can only be passed with -t/--tree");
  std::vector<std::string> columns;
  if (fields) columns = parse_fields(*fields, bank_columns());

  auto db = open_database(ctx.db_path, Access::kRead);
  db.exec("BEGIN");  // one snapshot for every query below; read-only, never committed
  QueryRows rows(store::select_bank(db, bank, columns));
  if (!has_rows(rows)) throw Error(fmt::format("bank {} not found in bank_table", bank));

  std::string format;
  const store::AssociationFilter filter{.with_usage_only = args.flag("concise"),
                                        .active_only = args.flag("active")};
  if (const std::string* f = format_of(args, format)) {
    render_format(rows, *f, ctx.out);
  } else if (tree && args.flag("json")) {
    const auto shares = share_tree::build(store::load_share_tree_rows(db));
    write_bank_tree_json(*store::load_bank_tree(db, bank, filter), shares, ctx.out);
  } else if (tree) {
    write_bank_tree(*store::load_bank_tree(db, bank, filter),
                    args.flag("parsable") ? BankTreeLayout::kParsable : BankTreeLayout::kFixedWidth,
                    ctx.out);
    ctx.out.write("\n");
  } else if (args.flag("users")) {
    render_table(rows, ctx.out);
    ctx.out.write("\n");
    QueryRows users(store::select_bank_users(db, bank, filter));
    if (has_rows(users))
      render_table(users, ctx.out);
    else
      ctx.out.line("no users under " + bank);
  } else {
    render_json(rows, ctx.out);
  }
  return 0;
}

// ---- list-banks

void define_list_banks(Parser& p) {
  p.option({.flags = {"--inactive"},
            .kind = Kind::kFlag,
            .help = "include inactive banks in the output"});
  p.option({.flags = {"--fields"},
            .metavar = kFieldsMetavar,
            .help = "list of fields to include in the output"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "Specify output format using Python's string format syntax."});
}

int run_list_banks(const Args& args, Context& ctx) {
  std::vector<std::string> columns;
  if (auto fields = args.get("fields")) columns = parse_fields(*fields, bank_columns());
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select_banks(db, args.flag("inactive"), columns));
  if (!has_rows(rows)) throw Error("no results found in query");
  std::string format;
  render(rows, format_of(args, format), args.flag("json"), ctx.out);
  return 0;
}

}  // namespace

std::vector<Command> bank_commands() {
  return {
      {"add-bank", "add a new bank", define_add_bank, run_add_bank},
      {"view-bank", "view bank information", define_view_bank, run_view_bank},
      {"delete-bank", "disable (or with --force remove) a bank and everything under it",
       define_delete_bank, run_delete_bank},
      {"edit-bank", "edit a bank's shares, parent, priority or ignore-older-than time",
       define_edit_bank, run_edit_bank},
      {"list-banks", "list all banks in the flux-accounting DB", define_list_banks, run_list_banks},
  };
}

}  // namespace fluxacct::cli
