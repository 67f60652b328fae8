// Placeholder until the config commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> config_commands() { return {}; }

}  // namespace fluxacct::cli
