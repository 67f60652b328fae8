// Showing associations: view-user and list-users.
#include <fmt/format.h>

#include <memory>

#include "cli/command.hpp"
#include "cli/listing.hpp"
#include "cli/numeric_options.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

namespace fluxacct::cli {
namespace {

const schema::Table& associations() { return schema::table("association_table"); }

std::string fields_help(const schema::Table& t) {
  std::string m = "the columns to show, comma-separated, from: ";
  bool first = true;
  for (const auto& c : t.columns) {
    if (!first) m += ", ";
    first = false;
    m += c.name;
  }
  return m;
}

// ---- view-user ------------------------------------------------------------

void define_view_user(Parser& p) {
  p.positional({.name = "USERNAME", .help = "the user's name"});
  p.option({.flags = {"--parsable"},
            .kind = Kind::kFlag,
            .help = "print the user's associations as a table"});
  p.option({.flags = {"--list-banks"},
            .kind = Kind::kFlag,
            .help = "print the banks the user belongs to, one per line"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "print each row with a Python format string, e.g. '{bank:<10} {shares}'"});
  p.option({.flags = {"--fields"}, .metavar = "FIELDS", .help = fields_help(associations())});
  p.option({.flags = {"-J", "--job-usage"},
            .kind = Kind::kFlag,
            .help = "show the user's past usage, one row per usage period"});
  p.exclusive({"fields", "job_usage"});
}

int run_view_user(const Args& args, Context& ctx) {
  const std::string user = *args.get("USERNAME");
  const std::string format = args.get_or("format", "");
  std::vector<std::string> columns;
  if (auto f = args.get("fields")) columns = parse_fields(*f, associations().column_names());

  auto db = open_database(ctx.db_path, Access::kRead);
  const std::string not_found = fmt::format("user {} not found in association_table", user);
  const store::Filter by_user{"username", store::Filter::Op::kIn, {user}};
  // Rows come in bank order, as upstream's lookup through the primary key gives them.
  std::unique_ptr<QueryRows> rows;
  if (args.flag("job_usage")) {
    if (!store::user_exists(db, user)) throw Error(not_found);
    rows = std::make_unique<QueryRows>(store::select(
        db, {&schema::table("job_usage_per_association_table"), {}, {by_user}, "bank, period"}));
    require_rows(*rows, "no results found in query");
  } else {
    rows = std::make_unique<QueryRows>(
        store::select(db, {&associations(), columns, {by_user}, "bank"}));
    require_rows(*rows, not_found);
  }

  if (!format.empty()) {
    render_format(*rows, format, ctx.out);
  } else if (args.flag("list_banks")) {
    QueryRows banks(store::select(db, {&associations(), {"bank"}, {by_user}, "bank"}));
    std::vector<Value> row;
    while (banks.next(row)) ctx.out.line(py::str(row[0]));
  } else if (args.flag("parsable")) {
    render_table(*rows, ctx.out);
  } else {
    render_json(*rows, ctx.out);
  }
  return 0;
}

// ---- list-users -----------------------------------------------------------

enum class FilterKind { kActive, kName, kShares, kLimit, kList };
struct ListFilter {
  const char* dest;
  const char* flag;
  FilterKind kind;
};

constexpr ListFilter kListFilters[] = {
    {"active", "--active", FilterKind::kActive},
    {"bank", "--bank", FilterKind::kName},
    {"shares", "--shares", FilterKind::kShares},
    {"max_running_jobs", "--max-running-jobs", FilterKind::kLimit},
    {"max_active_jobs", "--max-active-jobs", FilterKind::kLimit},
    {"max_nodes", "--max-nodes", FilterKind::kLimit},
    {"max_cores", "--max-cores", FilterKind::kLimit},
    {"queues", "--queues", FilterKind::kList},
    {"projects", "--projects", FilterKind::kList},
    {"default_project", "--default-project", FilterKind::kList},
    {"max_sched_jobs", "--max-sched-jobs", FilterKind::kLimit},
};

void define_list_users(Parser& p) {
  p.option({.flags = {"-f", "--fields"}, .metavar = "FIELDS", .help = fields_help(associations())});
  p.option({.flags = {"-j", "--json"}, .kind = Kind::kFlag, .help = "print JSON"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "print each row with a Python format string, e.g. '{username:<10} {bank}'"});
  p.option({.flags = {"--active"},
            .metavar = "ACTIVE_STATUS",
            .help = "only associations with this status (1 active, 0 disabled)"});
  p.option({.flags = {"-B", "--bank"}, .metavar = "BANK", .help = "only associations in BANK"});
  p.option({.flags = {"--shares"}, .metavar = "SHARES", .help = "only these shares"});
  p.option(
      {.flags = {"--max-running-jobs"}, .metavar = "MAX_RUNNING_JOBS", .help = "only this limit"});
  p.option(
      {.flags = {"--max-active-jobs"}, .metavar = "MAX_ACTIVE_JOBS", .help = "only this limit"});
  p.option({.flags = {"-N", "--max-nodes"}, .metavar = "MAX_NODES", .help = "only this limit"});
  p.option({.flags = {"-c", "--max-cores"}, .metavar = "MAX_CORES", .help = "only this limit"});
  p.option({.flags = {"-q", "--queues"},
            .metavar = "QUEUES",
            .help = "only associations allowed one of these queues"});
  p.option({.flags = {"-P", "--projects"},
            .metavar = "PROJECTS",
            .help = "only associations allowed one of these projects"});
  p.option({.flags = {"--default-project"},
            .metavar = "DEFAULT_PROJECT",
            .help = "only associations with one of these default projects"});
  p.option({.flags = {"--max-sched-jobs"}, .metavar = "MAX_SCHED_JOBS", .help = "only this limit"});
  p.epilog(
      "Every filter takes a comma-separated list of values (any of them matches); filters "
      "combine with AND. Queues and projects match whole names.");
}

Value filter_value(const ListFilter& f, const std::string& text) {
  switch (f.kind) {
    case FilterKind::kActive: {
      if (text == "0" || text == "1") return std::int64_t{text == "1"};
      throw Error(fmt::format("{} must be 0 or 1: {}", f.flag, quoted(text)));
    }
    case FilterKind::kShares:
      return parse_shares(f.flag, text);
    case FilterKind::kLimit:
      return parse_limit(f.flag, text);
    case FilterKind::kName:
    case FilterKind::kList:
      break;
  }
  return text;
}

int run_list_users(const Args& args, Context& ctx) {
  store::SelectSpec spec{&associations(), {}, {}, "rowid"};
  if (auto f = args.get("fields")) spec.columns = parse_fields(*f, associations().column_names());
  for (const auto& f : kListFilters) {
    auto v = args.get(f.dest);
    if (!v) continue;
    store::Filter filter{
        f.dest,
        f.kind == FilterKind::kList ? store::Filter::Op::kListContains : store::Filter::Op::kIn,
        {}};
    for (const auto& item : split_list(*v)) filter.values.push_back(filter_value(f, item));
    if (filter.values.empty()) throw Error(fmt::format("{} needs a value", f.flag));
    spec.filters.push_back(std::move(filter));
  }
  const std::string format = args.get_or("format", "");

  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(db, spec));
  require_rows(rows, "no results found in query");
  render(rows, format.empty() ? nullptr : &format, args.flag("json"), ctx.out);
  return 0;
}

}  // namespace

std::vector<Command> user_view_commands() {
  return {
      {"view-user", "show a user's associations", define_view_user, run_view_user},
      {"list-users", "list associations, optionally filtered", define_list_users, run_list_users},
  };
}

}  // namespace fluxacct::cli
