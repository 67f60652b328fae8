// Writes JSON the way Python's json.dumps(value, indent=2) lays it out
// (upstream's --json outputs): one member per line, two spaces per level,
// "key": value, "[]" and "{}" when empty, ASCII only (py::json escapes).
// The caller drives it, so nesting depth costs no stack.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace fluxacct::cli {

class JsonWriter {
 public:
  // kIndented: json.dumps(value, indent=2), as above. kOneLine:
  // json.dumps(value) - everything on one line, ", " between items and ": "
  // after keys - for documents nested so deep that indentation would make
  // their size grow with depth x size (view-bank -t --json).
  enum class Layout { kIndented, kOneLine };

  explicit JsonWriter(Layout layout = Layout::kIndented) : layout_(layout) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next member of the current object.
  void key(std::string_view k);
  // A scalar: null, an integer, a float (Python's repr; non-finite
  // numbers are written as null, since JSON has no infinity) or a string.
  void value(const Value& v);
  void boolean(bool b);

  // The text so far; complete once every container is closed.
  const std::string& text() const { return out_; }
  // Hands over the text written so far and keeps going (streaming).
  std::string take();

 private:
  void before_value();
  void close(char bracket);
  void newline_indent();

  Layout layout_;
  std::string out_;
  struct Level {
    bool empty = true;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace fluxacct::cli
