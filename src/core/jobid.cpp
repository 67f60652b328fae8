#include "core/jobid.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/error.hpp"
#include "core/jobid_tables.hpp"

namespace fluxacct {
namespace {

using jobid_tables::kEmoji;
using jobid_tables::kEmojiCount;
using jobid_tables::kWordCount;
using jobid_tables::kWords;

constexpr std::string_view kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kFlorin = "\xC6\x92";  // U+0192 in UTF-8
constexpr std::string_view kEmojiLead = "\xF0\x9F";
constexpr std::string_view kWhitespace = " \t\n\v\f\r";

constexpr std::array<int8_t, 256> make_base58_values() {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (size_t i = 0; i < kBase58.size(); ++i)
    values[static_cast<unsigned char>(kBase58[i])] = static_cast<int8_t>(i);
  return values;
}
constexpr std::array<int8_t, 256> kBase58Values = make_base58_values();

// Appends one digit in `base` to `value`; false on overflow.
bool push_digit(uint64_t& value, uint64_t base, uint64_t digit) {
  return !__builtin_mul_overflow(value, base, &value) &&
         !__builtin_add_overflow(value, digit, &value);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_decimal(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  out = 0;
  for (char c : s)
    if (c < '0' || c > '9' || !push_digit(out, 10, static_cast<uint64_t>(c - '0'))) return false;
  return true;
}

// 1 to max_digits hex digits.
bool parse_hex(std::string_view s, size_t max_digits, uint64_t& out) {
  if (s.empty() || s.size() > max_digits) return false;
  out = 0;
  for (char c : s) {
    int v = hex_value(c);
    if (v < 0) return false;
    out = out << 4 | static_cast<uint64_t>(v);
  }
  return true;
}

bool parse_base58(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  out = 0;
  for (char c : s) {
    int v = kBase58Values[static_cast<unsigned char>(c)];
    if (v < 0 || !push_digit(out, 58, static_cast<uint64_t>(v))) return false;
  }
  return true;
}

std::string format_base58(uint64_t id) {
  std::string out;
  do {
    out += kBase58[id % 58];
    id /= 58;
  } while (id != 0);
  std::reverse(out.begin(), out.end());
  return out;
}

// Four groups of 1-4 hex digits, most significant first.
bool parse_dothex(std::string_view s, uint64_t& out) {
  out = 0;
  for (int group = 0; group < 4; ++group) {
    size_t dot = s.find('.');
    if ((group < 3) != (dot != std::string_view::npos)) return false;
    uint64_t v;
    if (!parse_hex(s.substr(0, dot), 4, v)) return false;
    out = out << 16 | v;
    if (dot != std::string_view::npos) s.remove_prefix(dot + 1);
  }
  return true;
}

std::string format_dothex(uint64_t id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int shift = 60; shift >= 0; shift -= 4) {
    out += kDigits[(id >> shift) & 0xF];
    if (shift != 0 && shift % 16 == 0) out += '.';
  }
  return out;
}

// mnemonicode: each 32-bit half (low half first, as the bytes of a
// little-endian 64-bit ID) is three words, least significant first.
std::string format_words(uint64_t id) {
  std::string out;
  for (int half = 0; half < 2; ++half) {
    uint64_t x = half == 0 ? id & 0xFFFFFFFFu : id >> 32;
    for (int i = 0; i < 3; ++i) {
      if (half == 1 && i == 0) out += "--";
      if (i != 0) out += '-';
      out += kWords[x % kWordCount];
      x /= kWordCount;
    }
  }
  return out;
}

int word_index(std::string_view word) {
  static const std::unordered_map<std::string_view, int> index = [] {
    std::unordered_map<std::string_view, int> m;
    for (size_t i = 0; i < kWordCount; ++i) m.emplace(kWords[i], static_cast<int>(i));
    return m;
  }();
  constexpr size_t kLongestWord = 7;
  if (word.size() > kLongestWord) return -1;
  std::string lower(word);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  auto it = index.find(lower);
  return it == index.end() ? -1 : it->second;
}

// Six words separated by runs of '-': the encoding format_words writes, in
// any letter case.
bool parse_words(std::string_view s, uint64_t& out) {
  std::array<int, 6> w{};
  size_t n = 0;
  while (!s.empty()) {
    size_t dash = s.find('-');
    std::string_view word = s.substr(0, dash);
    if (n == w.size() || (w[n++] = word_index(word)) < 0) return false;
    if (dash == std::string_view::npos) break;
    s.remove_prefix(dash);
    while (!s.empty() && s.front() == '-') s.remove_prefix(1);
    if (s.empty()) return false;  // trailing '-'
  }
  if (n != w.size()) return false;
  out = 0;
  for (int half = 1; half >= 0; --half) {
    const int* h = &w[static_cast<size_t>(half) * 3];
    uint64_t x = static_cast<uint64_t>(h[0]) + static_cast<uint64_t>(h[1]) * kWordCount +
                 static_cast<uint64_t>(h[2]) * kWordCount * kWordCount;
    if (x > 0xFFFFFFFFu) return false;  // the ~0.09% of triples no 32 bits encode
    out = out << 32 | x;
  }
  return true;
}

// Every emoji in the table is U+1Fxxx: UTF-8 F0 9F, then two bytes carrying
// 6 bits each; those 12 bits index this reverse table.
const std::array<int16_t, 4096>& emoji_digits() {
  static const std::array<int16_t, 4096> table = [] {
    std::array<int16_t, 4096> t;
    t.fill(-1);
    for (size_t i = 0; i < kEmojiCount; ++i) t[kEmoji[i] & 0xFFF] = static_cast<int16_t>(i);
    return t;
  }();
  return table;
}

std::string format_emoji(uint64_t id) {
  std::array<char32_t, 7> digits;  // 576^7 > 2^64
  size_t n = 0;
  do {
    digits[n++] = kEmoji[id % kEmojiCount];
    id /= kEmojiCount;
  } while (id != 0);
  std::string out;
  while (n > 0) {
    char32_t cp = digits[--n];
    out += kEmojiLead;
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

bool parse_emoji(std::string_view s, uint64_t& out) {
  if (s.empty() || s.size() % 4 != 0) return false;
  out = 0;
  for (size_t i = 0; i < s.size(); i += 4) {
    auto b2 = static_cast<unsigned char>(s[i + 2]);
    auto b3 = static_cast<unsigned char>(s[i + 3]);
    if (s.substr(i, 2) != kEmojiLead || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80) return false;
    int digit = emoji_digits()[static_cast<size_t>((b2 & 0x3F) << 6 | (b3 & 0x3F))];
    if (digit < 0 || !push_digit(out, kEmojiCount, static_cast<uint64_t>(digit))) return false;
  }
  return true;
}

bool parse_any(std::string_view s, uint64_t& id) {
  if (s.find('.') != std::string_view::npos) {
    if (s.starts_with("job.")) s.remove_prefix(4);
    return parse_dothex(s, id);
  }
  if (s.find('-') != std::string_view::npos) return parse_words(s, id);
  if (s.starts_with(kFlorin)) return parse_base58(s.substr(kFlorin.size()), id);
  if (s.starts_with('f')) return parse_base58(s.substr(1), id);
  if (s.starts_with(kEmojiLead)) return parse_emoji(s, id);
  if (s.starts_with("0x")) return parse_hex(s.substr(2), 16, id);
  if (parse_decimal(s, id)) return true;
  bool all_digits =
      !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  return !all_digits && parse_base58(s, id);  // f58plain
}

}  // namespace

uint64_t parse_jobid(std::string_view text) {
  std::string_view s = text;
  size_t first = s.find_first_not_of(kWhitespace);
  s = first == std::string_view::npos
          ? std::string_view{}
          : s.substr(first, s.find_last_not_of(kWhitespace) - first + 1);
  uint64_t id = 0;
  if (!parse_any(s, id)) throw Error("invalid job ID: '" + std::string(text) + "'");
  return id;
}

std::string format_jobid(uint64_t id, JobIdForm form) {
  switch (form) {
    case JobIdForm::Dec:
      return std::to_string(id);
    case JobIdForm::Hex: {
      std::string hex = format_dothex(id);
      std::erase(hex, '.');
      size_t nonzero = std::min(hex.find_first_not_of('0'), hex.size() - 1);
      return "0x" + hex.substr(nonzero);
    }
    case JobIdForm::DotHex:
      return format_dothex(id);
    case JobIdForm::Kvs:
      return "job." + format_dothex(id);
    case JobIdForm::Words:
      return format_words(id);
    case JobIdForm::Emoji:
      return format_emoji(id);
    case JobIdForm::F58:
      return std::string(kFlorin) + format_base58(id);
    case JobIdForm::F58Ascii:
      return "f" + format_base58(id);
    case JobIdForm::F58Plain:
      return format_base58(id);
  }
  return std::to_string(id);
}

std::optional<JobIdForm> jobid_form_from_name(std::string_view name) {
  static constexpr std::pair<std::string_view, JobIdForm> kNames[] = {
      {"dec", JobIdForm::Dec}, {"hex", JobIdForm::Hex},           {"dothex", JobIdForm::DotHex},
      {"kvs", JobIdForm::Kvs}, {"words", JobIdForm::Words},       {"emoji", JobIdForm::Emoji},
      {"f58", JobIdForm::F58}, {"f58ascii", JobIdForm::F58Ascii}, {"f58plain", JobIdForm::F58Plain},
  };
  for (const auto& [n, form] : kNames)
    if (n == name) return form;
  return std::nullopt;
}

}  // namespace fluxacct
