#include "cli/command.hpp"
namespace fluxacct::cli {
std::vector<Command> user_commands() { return {}; }
}  // namespace fluxacct::cli
