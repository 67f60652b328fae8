#include "core/pyformat.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace fluxacct::py {
namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^', '='
  char sign = '-';
  bool alternate = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;
};

Spec parse_spec(std::string_view s) {
  Spec sp;
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) {
    sp.fill = s[0];
    sp.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') {
    sp.alternate = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    ++i;
  }
  std::size_t start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i > start) sp.width = std::atoi(std::string(s.substr(start, i - start)).c_str());
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) throw Error("Format specifier missing precision");
    sp.precision = std::atoi(std::string(s.substr(start, i - start)).c_str());
  }
  if (i < s.size()) sp.type = s[i++];
  if (i != s.size()) throw Error("Invalid format specifier");
  return sp;
}

std::string pad(std::string body, const Spec& sp, char default_align) {
  if (sp.width < 0) return body;
  std::size_t len = utf8_length(body);
  if (len >= static_cast<std::size_t>(sp.width)) return body;
  std::size_t n = static_cast<std::size_t>(sp.width) - len;
  char align = sp.align ? sp.align : default_align;
  char fill = sp.fill;
  if (!sp.align && sp.zero) {
    align = '=';
    fill = '0';
  }
  switch (align) {
    case '<':
      return body + std::string(n, fill);
    case '^':
      return std::string(n / 2, fill) + body + std::string(n - n / 2, fill);
    case '=': {
      std::size_t signlen = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' '));
      return body.substr(0, signlen) + std::string(n, fill) + body.substr(signlen);
    }
    default:
      return std::string(n, fill) + body;
  }
}

std::string group_digits(std::string digits, char sep) {
  // digits: optional sign, integer part, optional fraction/exponent.
  std::size_t start = (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) ? 1 : 0;
  std::size_t end = digits.find_first_not_of("0123456789", start);
  if (end == std::string::npos) end = digits.size();
  std::string intpart = digits.substr(start, end - start), out;
  int count = 0;
  for (auto it = intpart.rbegin(); it != intpart.rend(); ++it) {
    if (count && count % 3 == 0) out.insert(out.begin(), sep);
    out.insert(out.begin(), *it);
    ++count;
  }
  return digits.substr(0, start) + out + digits.substr(end);
}

std::string with_sign(std::string s, bool negative, char sign) {
  if (negative) return "-" + s;
  if (sign == '+') return "+" + s;
  if (sign == ' ') return " " + s;
  return s;
}

std::string type_name(const Value& v) {
  if (std::holds_alternative<std::int64_t>(v)) return "int";
  if (std::holds_alternative<double>(v)) return "float";
  if (std::holds_alternative<std::string>(v)) return "str";
  return "NoneType";
}

std::string format_float(double d, const Spec& sp, char type) {
  if (std::isnan(d) || std::isinf(d)) {
    std::string s = std::isnan(d) ? "nan" : "inf";
    if (type == 'F' || type == 'E' || type == 'G') s = std::isnan(d) ? "NAN" : "INF";
    return with_sign(s, std::signbit(d) && !std::isnan(d), sp.sign);
  }
  bool neg = std::signbit(d);
  double a = std::fabs(d);
  std::string body;
  int prec = sp.precision;
  switch (type) {
    case 'f':
    case 'F':
      body = fmt::format("{:.{}f}", a, prec < 0 ? 6 : prec);
      break;
    case 'e':
    case 'E':
      body = fmt::format("{:.{}e}", a, prec < 0 ? 6 : prec);
      if (type == 'E') body = fmt::format("{:.{}E}", a, prec < 0 ? 6 : prec);
      break;
    case '%':
      body = fmt::format("{:.{}f}%", a * 100, prec < 0 ? 6 : prec);
      break;
    case 'g':
    case 'G':
    case 'n': {
      char buf[64];
      std::snprintf(buf, sizeof buf, sp.alternate ? "%#.*g" : "%.*g",
                    prec < 0 ? 6 : (prec == 0 ? 1 : prec), a);
      body = buf;
      if (type == 'G')
        for (auto& c : body) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    }
    default:  // no type
      if (prec < 0) {
        body = float_repr(a);
      } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*g", prec == 0 ? 1 : prec, a);
        body = buf;
        if (body.find_first_of(".e") == std::string::npos) body += ".0";
      }
  }
  if (sp.grouping) body = group_digits(body, sp.grouping);
  return with_sign(body, neg && (d != 0 || neg), sp.sign);
}

}  // namespace

std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci = [-]d[.ddd]e[+-]XX
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exp < 0 ? '-' : '+', std::abs(exp));
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else {
    auto intlen = static_cast<std::size_t>(exp) + 1;
    if (digits.size() <= intlen) {
      out = digits + std::string(intlen - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, intlen) + "." + digits.substr(intlen);
    }
  }
  return neg ? "-" + out : out;
}

std::string str(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return float_repr(*d);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "None";
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
    }
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    // Decode UTF-8 and escape as \uXXXX (surrogate pairs above the BMP).
    std::uint32_t cp = 0;
    int extra = 0;
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      out += "\\ufffd";
      continue;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) {
      out += "\\ufffd";
      break;
    }
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(extra);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += fmt::format("\\u{:04x}\\u{:04x}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
    } else {
      out += fmt::format("\\u{:04x}", cp);
    }
  }
  return out + "\"";
}

std::string json(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) {
    if (std::isnan(*d)) return "NaN";
    if (std::isinf(*d)) return *d < 0 ? "-Infinity" : "Infinity";
    return float_repr(*d);
  }
  if (auto* s = std::get_if<std::string>(&v)) return json_string(*s);
  return "null";
}

std::string format_value(const Value& v, std::string_view spec_text) {
  if (spec_text.empty()) return str(v);
  Spec sp = parse_spec(spec_text);
  auto unknown = [&](char t) {
    return Error(fmt::format("Unknown format code '{}' for object of type '{}'", t, type_name(v)));
  };
  if (auto* s = std::get_if<std::string>(&v)) {
    if (sp.type && sp.type != 's') throw unknown(sp.type);
    std::string body = *s;
    if (sp.precision >= 0 && utf8_length(body) > static_cast<std::size_t>(sp.precision)) {
      std::size_t n = 0, i = 0;
      while (i < body.size() && n < static_cast<std::size_t>(sp.precision)) {
        ++i;
        while (i < body.size() && (static_cast<unsigned char>(body[i]) & 0xC0) == 0x80) ++i;
        ++n;
      }
      body.resize(i);
    }
    return pad(body, sp, '<');
  }
  if (auto* i = std::get_if<std::int64_t>(&v)) {
    switch (sp.type) {
      case 0:
      case 'd':
      case 'n': {
        if (sp.precision >= 0) throw Error("Precision not allowed in integer format specifier");
        std::string body = std::to_string(*i < 0 ? -static_cast<unsigned long long>(*i)
                                                 : static_cast<unsigned long long>(*i));
        if (sp.grouping) body = group_digits(body, sp.grouping);
        return pad(with_sign(body, *i < 0, sp.sign), sp, '>');
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        unsigned long long a = *i < 0 ? -static_cast<unsigned long long>(*i) : *i;
        std::string body = sp.type == 'x'   ? fmt::format("{:x}", a)
                           : sp.type == 'X' ? fmt::format("{:X}", a)
                           : sp.type == 'o' ? fmt::format("{:o}", a)
                                            : fmt::format("{:b}", a);
        if (sp.alternate) body = std::string("0") + sp.type + body;
        return pad(with_sign(body, *i < 0, sp.sign), sp, '>');
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case '%':
        return pad(format_float(static_cast<double>(*i), sp, sp.type), sp, '>');
      default:
        throw unknown(sp.type);
    }
  }
  if (auto* d = std::get_if<double>(&v)) {
    switch (sp.type) {
      case 0:
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'n':
      case '%':
        return pad(format_float(*d, sp, sp.type), sp, '>');
      default:
        throw unknown(sp.type);
    }
  }
  // None: Python refuses any non-empty spec; show it as text instead, so a
  // NULL cell in an old database does not abort a whole listing.
  Spec text = sp;
  text.type = 0;
  text.precision = -1;
  return pad("None", text, '<');
}

FormatString::FormatString(std::string_view text) {
  Piece cur;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '{') {
      if (i + 1 < text.size() && text[i + 1] == '{') {
        cur.literal += '{';
        i += 2;
        continue;
      }
      auto close = text.find('}', i);
      if (close == std::string_view::npos) throw Error("Single '{' encountered in format string");
      std::string inner(text.substr(i + 1, close - i - 1));
      auto colon = inner.find(':');
      std::string head = inner.substr(0, colon);
      if (colon != std::string::npos) cur.spec = inner.substr(colon + 1);
      auto bang = head.find('!');
      if (bang != std::string::npos) {
        cur.conversion = head.substr(bang + 1);
        head = head.substr(0, bang);
        if (cur.conversion != "s" && cur.conversion != "r" && cur.conversion != "a")
          throw Error("Unknown conversion specifier " + cur.conversion);
      }
      cur.field = head;
      cur.has_field = true;
      pieces_.push_back(cur);
      cur = Piece{};
      i = close + 1;
      continue;
    }
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        cur.literal += '}';
        i += 2;
        continue;
      }
      throw Error("Single '}' encountered in format string");
    }
    cur.literal += c;
    ++i;
  }
  pieces_.push_back(cur);
}

std::vector<std::string> FormatString::fields() const {
  std::vector<std::string> f;
  for (const auto& p : pieces_)
    if (p.has_field) f.push_back(p.field);
  return f;
}

std::string FormatString::apply(const std::map<std::string, Value, std::less<>>& row) const {
  std::string out;
  for (const auto& p : pieces_) {
    out += p.literal;
    if (!p.has_field) continue;
    auto it = row.find(p.field);
    Value v = it == row.end() ? Value{} : it->second;
    if (p.conversion == "s") v = str(v);
    if (p.conversion == "r" || p.conversion == "a") {
      if (auto* s = std::get_if<std::string>(&v))
        v = "'" + *s + "'";
      else
        v = str(v);
    }
    out += format_value(v, p.spec);
  }
  return out;
}

std::string FormatString::header() const {
  std::string out;
  for (const auto& p : pieces_) {
    out += p.literal;
    if (!p.has_field) continue;
    Spec sp = parse_spec(p.spec);
    std::string spec;
    if (sp.align) spec += std::string(1, sp.fill) + sp.align;
    if (sp.width >= 0) spec += std::to_string(sp.width);
    out += format_value(Value{p.field}, spec);
  }
  return out;
}

}  // namespace fluxacct::py
