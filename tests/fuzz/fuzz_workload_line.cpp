// Fuzz target: the simulate workload's JSON-lines parser, fed the input line
// by line as `flux account simulate` reads a file (the parser keeps state
// across lines: the last time, the submit count). fluxacct::Error is the
// only acceptable refusal; the checks below abort on an event the parser
// should have refused.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "sim/workload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fluxacct::sim;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  WorkloadParser parser{[](const std::string& user) -> std::optional<std::uint32_t> {
    if (user == "alice") return 5001;
    if (user == "bob") return 5002;
    return std::nullopt;
  }};
  double last_t = 0;
  std::int64_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    const std::size_t submits_before = parser.submits();
    std::optional<WorkloadEvent> ev;
    try {
      ev = parser.parse(line, line_no);
    } catch (const fluxacct::Error&) {
      if (parser.submits() != submits_before) std::abort();  // a refused line counts nothing
      continue;
    }
    if (!ev) continue;
    if (ev->line != line_no || !(ev->t >= last_t) || ev->t > kMaxWorkloadSeconds) std::abort();
    last_t = ev->t;
    if (ev->op == WorkloadOp::kSubmit) {
      const Submission& s = ev->submission;
      if (parser.submits() != submits_before + 1) std::abort();
      if (s.nnodes < 1 || s.ncores < s.nnodes || s.ncores > kMaxWorkloadCount) std::abort();
      if (!(s.duration >= 0 && s.duration <= kMaxWorkloadSeconds)) std::abort();
      if (s.runtime && (!(*s.runtime >= 0) || (s.duration > 0 && *s.runtime > s.duration)))
        std::abort();
      if (s.urgency < 0 || s.urgency > 31) std::abort();
      if ((s.bank && s.bank->empty()) || (s.queue && s.queue->empty())) std::abort();
    } else {
      if (ev->job < 1 || ev->job > parser.submits()) std::abort();
      if (ev->op == WorkloadOp::kUrgency && (ev->urgency < 0 || ev->urgency > 31)) std::abort();
      if (ev->op == WorkloadOp::kUpdate && !ev->bank && !ev->queue) std::abort();
    }
  }
  return 0;
}
