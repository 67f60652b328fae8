// A horizontal bar chart on the terminal, as show-usage draws it:
//
//   alice / A | ████████████████████  120.00
//   bob / A   | ██████████             60.00
//
// Labels are left-aligned to the longest; bars are scaled so the largest
// value fills the bar column, whose width is what the terminal leaves after
// the labels, the values and 10 columns of margin (at least 10); each value
// follows with Python's "{: .2f}" (a space where a minus sign would go).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fluxacct::cli {

struct Bar {
  std::string label;
  double value = 0;
};

// The chart's lines. Empty input gives no lines.
std::vector<std::string> bar_chart(const std::vector<Bar>& bars, int terminal_width,
                                   std::string_view bar_char);

// "█" when the user's locale (LC_ALL, LC_CTYPE, LANG) has a UTF-8 character
// set, else "#".
std::string_view locale_bar_char();

}  // namespace fluxacct::cli
