// Placeholder until the housekeeping commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> housekeeping_commands() { return {}; }

}  // namespace fluxacct::cli
