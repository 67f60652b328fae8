#include "cli/bar_chart.hpp"

#include <fmt/format.h>
#include <langinfo.h>
#include <locale.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/utf8.hpp"

namespace fluxacct::cli {
namespace {

constexpr int kMargin = 10;
constexpr int kMinBar = 10;

std::string pad_right(std::string s, std::size_t width) {
  const std::size_t len = utf8_length(s);
  if (len < width) s.append(width - len, ' ');
  return s;
}

}  // namespace

std::vector<std::string> bar_chart(const std::vector<Bar>& bars, int terminal_width,
                                   std::string_view bar_char) {
  std::vector<std::string> lines;
  if (bars.empty()) return lines;
  std::size_t max_label = 0, max_value = 0;
  double largest = 0;
  for (const auto& b : bars) {
    max_label = std::max(max_label, utf8_length(b.label));
    max_value = std::max(max_value, fmt::format("{:.2f}", b.value).size());
    largest = std::max(largest, b.value);
  }
  const long reserved = static_cast<long>(max_label + kMargin + max_value);
  const long max_bar = std::max<long>(terminal_width - reserved, kMinBar);
  // Only positive values get a bar; the largest one fills the column.
  const double scale = largest > 0 ? static_cast<double>(max_bar) / largest : 0;
  for (const auto& b : bars) {
    double cells = b.value > 0 ? std::trunc(b.value * scale) : 0;
    const long n = std::clamp<long>(static_cast<long>(cells), 0, max_bar);
    std::string bar;
    for (long i = 0; i < n; ++i) bar += bar_char;
    bar.append(static_cast<std::size_t>(max_bar - n), ' ');
    lines.push_back(fmt::format("{} | {} {: .2f}", pad_right(b.label, max_label), bar, b.value));
  }
  return lines;
}

std::string_view locale_bar_char() {
  locale_t loc = newlocale(LC_CTYPE_MASK, "", static_cast<locale_t>(nullptr));
  bool utf8 = false;
  if (loc != static_cast<locale_t>(nullptr)) {
    const char* codeset = nl_langinfo_l(CODESET, loc);
    utf8 = codeset && (std::strcmp(codeset, "UTF-8") == 0 || std::strcmp(codeset, "utf8") == 0);
    freelocale(loc);
  }
  return utf8 ? "█" : "#";
}

}  // namespace fluxacct::cli
