// Fuzz target: jobspec (RFC 14/25) parsing, with and without resource counts.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "core/jobspec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using fluxacct::JobspecResources;
  try {
    fluxacct::JobspecInfo info = fluxacct::parse_jobspec(text, JobspecResources::Count);
    if (info.nnodes < 1 || info.nslots < 1 || info.ncores < 1 || info.ngpus < 0) std::abort();
    if (info.duration && !(*info.duration >= 0)) std::abort();
    // Counting resources reads the same attributes as ignoring them.
    fluxacct::JobspecInfo attrs = fluxacct::parse_jobspec(text, JobspecResources::Ignore);
    if (attrs.bank != info.bank || attrs.project != info.project || attrs.queue != info.queue ||
        attrs.duration != info.duration || attrs.nnodes != 0)
      std::abort();
  } catch (const fluxacct::Error&) {
  }
  try {
    fluxacct::JobspecInfo attrs = fluxacct::parse_jobspec(text, JobspecResources::Ignore);
    if (attrs.duration && !(*attrs.duration >= 0)) std::abort();
  } catch (const fluxacct::Error&) {
  }
  return 0;
}
