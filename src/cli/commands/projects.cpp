// Project commands: add-project, view-project, list-projects, delete-project.
#include "store/projects.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/command.hpp"
#include "cli/listing.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

const schema::Table& project_table() { return schema::table("project_table"); }

constexpr KeyedView kProjectView{"project_table", "project", "PROJECT", "{project} {usage}", true};

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

// ---- list-projects

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
      {"view-project", "show a project", [](Parser& p) { define_keyed_view(p, kProjectView); },
       [](const Args& a, Context& c) { return run_keyed_view(a, c, kProjectView); }},
      {"list-projects", "list every project",
       [](Parser& p) { define_table_listing(p, project_table()); },
       [](const Args& a, Context& c) { return run_table_listing(a, c, project_table()); }},
      {"delete-project", "remove a project", define_delete_project, run_delete_project},
  };
}

}  // namespace fluxacct::cli
