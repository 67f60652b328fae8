// Fuzz target: R (RFC 20) and idset (RFC 22) parsing. Error is the only
// acceptable failure; the checks below abort on a wrong answer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/flux_r.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // count_R reads R's pruned form directly and hands any other text to
  // nlohmann's parser: both must give the parsed document's verdict.
  std::string from_text, from_document;
  try {
    fluxacct::ResourceCounts c = fluxacct::count_R(text);
    if (c.nnodes < 0 || c.ncores < 0 || c.ngpus < 0) std::abort();
    from_text =
        std::to_string(c.nnodes) + " " + std::to_string(c.ncores) + " " + std::to_string(c.ngpus);
  } catch (const fluxacct::Error& e) {
    from_text = e.what();
  }
  try {
    auto R = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (R.is_discarded()) throw fluxacct::Error("R is not valid JSON");
    fluxacct::ResourceCounts c = fluxacct::count_R(R);
    from_document =
        std::to_string(c.nnodes) + " " + std::to_string(c.ncores) + " " + std::to_string(c.ngpus);
  } catch (const fluxacct::Error& e) {
    from_document = e.what();
  }
  if (from_text != from_document) std::abort();
  try {
    auto ranges = fluxacct::parse_idset(text);
    int64_t n = 0;
    for (size_t i = 0; i < ranges.size(); ++i) {
      if (ranges[i].first > ranges[i].last || ranges[i].last > fluxacct::kIdsetMaxId) std::abort();
      // sorted, disjoint and not adjacent
      if (i > 0 && uint64_t{ranges[i - 1].last} + 1 >= ranges[i].first) std::abort();
      n += int64_t{ranges[i].last} - ranges[i].first + 1;
    }
    if (fluxacct::idset_count(text) != n) std::abort();
  } catch (const fluxacct::Error&) {
  }
  return 0;
}
