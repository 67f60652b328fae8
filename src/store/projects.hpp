// project_table: the projects associations may charge jobs to. "*" (any
// project) is seeded by create-db, is part of every association's project
// list and can never be deleted. Writers run inside the caller's
// transaction and throw Error with the message the user sees.
#pragma once

#include <string>

#include "store/sqlite.hpp"

namespace fluxacct::store {

inline constexpr const char* kAnyProject = "*";

bool project_exists(sql::Connection& db, const std::string& project);

// add-project. Refuses an empty name, a name with a comma and a project
// that exists ("project <p> already exists in project_table"; the table has
// no UNIQUE constraint, so this check is what keeps names unique).
void add_project(sql::Connection& db, const std::string& project);

// delete-project: removes the project ("project <p> not found in
// project_table" when there is none; "*" is refused). Returns true when some
// association still names it, as a whole item of its project list or as its
// default project, so the caller can warn.
bool delete_project(sql::Connection& db, const std::string& project);

}  // namespace fluxacct::store
