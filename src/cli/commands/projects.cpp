// Placeholder until the project commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> project_commands() { return {}; }

}  // namespace fluxacct::cli
