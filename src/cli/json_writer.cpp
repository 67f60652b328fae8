#include "cli/json_writer.hpp"

#include <cmath>

#include "core/pyformat.hpp"

namespace fluxacct::cli {

void JsonWriter::newline_indent() {
  if (layout_ == Layout::kOneLine) return;
  out_ += '\n';
  out_.append(2 * levels_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (!levels_.back().empty) out_ += layout_ == Layout::kOneLine ? ", " : ",";
  levels_.back().empty = false;
  newline_indent();
}

void JsonWriter::key(std::string_view k) {
  before_value();
  out_ += py::json_string(k);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back({});
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back({});
}

void JsonWriter::close(char bracket) {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline_indent();
  out_ += bracket;
}

void JsonWriter::end_object() { close('}'); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::value(const Value& v) {
  before_value();
  if (auto* d = std::get_if<double>(&v); d && !std::isfinite(*d))
    out_ += "null";
  else
    out_ += py::json(v);
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

std::string JsonWriter::take() {
  std::string s;
  s.swap(out_);
  return s;
}

}  // namespace fluxacct::cli
