// Fuzz target: one JSON line of fetch-job-records --jsonl, through the
// strict scanner, the pruning of R and jobspec, and the record rule.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/flux_r.hpp"
#include "core/job_line.hpp"
#include "core/job_record.hpp"
#include "core/json_scan.hpp"
#include "core/utf8.hpp"

namespace {

using namespace fluxacct;

std::string r_verdict(std::string_view text) {
  try {
    auto c = count_R(text);
    return std::to_string(c.nnodes) + "/" + std::to_string(c.ncores) + "/" +
           std::to_string(c.ngpus);
  } catch (const Error& e) {
    return e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  static jobrec::JsonLineReader reader;
  static jobrec::RowMaker maker;
  jobrec::RawJob raw;
  jobrec::JobRow row;
  std::string detail;
  jobrec::Skip s = reader.read(line, raw, detail);

  // The scanner accepts exactly the JSON objects nlohmann accepts (nlohmann
  // also checks UTF-8 and surrogate escapes, which are checked separately,
  // and refuses numbers beyond a double, which JSON allows: 1e400 is read
  // as infinity and skipped as out of range).
  if (is_valid_utf8(line) && line.find("\\u") == std::string_view::npos) {
    bool theirs = false, comparable = true;
    try {
      theirs = nlohmann::json::parse(line).is_object();
    } catch (const nlohmann::json::out_of_range&) {
      comparable = false;
    } catch (const nlohmann::json::parse_error&) {
    }
    if (comparable && theirs != (s != jobrec::Skip::kMalformedLine)) std::abort();
  }
  if (s != jobrec::Skip::kNone) return 0;

  // Pruned R counts as the whole R does.
  if (raw.R.kind == jobrec::RawField::Kind::kJson && raw.R.text.starts_with('{')) {
    std::string pruned;
    if (json::prune_object(raw.R.text, jobrec::r_keep(), pruned) != json::Shape::kObject)
      std::abort();
    if (r_verdict(raw.R.text) != r_verdict(pruned)) std::abort();
  }

  if (maker.make(raw, row, detail) != jobrec::Skip::kNone) return 0;
  if (!(row.t_submit >= 0 && row.t_submit <= row.t_run && row.t_run <= row.t_inactive &&
        row.t_inactive <= jobrec::kMaxTime))
    std::abort();
  if (row.userid < 0 || row.userid > jobrec::kMaxUserid) std::abort();
  if (!(row.actual_duration >= 0) || !std::isfinite(row.requested_duration)) std::abort();
  if (row.id.empty() || row.id.find_first_not_of("0123456789") != std::string::npos) std::abort();
  for (std::string_view t :
       {row.ranks, row.R, row.jobspec, std::string_view(row.bank), std::string_view(row.project)})
    if (!is_valid_utf8(t)) std::abort();
  return 0;
}
