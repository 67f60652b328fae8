#include "cli/command.hpp"
namespace fluxacct::cli {
std::vector<Command> bank_commands() { return {}; }
}  // namespace fluxacct::cli
