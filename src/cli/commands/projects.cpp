// Project commands: add-project, view-project, list-projects, delete-project.
#include "store/projects.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/command.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

const schema::Table& project_table() { return schema::table("project_table"); }

std::string fields_metavar() {
  std::string m;
  for (const auto& c : project_table().column_names()) {
    m += (m.empty() ? "" : ",");
    for (char ch : c) m += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return m;
}

void require_rows(RowSource& rows, const std::string& message) {
  std::vector<Value> row;
  if (!rows.next(row)) throw Error(message);
  rows.rewind();
}

// ---- add-project

void define_add_project(Parser& p) {
  p.positional({.name = "PROJECT", .help = "the project's name"});
}

int run_add_project(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::add_project(db, *args.get("PROJECT"));
  tx.commit();
  return 0;
}

// ---- view-project

void define_view_project(Parser& p) {
  p.positional({.name = "PROJECT", .help = "the project's name"});
  p.option({.flags = {"--parsable"}, .kind = Kind::kFlag, .help = "print the project as a table"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "print the project with a Python format string, e.g. '{project} {usage}'"});
}

int run_view_project(const Args& args, Context& ctx) {
  const std::string project = *args.get("PROJECT");
  const std::string format = args.get_or("format", "");
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(
      db, {&project_table(), {}, {{"project", store::Filter::Op::kIn, {project}}}, "rowid"}));
  require_rows(rows, fmt::format("project {} not found in project_table", project));
  if (!format.empty())
    render_format(rows, format, ctx.out);
  else if (args.flag("parsable"))
    render_table(rows, ctx.out);
  else
    render_json(rows, ctx.out);
  return 0;
}

// ---- list-projects

void define_list_projects(Parser& p) {
  p.option({.flags = {"--fields"},
            .metavar = fields_metavar(),
            .help = "list of fields to include in the output"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "Specify output format using Python's string format syntax."});
}

int run_list_projects(const Args& args, Context& ctx) {
  store::SelectSpec spec{&project_table(), {}, {}, "rowid"};
  if (auto f = args.get("fields")) spec.columns = parse_fields(*f, project_table().column_names());
  const std::string format = args.get_or("format", "");
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(db, spec));
  require_rows(rows, "no results found in query");
  render(rows, format.empty() ? nullptr : &format, args.flag("json"), ctx.out);
  return 0;
}

// ---- delete-project

void define_delete_project(Parser& p) {
  p.positional({.name = "PROJECT", .help = "the project's name"});
}

int run_delete_project(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  const bool referenced = store::delete_project(db, *args.get("PROJECT"));
  tx.commit();
  if (referenced)
    ctx.out.line(
        "WARNING: user(s) in the association_table still reference this project. Make sure to "
        "edit user rows to account for this deleted project.");
  return 0;
}

}  // namespace

std::vector<Command> project_commands() {
  return {
      {"add-project", "add a project that associations may charge jobs to", define_add_project,
       run_add_project},
      {"view-project", "show a project", define_view_project, run_view_project},
      {"list-projects", "list every project", define_list_projects, run_list_projects},
      {"delete-project", "remove a project", define_delete_project, run_delete_project},
  };
}

}  // namespace fluxacct::cli
