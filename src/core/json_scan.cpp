#include "core/json_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace fluxacct::json {
namespace {

constexpr int kMaxDepth = 512;  // deeper nesting is refused, not recursed into

class Scanner {
 public:
  Scanner(std::string_view text, std::string& error) : s_(text), error_(error) {}

  bool any_value() {
    skip_ws();
    Type type;
    return value(0, type) && end();
  }

  bool object(std::vector<Member>& members, std::span<const PruneTarget> targets) {
    members.clear();
    skip_ws();
    if (!expect('{')) return false;
    skip_ws();
    if (peek() == '}') {
      ++i_;
      return end();
    }
    for (;;) {
      skip_ws();
      Member m;
      const std::size_t key_start = i_;
      if (peek() != '"') return fail("expected a string key");
      if (!string(m.key_has_escapes)) return false;
      m.key = s_.substr(key_start + 1, i_ - key_start - 2);
      skip_ws();
      if (!expect(':')) return false;
      skip_ws();
      const std::size_t value_start = i_;
      const PruneTarget* target = nullptr;
      if (peek() == '{' && !m.key_has_escapes)
        for (const auto& t : targets)
          if (t.key == m.key) target = &t;
      if (target) {
        target->out->clear();
        if (!pruned_object(1, target->keep, *target->out)) return false;
        m.type = Type::kObject;
        m.pruned = true;
      } else if (!value(1, m.type)) {
        return false;
      }
      m.value = s_.substr(value_start, i_ - value_start);
      members.push_back(m);
      skip_ws();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (!expect('}')) return false;
      return end();
    }
  }

  Shape pruned(std::span<const Keep> keep, std::string& out) {
    skip_ws();
    if (peek() != '{') return any_value() ? Shape::kNotObject : Shape::kInvalid;
    return pruned_object(0, keep, out) && end() ? Shape::kObject : Shape::kInvalid;
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool at_end() const { return i_ >= s_.size(); }

  bool fail(std::string_view what) {
    error_ = at_end() ? fmt::format("{} at the end of the line", what)
                      : fmt::format("{} at byte {}", what, i_ + 1);
    return false;
  }

  bool expect(char c) {
    if (peek() != c || at_end()) return fail(fmt::format("expected '{}'", c));
    ++i_;
    return true;
  }

  void skip_ws() {
    // Every JSON whitespace byte is at most ' '; most bytes here are not.
    while (i_ < s_.size() && static_cast<unsigned char>(s_[i_]) <= ' ' &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  bool end() {
    skip_ws();
    return at_end() || fail("unexpected text after the object");
  }

  static bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  // A mask whose lowest set bit marks the first byte of `word` (read little
  // endian) that is '"', '\\' or below 0x20; 0 when there is none. SWAR:
  // eight bytes per step through the plain runs of a string. (Bits above the
  // lowest may be false alarms; the lowest never is.)
  static std::uint64_t special_bytes(std::uint64_t word) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t has_quote = (quote - kOnes) & ~quote & kHigh;
    const std::uint64_t has_backslash = (backslash - kOnes) & ~backslash & kHigh;
    const std::uint64_t has_control = (word - kOnes * 0x20) & ~word & kHigh;
    return has_quote | has_backslash | has_control;
  }

  // At the opening quote; leaves i_ after the closing one.
  bool string(bool& has_escapes) {
    has_escapes = false;
    ++i_;
    const std::size_t n = s_.size();
    while (i_ < n) {
      while (i_ + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, s_.data() + i_, sizeof word);
        if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
        if (const std::uint64_t mask = special_bytes(word)) {
          i_ += static_cast<std::size_t>(__builtin_ctzll(mask)) >> 3;
          break;
        }
        i_ += 8;
      }
      if (i_ >= n) break;
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
        has_escapes = true;
        ++i_;
        switch (peek()) {
          case '"':
          case '\\':
          case '/':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't':
            ++i_;
            break;
          case 'u':
            if (i_ + 4 >= n || !is_hex(s_[i_ + 1]) || !is_hex(s_[i_ + 2]) || !is_hex(s_[i_ + 3]) ||
                !is_hex(s_[i_ + 4]))
              return fail("bad \\u escape");
            i_ += 5;
            break;
          default:
            return fail("bad escape in a string");
        }
        continue;
      }
      ++i_;
    }
    return fail("unterminated string");
  }

  bool number() {
    const std::size_t start = i_;
    bool exponent = false;
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++i_;
    } else {
      return fail("bad number");
    }
    if (peek() == '.') {
      ++i_;
      if (!is_digit(peek())) return fail("bad number");
      while (is_digit(peek())) ++i_;
    }
    if (peek() == 'e' || peek() == 'E') {
      exponent = true;
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!is_digit(peek())) return fail("bad number");
      while (is_digit(peek())) ++i_;
    }
    // Only a literal with an exponent or hundreds of digits can exceed a
    // double; such a number is refused as nlohmann refuses it, so that
    // every later reader of the stored text can parse it.
    if ((exponent || i_ - start > 300) && overflows_double(s_.substr(start, i_ - start))) {
      i_ = start;
      return fail("number out of range");
    }
    return true;
  }

  // True when a valid number literal is too large in magnitude for a
  // double (numbers too small are fine: they read as 0).
  static bool overflows_double(std::string_view lit) {
    if (lit.starts_with('-')) lit.remove_prefix(1);
    const std::size_t e = lit.find_first_of("eE");
    const std::string_view mantissa = lit.substr(0, e);
    const std::size_t point = mantissa.find('.');
    const std::size_t int_digits = point == std::string_view::npos ? mantissa.size() : point;
    // The power of ten of the first non-zero digit, before the exponent.
    std::int64_t lead = 0;
    bool nonzero = false;
    for (std::size_t k = 0, digit = 0; k < mantissa.size(); ++k) {
      if (mantissa[k] == '.') continue;
      if (mantissa[k] != '0') {
        lead = static_cast<std::int64_t>(int_digits) - 1 - static_cast<std::int64_t>(digit);
        nonzero = true;
        break;
      }
      ++digit;
    }
    if (!nonzero) return false;
    std::int64_t exp = 0;
    if (e != std::string_view::npos) {
      std::string_view digits = lit.substr(e + 1);
      const bool negative = digits.starts_with('-');
      if (digits.starts_with('-') || digits.starts_with('+')) digits.remove_prefix(1);
      for (char c : digits) exp = std::min<std::int64_t>(exp * 10 + (c - '0'), 100000);
      if (negative) exp = -exp;
    }
    const std::int64_t power = lead + exp;
    if (power != 308) return power > 308;
    double v = 0;  // at the edge: ask the real conversion
    return std::from_chars(lit.data(), lit.data() + lit.size(), v).ec ==
           std::errc::result_out_of_range;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("unexpected character");
    i_ += word.size();
    return true;
  }

  // At '{': validates the object and appends its pruned copy to `out`.
  bool pruned_object(int depth, std::span<const Keep> keep, std::string& out) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    ++i_;
    out += '{';
    bool first = true;
    skip_ws();
    if (peek() == '}') {
      ++i_;
      out += '}';
      return true;
    }
    std::string decoded;
    for (;;) {
      skip_ws();
      if (peek() != '"') return fail("expected a string key");
      const std::size_t key_start = i_;
      bool escapes = false;
      if (!string(escapes)) return false;
      const std::string_view token = s_.substr(key_start, i_ - key_start);
      std::string_view name = token.substr(1, token.size() - 2);
      if (escapes) name = decode_string(token, decoded) ? std::string_view(decoded) : "";
      const Keep* k = nullptr;
      for (const Keep& c : keep)
        if (c.key == name) k = &c;
      skip_ws();
      if (!expect(':')) return false;
      skip_ws();
      if (k) {
        if (!first) out += ',';
        first = false;
        out.append(token);
        out += ':';
      }
      Type inner;
      if (k && !k->inside.empty() && peek() == '{') {
        if (!pruned_object(depth + 1, k->inside, out)) return false;
      } else {
        const std::size_t value_start = i_;
        if (!value(depth + 1, inner)) return false;
        if (k) out.append(s_.substr(value_start, i_ - value_start));
      }
      skip_ws();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (!expect('}')) return false;
      out += '}';
      return true;
    }
  }

  bool value(int depth, Type& type) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    bool escapes = false;
    switch (peek()) {
      case '{': {
        type = Type::kObject;
        ++i_;
        skip_ws();
        if (peek() == '}') {
          ++i_;
          return true;
        }
        for (;;) {
          skip_ws();
          if (peek() != '"') return fail("expected a string key");
          if (!string(escapes)) return false;
          skip_ws();
          if (!expect(':')) return false;
          skip_ws();
          Type inner;
          if (!value(depth + 1, inner)) return false;
          skip_ws();
          if (peek() == ',') {
            ++i_;
            continue;
          }
          return expect('}');
        }
      }
      case '[': {
        type = Type::kArray;
        ++i_;
        skip_ws();
        if (peek() == ']') {
          ++i_;
          return true;
        }
        for (;;) {
          skip_ws();
          Type inner;
          if (!value(depth + 1, inner)) return false;
          skip_ws();
          if (peek() == ',') {
            ++i_;
            continue;
          }
          return expect(']');
        }
      }
      case '"':
        type = Type::kString;
        return string(escapes);
      case 't':
        type = Type::kTrue;
        return literal("true");
      case 'f':
        type = Type::kFalse;
        return literal("false");
      case 'n':
        type = Type::kNull;
        return literal("null");
      default:
        if (peek() != '-' && !is_digit(peek())) return fail("expected a value");
        type = Type::kNumber;
        return number();
    }
  }

  std::string_view s_;
  std::string& error_;
  std::size_t i_ = 0;
};

unsigned hex4(std::string_view s) {
  unsigned v = 0;
  for (char c : s.substr(0, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<unsigned>(c - 'a' + 10);
    else
      v |= static_cast<unsigned>(c - 'A' + 10);
  }
  return v;
}

void put_utf8(unsigned cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool scan_object(std::string_view text, std::vector<Member>& members, std::string& error,
                 std::span<const PruneTarget> targets) {
  return Scanner(text, error).object(members, targets);
}

bool is_valid(std::string_view text) {
  std::string error;
  return Scanner(text, error).any_value();
}

Shape prune_object(std::string_view text, std::span<const Keep> keep, std::string& out) {
  std::string error;
  return Scanner(text, error).pruned(keep, out);
}

bool decode_string(std::string_view token, std::string& out) {
  out.clear();
  std::string_view s = token.substr(1, token.size() - 2);
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t esc = s.find('\\', i);
    if (esc == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, esc - i));
    const char c = s[esc + 1];
    i = esc + 2;
    switch (c) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned cp = hex4(s.substr(i));
        i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (s.substr(i, 2) != "\\u") return false;
          const unsigned lo = hex4(s.substr(i + 2));
          if (lo < 0xDC00 || lo > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        put_utf8(cp, out);
        break;
      }
      default:
        out += c;
        break;  // " \ /
    }
  }
  return true;
}

}  // namespace fluxacct::json
