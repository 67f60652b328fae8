#include "store/projects.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/list_names.hpp"

namespace fluxacct::store {

bool project_exists(sql::Connection& db, const std::string& project) {
  auto st = db.prepare("SELECT 1 FROM project_table WHERE project = ?");
  st.bind(1, project);
  return st.step();
}

void add_project(sql::Connection& db, const std::string& project) {
  check_list_name("project", project);
  if (project_exists(db, project))
    throw Error(fmt::format("project {} already exists in project_table", project));
  auto insert = db.prepare("INSERT INTO project_table (project) VALUES (?)");
  insert.bind(1, project).run();
}

bool delete_project(sql::Connection& db, const std::string& project) {
  if (project == kAnyProject)
    throw Error(
        "project * cannot be deleted: it stands for any project and is part of every "
        "association's project list");
  auto del = db.prepare("DELETE FROM project_table WHERE project = ?");
  del.bind(1, project).run();
  if (db.changes() == 0) throw Error(fmt::format("project {} not found in project_table", project));
  if (association_lists_name(db, "projects", project)) return true;
  auto by_default = db.prepare("SELECT 1 FROM association_table WHERE default_project = ? LIMIT 1");
  by_default.bind(1, project);
  return by_default.step();
}

}  // namespace fluxacct::store
