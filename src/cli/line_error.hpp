// An error whose message is the whole line printed on stderr, without the
// usual "flux-account <cmd>: error: " prefix: for commands whose upstream
// messages have their own form (fairshare-emulate's
// "fairshare-emulate: ValueError: ..."). main() prints it and exits 1.
#pragma once

#include <string>

#include "core/error.hpp"

namespace fluxacct::cli {

class LineError : public Error {
 public:
  explicit LineError(const std::string& line) : Error(line) {}
};

}  // namespace fluxacct::cli
