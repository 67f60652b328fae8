// Placeholder until the transfer commands land: the group is empty.
#include "cli/command.hpp"

namespace fluxacct::cli {

std::vector<Command> transfer_commands() { return {}; }

}  // namespace fluxacct::cli
