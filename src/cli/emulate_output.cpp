#include "cli/emulate_output.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/json_writer.hpp"
#include "core/pyformat.hpp"
#include "core/utf8.hpp"

namespace fluxacct::cli {
namespace {

void ljust_into(std::string& out, const std::string& s, std::size_t width) {
  out += s;
  std::size_t n = utf8_length(s);
  if (n < width) out.append(width - n, ' ');
}

using Row = std::map<std::string, Value, std::less<>>;

Row row_of(const FairshareInput& in, const UserFairshare& r) {
  const EmulatedUser& u = in.user_of(r.user);
  return {{"username", u.username},
          {"bank", u.bank},
          {"shares", u.shares},
          {"usage", u.usage},
          {"fairshare", py_round(r.fairshare, 6)}};
}

}  // namespace

Value py_round(const Value& v, int digits) {
  auto* d = std::get_if<double>(&v);
  if (!d || !std::isfinite(*d)) return v;
  // printf rounds the exact binary value half to even, as round() does.
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", digits, *d);
  return std::strtod(buf, nullptr);
}

std::string emulate_table(const FairshareInput& in, const std::vector<UserFairshare>& ranked) {
  const std::array<std::string, 5> header{"Username", "Bank", "Shares", "Usage", "FairShare"};
  std::vector<std::array<std::string, 5>> rows;
  rows.reserve(ranked.size());
  std::array<std::size_t, 5> width{};
  for (std::size_t i = 0; i < 5; ++i) width[i] = utf8_length(header[i]);
  for (const auto& r : ranked) {
    const EmulatedUser& u = in.user_of(r.user);
    rows.push_back({u.username, u.bank, py::str(u.shares), py::str(py_round(u.usage, 2)),
                    py::str(py_round(r.fairshare, 6))});
    for (std::size_t i = 0; i < 5; ++i) width[i] = std::max(width[i], utf8_length(rows.back()[i]));
  }
  std::string out;
  auto line = [&](const std::array<std::string, 5>& cells) {
    for (std::size_t i = 0; i < 5; ++i) {
      if (i) out += " | ";
      ljust_into(out, cells[i], width[i]);
    }
    out += '\n';
  };
  line(header);
  for (std::size_t i = 0; i < 5; ++i) {
    if (i) out += "-+-";
    out.append(width[i], '-');
  }
  out += '\n';
  for (const auto& r : rows) line(r);
  return out;
}

std::string emulate_json(const FairshareInput& in, const std::vector<UserFairshare>& ranked) {
  JsonWriter json;
  json.begin_array();
  for (const auto& r : ranked) {
    const EmulatedUser& u = in.user_of(r.user);
    json.begin_object();
    json.key("username");
    json.value(u.username);
    json.key("bank");
    json.value(u.bank);
    json.key("shares");
    json.value(u.shares);
    json.key("usage");
    json.value(u.usage);
    json.key("fairshare");
    json.value(py_round(r.fairshare, 6));
    json.end_object();
  }
  json.end_array();
  return json.take() + "\n";
}

std::string emulate_format(const FairshareInput& in, const std::vector<UserFairshare>& ranked,
                           const std::string& format) {
  const py::FormatString fs(format);
  for (const auto& field : fs.fields())
    if (field != "username" && field != "bank" && field != "shares" && field != "usage" &&
        field != "fairshare")
      throw Error(fmt::format("Invalid format string key: '{}'", field));
  std::string out;
  for (const auto& r : ranked) {
    out += fs.apply(row_of(in, r));
    out += '\n';
  }
  return out;
}

}  // namespace fluxacct::cli
