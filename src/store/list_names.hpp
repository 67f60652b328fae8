// Names that association rows keep in comma-separated lists: queues
// (association_table.queues) and projects (association_table.projects).
// A name that is empty or holds a comma could never be listed or matched
// there, so such names are refused when a queue or project is created.
#pragma once

#include <string>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// Throws Error unless `name` can be an item of a comma-separated list.
// `what` is "queue" or "project", for the message.
void check_list_name(const std::string& what, const std::string& name);

// Whether any association (active or not) names `name` as a whole item of
// its comma-separated `column` ("gold" does not match "golden").
bool association_lists_name(sql::Connection& db, const std::string& column,
                            const std::string& name);

}  // namespace fluxacct::store
