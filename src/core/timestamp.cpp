#include "core/timestamp.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/error.hpp"

namespace fluxacct {
namespace {

// Thrown internally when a form does not match; turned into Error at the top.
struct NoMatch {};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- tokens ---------------------------------------------------------------

enum class Kind { Num, Word, Punct };

struct Token {
  Kind kind;
  std::string text;  // words are lower-cased
  bool spaced;       // whitespace came before it
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  bool spaced = false;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      spaced = true;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    Kind kind = Kind::Punct;
    if (is_digit(s[i])) {
      kind = Kind::Num;
      while (j < s.size() && is_digit(s[j])) ++j;
    } else if (is_alpha(s[i])) {
      kind = Kind::Word;
      while (j < s.size() && is_alpha(s[j])) ++j;
    }
    out.push_back({kind, lower(s.substr(i, j - i)), spaced});
    spaced = false;
    i = j;
  }
  return out;
}

// A cursor over the tokens. `glued` asks that no whitespace precede the token.
class Cursor {
 public:
  explicit Cursor(const std::vector<Token>& toks) : toks_(toks) {}

  bool done() const { return pos_ == toks_.size(); }
  bool spaced() const { return !done() && toks_[pos_].spaced; }

  bool punct(char c, bool glued) {
    if (!next_is(Kind::Punct, glued) || toks_[pos_].text[0] != c) return false;
    ++pos_;
    return true;
  }

  bool word(std::string_view w, bool glued = false) {
    if (!next_is(Kind::Word, glued) || toks_[pos_].text != w) return false;
    ++pos_;
    return true;
  }

  std::optional<std::string> any_word() {
    if (!next_is(Kind::Word, false)) return std::nullopt;
    return toks_[pos_++].text;
  }

  // The next number of between lo and hi digits, as text.
  std::optional<std::string> digits(std::size_t lo, std::size_t hi, bool glued) {
    if (!next_is(Kind::Num, glued)) return std::nullopt;
    const std::string& t = toks_[pos_].text;
    if (t.size() < lo || t.size() > hi) return std::nullopt;
    ++pos_;
    return t;
  }

  std::optional<int> number(std::size_t lo, std::size_t hi, bool glued) {
    auto d = digits(lo, hi, glued);
    if (!d) return std::nullopt;
    return std::atoi(d->c_str());
  }

  int need(std::size_t lo, std::size_t hi, bool glued) {
    auto n = number(lo, hi, glued);
    if (!n) throw NoMatch{};
    return *n;
  }

  void need_punct(char c, bool glued) {
    if (!punct(c, glued)) throw NoMatch{};
  }

 private:
  bool next_is(Kind k, bool glued) const {
    return !done() && toks_[pos_].kind == k && !(glued && toks_[pos_].spaced);
  }

  const std::vector<Token>& toks_;
  std::size_t pos_ = 0;
};

// ---- calendar fields --------------------------------------------------------

struct Fields {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  double fraction = 0;
  std::optional<int> utc_offset;  // seconds east of UTC; none = local time
};

int month_from_name(const std::string& w) {
  static constexpr std::array<std::string_view, 12> names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (w == names[i] || w == names[i].substr(0, 3)) return static_cast<int>(i) + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

// "YYYY-MM-DD"
void iso_date(Cursor& c, Fields& f) {
  f.year = c.need(4, 4, false);
  c.need_punct('-', true);
  f.month = c.need(1, 2, true);
  c.need_punct('-', true);
  f.day = c.need(1, 2, true);
}

// "MM/DD/YYYY"
void us_date(Cursor& c, Fields& f) {
  f.month = c.need(1, 2, false);
  c.need_punct('/', true);
  f.day = c.need(1, 2, true);
  c.need_punct('/', true);
  f.year = c.need(4, 4, true);
}

// "Jan 1, 2025", "January 1 2025" or "1 Jan 2025"
void named_date(Cursor& c, Fields& f) {
  if (auto w = c.any_word()) {
    f.month = month_from_name(*w);
    f.day = c.need(1, 2, false);
    c.punct(',', false);
  } else {
    f.day = c.need(1, 2, false);
    auto m = c.any_word();
    f.month = m ? month_from_name(*m) : 0;
  }
  if (f.month == 0) throw NoMatch{};
  f.year = c.need(4, 4, false);
}

// "8am", "8:30pm", "08:00", "08:00:00", "08:00:00.250"; a bare hour needs am/pm.
void time_of_day(Cursor& c, Fields& f, bool glued) {
  f.hour = c.need(1, 2, glued);
  bool has_minutes = false;
  if (c.punct(':', true)) {
    has_minutes = true;
    f.minute = c.need(2, 2, true);
    if (c.punct(':', true)) {
      f.second = c.need(2, 2, true);
      if (c.punct('.', true)) {
        auto frac = c.digits(1, 9, true);
        if (!frac) throw NoMatch{};
        f.fraction = std::strtod(("0." + *frac).c_str(), nullptr);
      }
    }
  }
  bool am = c.word("am"), pm = !am && c.word("pm");
  if (am || pm) {
    if (f.hour < 1 || f.hour > 12) throw NoMatch{};
    f.hour = f.hour % 12 + (pm ? 12 : 0);
  } else if (!has_minutes) {
    throw NoMatch{};
  }
  if (f.hour > 23 || f.minute > 59 || f.second > 59) throw NoMatch{};
}

// "Z", "+HH:MM", "-HHMM", "+HH"
void zone(Cursor& c, Fields& f) {
  if (c.word("z")) {
    f.utc_offset = 0;
    return;
  }
  int sign = c.punct('+', false) ? 1 : c.punct('-', false) ? -1 : 0;
  if (sign == 0) return;
  int hours = 0, minutes = 0;
  if (auto hhmm = c.digits(4, 4, true)) {
    hours = std::stoi(hhmm->substr(0, 2));
    minutes = std::stoi(hhmm->substr(2));
  } else {
    hours = c.need(2, 2, true);
    if (c.punct(':', true)) minutes = c.need(2, 2, true);
  }
  if (hours > 23 || minutes > 59) throw NoMatch{};
  f.utc_offset = sign * (hours * 3600 + minutes * 60);
}

// One date form, then an optional time (and, for ISO dates, a zone).
using DateForm = void (*)(Cursor&, Fields&);

std::optional<Fields> try_form(const std::vector<Token>& toks, DateForm date, bool iso) {
  try {
    Cursor c(toks);
    Fields f;
    date(c, f);
    if (!c.done()) {
      // ISO separates date and time with a glued "T" or whitespace; the
      // other forms with whitespace only.
      const bool t = iso && c.word("t", true);
      if (!t && !c.spaced()) throw NoMatch{};
      time_of_day(c, f, t);
      if (iso) zone(c, f);
    }
    if (!c.done()) return std::nullopt;
    return f;
  } catch (const NoMatch&) {
    return std::nullopt;
  }
}

bool valid_date(const Fields& f) {
  return f.year >= 1970 && f.month >= 1 && f.month <= 12 && f.day >= 1 &&
         f.day <= days_in_month(f.year, f.month);
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = y / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

double to_epoch(const Fields& f) {
  if (f.utc_offset) {
    long long days = days_from_civil(f.year, f.month, f.day);
    long long secs = days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - *f.utc_offset;
    return static_cast<double>(secs) + f.fraction;
  }
  std::tm tm{};
  tm.tm_year = f.year - 1900;
  tm.tm_mon = f.month - 1;
  tm.tm_mday = f.day;
  tm.tm_hour = f.hour;
  tm.tm_min = f.minute;
  tm.tm_sec = f.second;
  tm.tm_isdst = -1;
  return static_cast<double>(std::mktime(&tm)) + f.fraction;
}

std::optional<double> calendar(std::string_view s) {
  const auto toks = tokenize(s);
  for (auto [form, iso] : {std::pair{DateForm{iso_date}, true}, std::pair{DateForm{us_date}, false},
                           std::pair{DateForm{named_date}, false}}) {
    if (auto f = try_form(toks, form, iso)) {
      if (!valid_date(*f)) return std::nullopt;
      return to_epoch(*f);
    }
  }
  return std::nullopt;
}

// ---- the simple forms -------------------------------------------------------

// "1735689600" or "1735689600.5"
std::optional<double> epoch_seconds(std::string_view s) {
  std::size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (i != s.size() || int_digits == 0) return std::nullopt;
  return std::strtod(std::string(s).c_str(), nullptr);
}

// Local midnight of today plus `days`.
double local_midnight(std::time_t now, int days) {
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_mday += days;
  tm.tm_isdst = -1;
  return static_cast<double>(std::mktime(&tm));
}

// "+2h", "-1d", "now-30m", "now + 90s"
std::optional<double> relative(std::string_view s, std::time_t now) {
  if (s.starts_with("now")) s = trim(s.substr(3));
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const double sign = s[0] == '+' ? 1.0 : -1.0;
  try {
    const double secs = parse_fsd(trim(s.substr(1)));
    if (!std::isfinite(secs)) return std::nullopt;
    return static_cast<double>(now) + sign * secs;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<double> parse(std::string_view s, std::time_t now) {
  const std::string l = lower(s);
  if (l == "now") return static_cast<double>(now);
  if (l == "today") return local_midnight(now, 0);
  if (l == "yesterday") return local_midnight(now, -1);
  if (l == "tomorrow") return local_midnight(now, 1);
  if (auto v = epoch_seconds(l)) return v;
  if (auto v = relative(l, now)) return v;
  return calendar(l);
}

}  // namespace

double parse_timestamp(std::string_view text, std::time_t now) {
  if (auto v = parse(trim(text), now)) return *v;
  throw Error("invalid timestamp: '" + std::string(text) + "'");
}

}  // namespace fluxacct
