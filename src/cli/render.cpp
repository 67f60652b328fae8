#include "cli/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "core/utf8.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

bool is_int_max(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i == schema::kIntMax;
  if (auto* d = std::get_if<double>(&v)) return *d == static_cast<double>(schema::kIntMax);
  return false;
}

std::string table_cell(const std::string& column, const Value& v) {
  if (column == "active") {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i ? "true" : "false";
  }
  if (is_int_max(v)) return "unlimited";
  return py::str(v);
}

std::string ljust(const std::string& s, std::size_t w) {
  std::size_t n = utf8_length(s);
  return n >= w ? s : s + std::string(w - n, ' ');
}

}  // namespace

std::vector<std::string> split_list(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    std::string part = s.substr(start, end - start);
    auto b = part.find_first_not_of(" \t");
    auto e = part.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    start = end + 1;
  }
  return out;
}

void render_table(RowSource& rows, Output& out) {
  const auto& cols = rows.columns();
  std::vector<std::size_t> width(cols.size());
  for (std::size_t i = 0; i < cols.size(); ++i) width[i] = utf8_length(cols[i]);
  std::vector<Value> row;
  while (rows.next(row))
    for (std::size_t i = 0; i < cols.size(); ++i)
      width[i] = std::max(width[i], utf8_length(table_cell(cols[i], row[i])));
  rows.rewind();

  std::string line;
  for (std::size_t i = 0; i < cols.size(); ++i) line += (i ? " | " : "") + ljust(cols[i], width[i]);
  out.line(line);
  line.clear();
  for (std::size_t i = 0; i < cols.size(); ++i)
    line += (i ? "-+-" : "") + std::string(width[i], '-');
  out.line(line);
  while (rows.next(row)) {
    line.clear();
    for (std::size_t i = 0; i < cols.size(); ++i)
      line += (i ? " | " : "") + ljust(table_cell(cols[i], row[i]), width[i]);
    out.line(line);
  }
}

void render_json(RowSource& rows, Output& out) {
  const auto& cols = rows.columns();
  std::vector<std::string> keys;
  for (const auto& c : cols) keys.push_back(py::json_string(c));
  std::vector<Value> row;
  bool first = true;
  std::string buf;
  while (rows.next(row)) {
    buf = first ? "[\n  {" : ",\n  {";
    first = false;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      buf += i ? ",\n    " : "\n    ";
      buf += keys[i];
      buf += ": ";
      buf += is_int_max(row[i]) ? std::string("\"unlimited\"") : py::json(row[i]);
    }
    buf += cols.empty() ? "}" : "\n  }";
    out.write(buf);
  }
  out.write(first ? "[]\n" : "\n]\n");
}

void render_format(RowSource& rows, const std::string& format, Output& out) {
  py::FormatString f(format);
  const auto& cols = rows.columns();
  for (const auto& name : f.fields()) {
    if (std::find(cols.begin(), cols.end(), name) == cols.end()) {
      std::string avail;
      for (const auto& c : cols) avail += (avail.empty() ? "" : ",") + c;
      // Upstream breaks this message over two lines; we keep every error on one.
      throw Error(fmt::format("Invalid column name in format string: {}. Available columns: {}",
                              name, avail));
    }
  }
  out.line(f.header());
  std::map<std::string, Value, std::less<>> named;
  std::vector<Value> row;
  while (rows.next(row)) {
    for (std::size_t i = 0; i < cols.size(); ++i) named[cols[i]] = row[i];
    out.line(f.apply(named));
  }
}

std::vector<std::string> parse_fields(const std::string& fields,
                                      const std::vector<std::string>& allowed) {
  auto list = split_list(fields);
  std::vector<std::string> bad;
  for (const auto& f : list)
    if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) bad.push_back(f);
  if (!bad.empty()) {
    std::string s;
    for (const auto& b : bad) s += (s.empty() ? "" : ", ") + b;
    throw Error("invalid fields: " + s);
  }
  if (list.empty()) throw Error("invalid fields: " + fields);
  return list;
}

void render(RowSource& rows, const std::string* format, bool json, Output& out) {
  if (format)
    render_format(rows, *format, out);
  else if (json)
    render_json(rows, out);
  else
    render_table(rows, out);
}

}  // namespace fluxacct::cli
