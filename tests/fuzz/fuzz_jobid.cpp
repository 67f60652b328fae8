// Fuzz target: job ID parsing, and round trips of every form: whatever
// parses must format and parse back to the same ID, and so must the ID made
// of the input's first 8 bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/jobid.hpp"

namespace {

using fluxacct::JobIdForm;

void check_round_trips(uint64_t id) {
  for (JobIdForm form :
       {JobIdForm::Dec, JobIdForm::Hex, JobIdForm::DotHex, JobIdForm::Kvs, JobIdForm::Words,
        JobIdForm::Emoji, JobIdForm::F58, JobIdForm::F58Ascii, JobIdForm::F58Plain}) {
    std::string text = fluxacct::format_jobid(id, form);
    // f58plain that is all digits or starts with 'f' reads as decimal or f58.
    if (form == JobIdForm::F58Plain &&
        (text[0] == 'f' || text.find_first_not_of("0123456789") == std::string::npos))
      continue;
    if (fluxacct::parse_jobid(text) != id) std::abort();  // throws Error: also a bug
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_round_trips(fluxacct::parse_jobid(text));
  } catch (const fluxacct::Error& e) {
    if (std::string_view(e.what()).substr(0, 16) != "invalid job ID: ") std::abort();
  }
  uint64_t id = 0;
  std::memcpy(&id, data, size < sizeof id ? size : sizeof id);
  try {
    check_round_trips(id);
  } catch (const fluxacct::Error&) {
    std::abort();
  }
  return 0;
}
