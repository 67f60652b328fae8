#include "cli/output_format.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <ctime>

#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "core/utf8.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::array<std::string_view, 3> kSentinels{"?+:", "?:", "+:"};  // longest first

bool ends_with(std::string_view s, char c) { return !s.empty() && s.back() == c; }

// Splits a spec into the flux/Python components that matter here: any
// strftime part before "::", and around the width, so it can be replaced.
struct SpecParts {
  std::string time_prefix;   // "%H:%M::" or ""
  std::string before_width;  // fill, align, sign, z, #, 0
  std::string align;
  int width = -1;
  std::string grouping;
  int precision = -1;
  std::string rest;  // type and the h/W/+ suffixes

  explicit SpecParts(std::string_view spec) {
    if (auto p = spec.find("::"); p != std::string_view::npos) {
      time_prefix = std::string(spec.substr(0, p + 2));
      spec.remove_prefix(p + 2);
    }
    std::size_t i = 0;
    auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    if (spec.size() >= 2 && is_align(spec[1])) {
      align = spec[1];
      i = 2;
    } else if (!spec.empty() && is_align(spec[0])) {
      align = spec[0];
      i = 1;
    }
    while (i < spec.size() && std::string_view("-+ z#").find(spec[i]) != std::string_view::npos)
      ++i;
    if (i < spec.size() && spec[i] == '0') ++i;
    before_width = std::string(spec.substr(0, i));
    std::size_t w = i;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) ++i;
    if (i > w) width = std::stoi(std::string(spec.substr(w, i - w)));
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) grouping = spec[i++];
    if (i < spec.size() && spec[i] == '.') {
      std::size_t p = ++i;
      while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) ++i;
      precision = i > p ? std::stoi(std::string(spec.substr(p, i - p))) : -1;
    }
    rest = std::string(spec.substr(i));
  }

  std::string str() const {
    std::string s = time_prefix + before_width;
    if (width >= 0) s += std::to_string(width);
    s += grouping;
    if (precision >= 0) {
      s += '.';
      s += std::to_string(precision);
    }
    return s + rest;
  }
  // What a heading keeps: only the align and the width.
  std::string header_spec() const {
    return align + (width >= 0 ? std::to_string(width) : std::string());
  }
};

bool is_empty_output(const std::string& s) {
  static const std::string local_epoch = [] {
    std::time_t zero = 0;
    std::tm tm{};
    localtime_r(&zero, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%FT%T", &tm);
    return std::string(buf);
  }();
  return s.empty() || s == "0s" || s == "0.0" || s == "0:00:00" || s == "1970-01-01T00:00:00" ||
         s == local_epoch;
}

double number_for(const Value& v, const std::string& conv, bool& blank) {
  blank = false;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* s = std::get_if<std::string>(&v); s && s->empty()) {
    blank = true;
    return 0;
  }
  throw Error(fmt::format("conversion !{} needs a number, not '{}'", conv, py::str(v)));
}

std::string local_time(double t, const std::string& format) {
  std::time_t secs = static_cast<std::time_t>(std::floor(t));
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[256];
  std::size_t n = std::strftime(buf, sizeof buf, format.c_str(), &tm);
  return std::string(buf, n);
}

// flux's fsd(): a Flux Standard Duration with about four significant digits.
std::string fsd(double secs) {
  if (std::isinf(secs)) return "inf";
  if (secs < 1.0e-3) return "0s";
  if (secs < 10.0) return fmt::format("{:.3f}s", secs);
  if (secs < 60.0) return fmt::format("{:.4g}s", secs);
  if (secs < 3600.0) return fmt::format("{:.4g}m", secs / 60.0);
  if (secs < 86400.0) return fmt::format("{:.4g}h", secs / 3600.0);
  return fmt::format("{:.4g}d", secs / 86400.0);
}

// str(timedelta(seconds=round(secs))), e.g. "1:02:03", "2 days, 0:00:05".
std::string hms(double secs) {
  if (secs > 0 && secs < 1) secs = 1;
  const auto total = static_cast<long long>(std::nearbyint(secs));
  long long days = total >= 0 ? total / 86400 : -((-total + 86399) / 86400);
  long long rem = total - days * 86400;
  std::string out = fmt::format("{}:{:02d}:{:02d}", rem / 3600, rem % 3600 / 60, rem % 60);
  if (days != 0) out = fmt::format("{} day{}, {}", days, days == 1 || days == -1 ? "" : "s", out);
  return out;
}

// The conversion of a field (convert_field), for every conversion but !d.
Value convert(const Value& v, const std::string& conv) {
  if (conv.empty()) return v;
  if (conv == "s") return py::str(v);
  if (conv == "r" || conv == "a") {
    if (auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
    return py::str(v);
  }
  bool blank = false;
  const double x = number_for(v, conv, blank);
  if (blank) return std::string();
  if (conv == "D") return x == 0 ? std::string() : local_time(x, "%FT%T");
  if (conv == "F") return fsd(x);
  if (conv == "H") return hms(x);
  // "P"
  const double pct = x * 100;
  return pct > 0 && pct < 1 ? fmt::format("{:.2f}%", pct) : fmt::format("{:.3g}%", pct);
}

// !d: a datetime; the spec is "<strftime>::<python spec>".
std::string format_datetime(const Value& v, std::string_view spec) {
  bool blank = false;
  const double t = number_for(v, "d", blank);
  std::string timefmt(spec), pyspec;
  if (auto p = spec.find("::"); p != std::string_view::npos) {
    timefmt = std::string(spec.substr(0, p));
    pyspec = std::string(spec.substr(p + 2));
  }
  std::string result = (blank || t == 0) ? "" : local_time(t, timefmt.empty() ? "%FT%T" : timefmt);
  if (ends_with(pyspec, 'h')) {
    if (result.empty()) result.assign(1, '-');
    pyspec.back() = 's';
  }
  return pyspec.empty() ? result : py::format_value(result, pyspec);
}

// UtilFormatter.format_field(convert_field(value)).
std::string render(const Value& raw, const std::string& conv, std::string spec) {
  const bool mark_cut = ends_with(spec, '+');
  if (mark_cut) spec.pop_back();
  std::string out, full;
  if (conv == "d") {
    out = format_datetime(raw, spec);
    if (mark_cut) full = format_datetime(raw, "");
  } else {
    Value v = convert(raw, conv);
    if (ends_with(spec, 'h')) {
      const std::string s = py::str(v);
      v = is_empty_output(s) ? std::string("-") : s;
      spec.back() = 's';
    }
    if (ends_with(spec, 'W')) spec.back() = 's';
    out = py::format_value(v, spec);
    if (mark_cut) full = py::str(v);
  }
  if (mark_cut && utf8_length(out) < utf8_length(full) && !out.empty()) {
    // Drop the last code point, then mark the cut.
    std::size_t i = out.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) --i;
    out.resize(i);
    out += '+';
  }
  return out;
}

}  // namespace

OutputFormat::OutputFormat(std::string_view format, Headings headings)
    : headings_(std::move(headings)) {
  // string.Formatter().parse(): literal text, then {field!conv:spec}.
  Piece cur;
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '}') {
      if (i + 1 < format.size() && format[i + 1] == '}') {
        cur.text += '}';
        i += 2;
        continue;
      }
      throw Error("Single '}' encountered in format string");
    }
    if (c != '{') {
      cur.text += c;
      ++i;
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '{') {
      cur.text += '{';
      i += 2;
      continue;
    }
    // Find the closing brace, allowing nested {} in the spec.
    std::size_t j = i + 1;
    int depth = 1;
    for (; j < format.size(); ++j) {
      if (format[j] == '{') ++depth;
      if (format[j] == '}' && --depth == 0) break;
    }
    if (j >= format.size()) throw Error("expected '}' before end of string");
    std::string_view inner = format.substr(i + 1, j - i - 1);
    std::size_t end = inner.find_first_of("!:");
    cur.field = std::string(inner.substr(0, end));
    if (end != std::string_view::npos && inner[end] == '!') {
      if (end + 1 >= inner.size())
        throw Error("end of string while looking for conversion specifier");
      cur.conversion = std::string(1, inner[end + 1]);
      end += 2;
      if (end < inner.size() && inner[end] != ':')
        throw Error("expected ':' after conversion specifier");
    }
    if (end != std::string_view::npos && end < inner.size()) cur.spec = inner.substr(end + 1);
    pieces_.push_back(std::move(cur));
    cur = Piece{};
    i = j + 1;
  }
  if (!cur.text.empty()) pieces_.push_back(std::move(cur));

  // A "sort:" text before the first field holds the sort keys.
  if (!pieces_.empty() && pieces_[0].text.rfind("sort:", 0) == 0) {
    std::string keys = pieces_[0].text.substr(5);
    pieces_[0].text.clear();
    std::size_t start = 0;
    while (true) {
      const auto comma = keys.find(',', start);
      std::string key = keys.substr(start, comma == std::string::npos ? comma : comma - start);
      key.erase(0, key.find_first_not_of(" \t\n"));
      key.erase(key.find_last_not_of(" \t\n") + 1);
      SortKey k;
      k.reverse = !key.empty() && key[0] == '-';
      k.field = k.reverse ? key.substr(1) : key;
      k.index = find(k.field);
      if (k.index == std::string::npos) throw Error("Invalid sort key: " + k.field);
      sort_keys_.push_back(std::move(k));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }

  for (std::size_t p = 0; p < pieces_.size(); ++p) {
    auto& piece = pieces_[p];
    if (piece.field.rfind("0.", 0) == 0) piece.field.erase(0, 2);
    if (piece.field.empty()) continue;  // "{}" formats to nothing in flux
    piece.index = find(piece.field);
    if (piece.index == std::string::npos) throw Error("Unknown format field: " + piece.field);
    const auto& c = piece.conversion;
    if (!c.empty() && c != "s" && c != "r" && c != "a" && c != "d" && c != "D" && c != "F" &&
        c != "H" && c != "P")
      throw Error("Unknown conversion specifier " + c);
    for (auto s : kSentinels) {
      if (piece.text.size() >= s.size() &&
          piece.text.compare(piece.text.size() - s.size(), s.size(), s) == 0) {
        Scan scan{p, s != "+:", s != "?:"};
        const int width = SpecParts(piece.spec).width;
        scan.max_width = width > 0 ? static_cast<std::size_t>(width) : 0;
        if (scan.widen)
          scan.max_width = std::max(scan.max_width, utf8_length(headings_[piece.index].second));
        scans_.push_back(scan);
        break;
      }
    }
  }
}

std::size_t OutputFormat::find(std::string_view field) const {
  for (std::size_t i = 0; i < headings_.size(); ++i)
    if (headings_[i].first == field) return i;
  return std::string::npos;
}

void OutputFormat::observe(const FieldGetter& item) {
  for (auto& scan : scans_) {
    const Piece& p = pieces_[scan.piece];
    const std::string out = render(item(p.index), p.conversion, "");
    const std::size_t width = is_empty_output(out) ? 0 : utf8_length(out);
    scan.max_width = std::max(scan.max_width, width);
    scan.width = std::max(scan.width, width);
  }
}

void OutputFormat::resolve() {
  if (scans_.empty()) return;
  std::vector<bool> removed(pieces_.size(), false);
  for (const auto& scan : scans_) {
    Piece& p = pieces_[scan.piece];
    if (scan.width == 0 && scan.filter) {
      removed[scan.piece] = true;
      continue;
    }
    if (scan.widen) {
      SpecParts spec(p.spec);
      spec.width = static_cast<int>(scan.max_width);
      const bool text_type = spec.rest.empty() || spec.rest[0] == 's' || spec.rest[0] == 'h' ||
                             spec.rest[0] == 'W' || spec.rest[0] == '+';
      if (text_type && spec.precision > 0 && spec.precision < spec.width)
        spec.precision = spec.width;
      p.spec = spec.str();
    }
  }
  std::vector<Piece> kept;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    if (removed[i]) continue;
    Piece p = std::move(pieces_[i]);
    for (auto s : kSentinels)
      for (auto pos = p.text.find(s); pos != std::string::npos; pos = p.text.find(s))
        p.text.erase(pos, s.size());
    kept.push_back(std::move(p));
  }
  pieces_ = std::move(kept);
  scans_.clear();
}

std::string OutputFormat::header() const {
  std::string out;
  for (const auto& p : pieces_) {
    out += p.text;
    if (!p.field.empty())
      out += py::format_value(headings_[p.index].second, SpecParts(p.spec).header_spec());
  }
  return out;
}

std::string OutputFormat::format(const FieldGetter& item) const {
  std::string out;
  for (const auto& p : pieces_) {
    out += p.text;
    if (!p.field.empty()) out += render(item(p.index), p.conversion, p.spec);
  }
  if (out.find_first_not_of(" \t\n\r\f\v") == std::string::npos) return {};
  return out;
}

}  // namespace fluxacct::cli
