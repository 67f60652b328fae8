// Placeholder until the factor commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> factor_commands() { return {}; }

}  // namespace fluxacct::cli
