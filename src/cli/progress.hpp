// A one-line progress report on stderr for long-running commands (export-db,
// pop-db of big files). It is shown only when stderr is a terminal, so
// scripts and logs see nothing, and it is erased when the work ends or
// fails, so that an error still takes exactly one line.
#pragma once

#include <chrono>
#include <string>

namespace fluxacct::cli {

class Progress {
 public:
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return enabled_; }
  // Shows `text` (the first time at once, then at most ten times a second
  // unless `force`).
  void show(const std::string& text, bool force = false);
  // Erases the line.
  void clear();

 private:
  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace fluxacct::cli
