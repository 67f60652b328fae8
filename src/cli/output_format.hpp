// Flux's OutputFormat (flux.util), which upstream's view-job-records -o uses:
// a Python format string over named fields, plus
//   - a header line: each field's heading with only the field's align and width;
//   - "sort:KEY[,-KEY…] " before the first field: sort keys ("-" reverses);
//   - "?:" before a field: drop the field (and its text) when it is empty for
//     every item; "+:" widen it to the widest value (and heading); "?+:" both;
//   - flux's conversions !d (strftime, "{t_run!d:%H:%M::>8}"), !D (ISO 8601),
//     !F (Flux Standard Duration), !H (h:mm:ss), !P (percent), besides !s !r !a;
//   - spec suffixes "h" (an empty value shows as "-") and "+" (mark a cut
//     value with "+"); "W" is taken as "s" (widths count code points).
// Lines that come out empty or all blank are skipped, as flux does.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/value.hpp"

namespace fluxacct::cli {

// The value of a field for one item; the field is given by its position in
// the headings the format was made with.
using FieldGetter = std::function<Value(std::size_t field)>;

class OutputFormat {
 public:
  struct SortKey {
    std::string field;
    std::size_t index = 0;  // in the headings
    bool reverse = false;
  };
  using Headings = std::vector<std::pair<std::string, std::string>>;  // field, heading

  // Throws Error("Unknown format field: <f>") or ("Invalid sort key: <k>").
  OutputFormat(std::string_view format, Headings headings);

  const std::vector<SortKey>& sort_keys() const { return sort_keys_; }
  // Whether any field carries a ?: / +: / ?+: prefix, so that the items must
  // be seen (observe) before the header can be made (resolve).
  bool needs_scan() const { return !scans_.empty(); }
  void observe(const FieldGetter& item);
  void resolve();

  std::string header() const;
  // The line for one item; "" when it is empty or blank (to be skipped).
  std::string format(const FieldGetter& item) const;

 private:
  struct Piece {
    std::string text;
    std::string field;      // empty: text only
    std::size_t index = 0;  // of the field in the headings
    std::string conversion;
    std::string spec;
  };
  struct Scan {
    std::size_t piece;
    bool filter, widen;
    std::size_t max_width = 0, width = 0;
  };
  // The position of `field` in the headings, or npos.
  std::size_t find(std::string_view field) const;

  Headings headings_;
  std::vector<Piece> pieces_;
  std::vector<SortKey> sort_keys_;
  std::vector<Scan> scans_;
};

}  // namespace fluxacct::cli
