// A job record written as one JSON object on one line (JSON lines): the
// input of `fetch-job-records --jsonl`. Keys are those of a flux-core
// job-archive row: id, userid, t_submit, t_run, t_inactive, ranks, R,
// jobspec; R and jobspec are JSON objects or strings that hold JSON; id is a
// number or any job-ID text form. Other keys are ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/job_record.hpp"
#include "core/json_scan.hpp"

namespace fluxacct::jobrec {

// Reads JSON lines into RawJobs, reusing its buffers from line to line. The
// RawJob it fills points into the line and into the reader.
class JsonLineReader {
 public:
  // Fills `raw` from `line`. Returns kNone, or kNotUtf8 / kMalformedLine
  // with a reason in `detail` when the line is not one UTF-8 JSON object
  // (after kNotUtf8, `raw` holds what was found, for display_id()).
  Skip read(std::string_view line, RawJob& raw, std::string& detail);

 private:
  std::vector<json::Member> members_;
  std::string decoded_[8];  // decoded string values, one per field
  std::string pruned_R_, pruned_jobspec_, key_;
};

}  // namespace fluxacct::jobrec
