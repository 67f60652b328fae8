// Placeholder until the queue commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> queue_commands() { return {}; }

}  // namespace fluxacct::cli
