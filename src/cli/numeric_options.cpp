#include "cli/numeric_options.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "cli/argparse.hpp"
#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::int64_t kMaxUserid = 4294967295LL;

std::string hint(bool reset_hint) { return reset_hint ? " (or -1 to reset it)" : ""; }

}  // namespace

std::string quoted(const std::string& text) {
  const bool use_double =
      text.find('\'') != std::string::npos && text.find('"') == std::string::npos;
  const char q = use_double ? '"' : '\'';
  std::string out(1, q);
  for (char c : text) {
    if (c == '\\' || c == q) out += '\\';
    out += c;
  }
  return out + q;
}

bool is_minus_one(const std::string& text) {
  long long v;
  return parse_int(text, v) && v == -1;
}

bool is_unlimited_word(const std::string& text) {
  static const std::string word = "unlimited";
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  return true;
}

std::int64_t parse_shares(const std::string& option, const std::string& text, bool reset_hint) {
  long long v;
  if (!parse_int(text, v) || v < 0)
    throw Error(fmt::format("{} must be a non-negative integer{}: {}", option, hint(reset_hint),
                            quoted(text)));
  if (v > schema::kIntMax)
    throw Error(fmt::format("{} must be at most {}{}: {}", option, schema::kIntMax,
                            hint(reset_hint), quoted(text)));
  return v;
}

std::int64_t parse_limit(const std::string& option, const std::string& text, bool reset_hint) {
  if (is_unlimited_word(text)) return schema::kIntMax;
  long long v;
  if (!parse_int(text, v) || v < 0)
    throw Error(fmt::format("{} must be a non-negative integer or \"unlimited\"{}: {}", option,
                            hint(reset_hint), quoted(text)));
  if (v > schema::kIntMax)
    throw Error(fmt::format("{} must be at most {} (or \"unlimited\"){}: {}", option,
                            schema::kIntMax, hint(reset_hint), quoted(text)));
  return v;
}

double parse_fairshare(const std::string& option, const std::string& text, bool reset_hint) {
  double v;
  if (!parse_float(text, v) || !std::isfinite(v) || v < 0 || v > 1)
    throw Error(fmt::format("{} must be a number from 0 to 1{}: {}", option, hint(reset_hint),
                            quoted(text)));
  return v + 0.0;  // -0 is 0
}

std::int64_t parse_userid(const std::string& option, const std::string& text) {
  long long v;
  if (!parse_int(text, v) || v < 0 || v > kMaxUserid)
    throw Error(
        fmt::format("{} must be an integer from 0 to {}: {}", option, kMaxUserid, quoted(text)));
  return v;
}

}  // namespace fluxacct::cli
