// Fuzz target: Flux Standard Duration (RFC 23) parsing.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/duration.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    double seconds = fluxacct::parse_fsd(text);
    if (std::isnan(seconds) || seconds < 0) std::abort();
  } catch (const fluxacct::Error&) {
  }
  return 0;
}
