// A flux-account sub-command: how it declares its options and what it does.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "cli/argparse.hpp"
#include "cli/output.hpp"

namespace fluxacct::cli {

// What every command is handed: the database path, where to write, and the
// time to use as "now" (FLUXACCT_NOW overrides the clock for tests).
struct Context {
  std::string db_path;
  Output& out;
  std::time_t now;
};

struct Command {
  std::string name;     // e.g. "add-user"
  std::string summary;  // one line for `flux-account --help`
  void (*define)(Parser& parser);
  // Returns the exit status; throws Error/UsageError on failure.
  int (*run)(const Args& args, Context& ctx);
};

// Every command, in the order `flux-account --help` lists them.
const std::vector<Command>& all_commands();
const Command* find_command(const std::string& name);

// One group per file under commands/.
std::vector<Command> database_commands();
std::vector<Command> bank_commands();
std::vector<Command> bank_info_commands();  // bank-info
std::vector<Command> user_commands();
std::vector<Command> user_view_commands();  // view-user, list-users; part of user_commands()
std::vector<Command> queue_commands();
std::vector<Command> project_commands();
std::vector<Command> factor_commands();
std::vector<Command> config_commands();
std::vector<Command> transfer_commands();      // export-db, pop-db, export-json
std::vector<Command> housekeeping_commands();  // sync-userids, scrub-old-jobs
std::vector<Command> job_commands();           // fetch-job-records
std::vector<Command> report_commands();        // view-job-records, view-usage-report, show-usage
std::vector<Command> usage_commands();         // update-usage, clear-usage
std::vector<Command> fshare_commands();        // update-fshare
std::vector<Command> fairshare_emulate_commands();  // fairshare-emulate
std::vector<Command> simulate_commands();           // simulate

}  // namespace fluxacct::cli
