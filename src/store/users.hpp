// Writes and checks on associations (user/bank pairs) for add-user,
// edit-user and edit-all-users. Every function runs inside the caller's
// transaction and throws Error, with upstream's message where upstream has
// one, before or instead of writing anything the caller would not commit.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

inline constexpr std::int64_t kUnknownUserid = 4294967295LL;  // FLUX_USERID_UNKNOWN

struct NewAssociation {
  std::string username;
  std::string bank;
  std::int64_t userid = kUnknownUserid;
  std::int64_t shares = 1;
  double fairshare = 0.5;
  std::int64_t max_running_jobs = 5;
  std::int64_t max_active_jobs = 7;
  std::int64_t max_nodes = schema::kIntMax;
  std::int64_t max_cores = schema::kIntMax;
  std::int64_t max_sched_jobs = schema::kIntMax;
  std::string queues;                          // comma list; "" = none
  std::string projects = "*";                  // comma list; "*" = any
  std::optional<std::string> default_project;  // empty or absent: the first project
};

enum class AddOutcome { kAdded, kReactivated };

// add-user, with upstream's order of checks: already active; bank has
// sub-banks; inactive row exists (reactivated, other values ignored); bank
// unknown; queues and projects must exist. A new association gets its
// job_usage_factor_table row and one zero bin per usage period.
AddOutcome add_association(sql::Connection& db, const NewAssociation& a, std::time_t now);

// One column to change. A null value means "reset to the column's default".
struct Assignment {
  std::string column;
  Value value;
};

struct UserEdit {
  std::string username;
  std::optional<std::string> bank;  // only this association; else every row of the user
  std::vector<Assignment> set;
  std::optional<std::string> add_queue;
  std::optional<std::string> delete_queue;
};

// edit-user. Throws when the user (or association) does not exist, when a
// queue or project is unknown. Lists of queues and projects are checked
// here, projects get "*" appended; mod_time becomes `now`. A new userid is
// also written to the user's usage rows so that they stay consistent.
void edit_user(sql::Connection& db, const UserEdit& edit, std::time_t now);

// edit-all-users: one UPDATE over every association. A new bank must exist,
// and every user must have only one association for it to be applied.
void edit_all_users(sql::Connection& db, const std::vector<Assignment>& set, std::time_t now);

bool user_exists(sql::Connection& db, const std::string& username);
bool association_exists(sql::Connection& db, const std::string& username, const std::string& bank);

// The number of usage bins the database's config asks for.
int configured_usage_bins(sql::Connection& db);

}  // namespace fluxacct::store
