#include "cli/output.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace fluxacct::cli {

bool Output::is_terminal() const { return isatty(fileno(f_)) == 1; }

int Output::terminal_width(int fallback) const {
  if (const char* cols = std::getenv("COLUMNS")) {
    int n = std::atoi(cols);
    if (n > 0) return n;
  }
  struct winsize ws {};
  if (ioctl(fileno(f_), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return fallback;
}

}  // namespace fluxacct::cli
