// Buffered standard output. Commands write through this so that large
// listings stream with one system call per buffer, not per line.
#pragma once

#include <cstdio>
#include <string_view>

namespace fluxacct::cli {

class Output {
 public:
  explicit Output(std::FILE* f = stdout) : f_(f) {}
  void write(std::string_view s) { std::fwrite(s.data(), 1, s.size(), f_); }
  void line(std::string_view s) {
    write(s);
    write("\n");
  }
  bool is_terminal() const;
  // Columns of the terminal, or `fallback` when not on one.
  int terminal_width(int fallback = 80) const;

 private:
  std::FILE* f_;
};

}  // namespace fluxacct::cli
