// Errors that reach the user as one line on stderr.
#pragma once

#include <stdexcept>
#include <string>

namespace fluxacct {

// A failure the user can act on: bad input, unknown name, refused change.
// The message is printed as is, so it must read as a complete sentence
// fragment in upstream's style ("user x not found in association_table").
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Raised by option parsing: printed argparse-style and exits with status 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message) {}
};

}  // namespace fluxacct
