// Changing associations: add-user, delete-user, edit-user, edit-all-users.
// (view-user and list-users are in users_view.cpp.)
#include "store/users.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "cli/command.hpp"
#include "cli/numeric_options.hpp"
#include "cli/passwd.hpp"
#include "core/error.hpp"
#include "store/associations.hpp"
#include "store/database.hpp"

namespace fluxacct::cli {
namespace {

// Options an association's columns are edited with, in upstream's order.
enum class FieldKind { kUserid, kBankName, kShares, kFairshare, kLimit, kText, kProjectName };
struct Field {
  const char* dest;  // also the column name
  const char* flag;  // the long option, for messages
  FieldKind kind;
};

// Columns both edit-user and edit-all-users change; edit-user adds the
// userid and edit-all-users the bank in front of them.
constexpr Field kSharedFields[] = {
    {"default_bank", "--default-bank", FieldKind::kBankName},
    {"shares", "--shares", FieldKind::kShares},
    {"fairshare", "--fairshare", FieldKind::kFairshare},
    {"max_running_jobs", "--max-running-jobs", FieldKind::kLimit},
    {"max_active_jobs", "--max-active-jobs", FieldKind::kLimit},
    {"max_nodes", "--max-nodes", FieldKind::kLimit},
    {"max_cores", "--max-cores", FieldKind::kLimit},
    {"queues", "--queues", FieldKind::kText},
    {"projects", "--projects", FieldKind::kText},
    {"default_project", "--default-project", FieldKind::kProjectName},
    {"max_sched_jobs", "--max-sched-jobs", FieldKind::kLimit},
};
constexpr Field kUseridField = {"userid", "--userid", FieldKind::kUserid};
constexpr Field kBankField = {"bank", "--bank", FieldKind::kBankName};

// The fields an edit command takes, in upstream's order: `first`, then the shared ones.
std::vector<Field> edit_fields(const Field& first) {
  std::vector<Field> fields{first};
  fields.insert(fields.end(), std::begin(kSharedFields), std::end(kSharedFields));
  return fields;
}

// A default project is one name; with a comma it would read as two once
// appended to the comma-separated project list.
void check_single_project(const std::string& name) {
  if (name.find(',') != std::string::npos)
    throw Error(fmt::format("--default-project takes one project name: {}", quoted(name)));
}

// The value to store for one edit option. -1 resets a column to its
// default (a null Value); so does "unlimited" for the list columns, as
// upstream has it. For limits "unlimited" means 2147483647.
store::Assignment to_assignment(const Field& f, const std::string& text) {
  const bool reset = is_minus_one(text);
  switch (f.kind) {
    case FieldKind::kUserid:
      if (reset) throw Error("userid cannot be reset with -1; please specify a value");
      return {f.dest, parse_userid(f.flag, text)};
    case FieldKind::kBankName:
      if (reset || is_unlimited_word(text))
        throw Error(fmt::format("{} cannot be reset with -1; please specify a value",
                                std::string(f.dest) == "bank" ? "bank" : "default bank"));
      return {f.dest, text};
    case FieldKind::kShares:
      if (reset) return {f.dest, Value{}};
      return {f.dest, parse_shares(f.flag, text, true)};
    case FieldKind::kFairshare:
      if (reset) return {f.dest, Value{}};
      return {f.dest, parse_fairshare(f.flag, text, true)};
    case FieldKind::kLimit:
      if (reset) return {f.dest, Value{}};
      return {f.dest, parse_limit(f.flag, text, true)};
    case FieldKind::kText:
    case FieldKind::kProjectName:
      if (text == "-1" || is_unlimited_word(text)) return {f.dest, Value{}};
      if (f.kind == FieldKind::kProjectName) check_single_project(text);
      return {f.dest, text};
  }
  return {f.dest, text};
}

void define_limits(Parser& p, bool short_flags) {
  p.option({.flags = {"--max-running-jobs"},
            .metavar = "MAX_RUNNING_JOBS",
            .help = "how many jobs may run at once"});
  p.option({.flags = {"--max-active-jobs"},
            .metavar = "MAX_ACTIVE_JOBS",
            .help = "how many jobs may be pending or running at once"});
  p.option({.flags = short_flags ? std::vector<std::string>{"-N", "--max-nodes"}
                                 : std::vector<std::string>{"--max-nodes"},
            .metavar = "MAX_NODES",
            .help = "how many nodes running jobs may use in total"});
  p.option({.flags = short_flags ? std::vector<std::string>{"-c", "--max-cores"}
                                 : std::vector<std::string>{"--max-cores"},
            .metavar = "MAX_CORES",
            .help = "how many cores running jobs may use in total"});
}

constexpr const char* kLimitHelp = "Limits are non-negative integers or \"unlimited\".";

// ---- add-user -------------------------------------------------------------

void define_add_user(Parser& p) {
  p.option({.flags = {"-u", "--username"},
            .required = true,
            .metavar = "USERNAME",
            .help = "the user's name"});
  p.option({.flags = {"-i", "--userid"},
            .metavar = "USERID",
            .help = "the user's id (default: looked up in the password database)"});
  p.option({.flags = {"-B", "--bank"},
            .required = true,
            .metavar = "BANK",
            .help = "the bank the user's jobs are charged to"});
  p.option({.flags = {"--shares"},
            .metavar = "SHARES",
            .help = "the user's shares of the bank (default 1)"});
  p.option({.flags = {"--fairshare"},
            .type = Type::kFloat,
            .metavar = "FAIRSHARE",
            .help = "the initial fair-share value, 0 to 1 (default 0.5)"});
  define_limits(p, true);
  p.option({.flags = {"-q", "--queues"},
            .metavar = "QUEUES",
            .help = "comma-separated queues the user may submit to"});
  p.option({.flags = {"-P", "--projects"},
            .metavar = "PROJECTS",
            .help = "comma-separated projects the user may submit under"});
  p.option({.flags = {"--default-project"},
            .metavar = "DEFAULT_PROJECT",
            .help = "the project used when a job names none (default: the first project)"});
  p.option({.flags = {"--max-sched-jobs"},
            .metavar = "NJOBS",
            .help = "how many jobs may be in the SCHED state at once"});
  p.epilog(kLimitHelp);
}

int run_add_user(const Args& args, Context& ctx) {
  store::NewAssociation a;
  a.username = *args.get("username");
  a.bank = *args.get("bank");
  if (a.username.empty()) throw Error("--username must not be empty");
  if (auto v = args.get("userid"))
    a.userid = parse_userid("--userid", *v);
  else
    a.userid = passwd_uid(a.username).value_or(store::kUnknownUserid);
  if (auto v = args.get("shares")) a.shares = parse_shares("--shares", *v);
  if (auto v = args.get("fairshare")) a.fairshare = parse_fairshare("--fairshare", *v);
  if (auto v = args.get("max_running_jobs"))
    a.max_running_jobs = parse_limit("--max-running-jobs", *v);
  if (auto v = args.get("max_active_jobs"))
    a.max_active_jobs = parse_limit("--max-active-jobs", *v);
  if (auto v = args.get("max_nodes")) a.max_nodes = parse_limit("--max-nodes", *v);
  if (auto v = args.get("max_cores")) a.max_cores = parse_limit("--max-cores", *v);
  if (auto v = args.get("max_sched_jobs")) a.max_sched_jobs = parse_limit("--max-sched-jobs", *v);
  if (auto v = args.get("queues")) a.queues = *v;
  if (auto v = args.get("projects")) a.projects = *v;
  a.default_project = args.get("default_project");
  if (a.default_project) check_single_project(*a.default_project);

  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::add_association(db, a, ctx.now);
  tx.commit();
  return 0;
}

// ---- delete-user ----------------------------------------------------------

void define_delete_user(Parser& p) {
  p.positional({.name = "USERNAME", .help = "the user's name"});
  p.positional({.name = "BANK", .help = "the bank of the association"});
  p.option({.flags = {"--force"},
            .kind = Kind::kFlag,
            .help = "remove the association's row instead of disabling it (its usage then no "
                    "longer counts towards its bank; use with care)"});
}

int run_delete_user(const Args& args, Context& ctx) {
  const std::string user = *args.get("USERNAME");
  const std::string bank = *args.get("BANK");
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  if (!store::remove_association(db, user, bank, args.flag("force"), ctx.now))
    throw Error(fmt::format("association {},{} not found in association_table", user, bank));
  tx.commit();
  return 0;
}

// ---- edit-user ------------------------------------------------------------

// The options edit-user and edit-all-users end with, and their epilog.
void define_edit_tail(Parser& p) {
  p.option({.flags = {"--default-project"},
            .metavar = "DEFAULT_PROJECT",
            .help = "the project used when a job names none"});
  p.option({.flags = {"--max-sched-jobs"},
            .metavar = "NJOBS",
            .help = "how many jobs may be in the SCHED state at once"});
  p.epilog(std::string("A value of -1 resets a field to its default. ") + kLimitHelp);
}

void define_edit_user(Parser& p) {
  p.positional({.name = "USERNAME", .help = "the user's name"});
  p.option({.flags = {"-B", "--bank"},
            .metavar = "BANK",
            .help = "change only the association in this bank (default: all of the user's)"});
  p.option({.flags = {"-i", "--userid"}, .metavar = "USERID", .help = "the user's id"});
  p.option({.flags = {"--default-bank"},
            .metavar = "DEFAULT_BANK",
            .help = "the bank used when a job names none"});
  p.option({.flags = {"--shares"}, .metavar = "SHARES", .help = "the user's shares of the bank"});
  p.option({.flags = {"--fairshare"}, .metavar = "FAIRSHARE", .help = "fair-share value, 0 to 1"});
  define_limits(p, true);
  p.option({.flags = {"-q", "--queues"},
            .metavar = "QUEUES",
            .help = "replace the user's queues with this comma-separated list"});
  p.option({.flags = {"--add-queue"}, .metavar = "QUEUE", .help = "add one queue to the list"});
  p.option(
      {.flags = {"--delete-queue"}, .metavar = "QUEUE", .help = "remove one queue from the list"});
  p.option({.flags = {"-P", "--projects"},
            .metavar = "PROJECTS",
            .help = "replace the user's projects with this comma-separated list"});
  define_edit_tail(p);
}

int run_edit_user(const Args& args, Context& ctx) {
  store::UserEdit edit;
  edit.username = *args.get("USERNAME");
  edit.bank = args.get("bank");
  auto single_queue = [&](const char* dest, const char* flag) -> std::optional<std::string> {
    auto v = args.get(dest);
    if (!v || v->empty()) return std::nullopt;  // upstream ignores an empty queue name
    if (v->find(',') != std::string::npos)
      throw Error(fmt::format("{} takes one queue name: {}", flag, quoted(*v)));
    return v;
  };
  const auto fields = edit_fields(kUseridField);
  bool any_field = false;
  for (const auto& f : fields) any_field = any_field || args.has(f.dest);
  const auto add_raw = args.get("add_queue"), delete_raw = args.get("delete_queue");
  if (!any_field && (!add_raw || add_raw->empty()) && (!delete_raw || delete_raw->empty()))
    throw Error("no fields provided for update");
  if (args.has("queues") &&
      ((add_raw && !add_raw->empty()) || (delete_raw && !delete_raw->empty())))
    throw Error(
        "cannot specify --queues with --add-queue or --delete-queue; use either full "
        "replacement (--queues) or incremental operations (--add-queue/--delete-queue)");
  edit.add_queue = single_queue("add_queue", "--add-queue");
  edit.delete_queue = single_queue("delete_queue", "--delete-queue");
  if (edit.add_queue && edit.delete_queue && *edit.add_queue == *edit.delete_queue)
    throw Error("cannot pass queue to both --add-queue and --delete-queue");
  for (const auto& f : fields)
    if (auto v = args.get(f.dest)) edit.set.push_back(to_assignment(f, *v));

  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_user(db, edit, ctx.now);
  tx.commit();
  return 0;
}

// ---- edit-all-users -------------------------------------------------------

void define_edit_all_users(Parser& p) {
  p.option({.flags = {"--bank"},
            .metavar = "BANK",
            .help = "move every association to this bank (each user must have only one)"});
  p.option({.flags = {"--default-bank"},
            .metavar = "DEFAULT_BANK",
            .help = "the bank used when a job names none"});
  p.option({.flags = {"--shares"}, .metavar = "SHARES", .help = "shares of the bank"});
  p.option({.flags = {"--fairshare"}, .metavar = "FAIRSHARE", .help = "fair-share value, 0 to 1"});
  define_limits(p, false);
  p.option({.flags = {"--queues"},
            .metavar = "QUEUES",
            .help = "comma-separated queues the users may submit to"});
  p.option({.flags = {"--projects"},
            .metavar = "PROJECTS",
            .help = "comma-separated projects the users may submit under"});
  define_edit_tail(p);
}

int run_edit_all_users(const Args& args, Context& ctx) {
  std::vector<store::Assignment> set;
  for (const auto& f : edit_fields(kBankField))
    if (auto v = args.get(f.dest)) set.push_back(to_assignment(f, *v));
  if (set.empty()) throw Error("no fields provided for update");
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_all_users(db, set, ctx.now);
  tx.commit();
  return 0;
}

}  // namespace

std::vector<Command> user_commands() {
  std::vector<Command> commands = user_view_commands();
  commands.push_back(
      {"add-user", "add an association (a user in a bank)", define_add_user, run_add_user});
  commands.push_back({"delete-user", "disable (or with --force remove) an association",
                      define_delete_user, run_delete_user});
  commands.push_back(
      {"edit-user", "change a user's associations", define_edit_user, run_edit_user});
  commands.push_back({"edit-all-users", "change every association at once", define_edit_all_users,
                      run_edit_all_users});
  return commands;
}

}  // namespace fluxacct::cli
