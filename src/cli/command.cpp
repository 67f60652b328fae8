#include "cli/command.hpp"

namespace fluxacct::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> all;
    for (auto group :
         {database_commands, bank_commands, bank_info_commands, user_commands, queue_commands,
          project_commands, factor_commands, config_commands, transfer_commands,
          housekeeping_commands, job_commands, usage_commands, fshare_commands,
          fairshare_emulate_commands, report_commands, simulate_commands})
      for (auto& c : group()) all.push_back(std::move(c));
    return all;
  }();
  return commands;
}

const Command* find_command(const std::string& name) {
  for (const auto& c : all_commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace fluxacct::cli
