// view-usage-report's arithmetic: node-time of the jobs that ended in a
// window, summed per association, bank or user and per job-size bin.
//
// A job's usage is nnodes x (t_inactive - t_run) seconds (the configured
// node/core/GPU weights play no part). It lands in the largest size bin b
// with nnodes >= b; a job smaller than every bin is counted nowhere. Rows
// are ordered by their total, largest first, ties in the order the rows
// first appeared; a TOTAL row sums every bin.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fluxacct {

enum class ReportType { kAssociation, kBank, kUser };
enum class TimeUnit { kSec, kMin, kHour };

// "byassociation" / "bybank" / "byuser"; "sec" / "min" / "hour". Throw Error
// on anything else.
ReportType parse_report_type(std::string_view text);
TimeUnit parse_time_unit(std::string_view text);
std::string_view report_type_name(ReportType t);  // "association", "bank", "user"
std::string_view time_unit_name(TimeUnit u);      // "sec", "min", "hour"
double seconds_per(TimeUnit u);                   // 1, 60, 3600

// Upstream's -S rule: text whose first character is not a digit asks for
// the default bins 0,2,8,32,128,512,2048,8192; otherwise a comma list of
// non-negative integers (Error naming the bad item). Bins come back sorted
// and without duplicates.
std::vector<std::int64_t> parse_size_bins(std::string_view text);
inline const std::vector<std::int64_t> kDefaultSizeBins{0, 2, 8, 32, 128, 512, 2048, 8192};

struct ReportJob {
  std::string_view username;
  std::string_view bank;
  std::int64_t nnodes = 0;
  double t_run = 0;
  double t_inactive = 0;
};

struct ReportRow {
  std::string key;             // "bank:username", the bank, or the username; "TOTAL"
  std::string username, bank;  // the parts of the key the report type uses
  std::vector<double> usage;   // node-seconds per bin
  double total = 0;            // node-seconds over every bin
};

class UsageReport {
 public:
  UsageReport(ReportType type, std::vector<std::int64_t> bins);

  void add(const ReportJob& job);

  ReportType type() const { return type_; }
  const std::vector<std::int64_t>& bins() const { return bins_; }
  // The rows, largest total first.
  std::vector<ReportRow> rows() const;
  ReportRow total() const { return total_; }

 private:
  ReportType type_;
  std::vector<std::int64_t> bins_;
  std::vector<ReportRow> rows_;  // in order of first appearance
  std::unordered_map<std::string, std::size_t> index_;
  ReportRow total_;
};

// Upstream's text form: a header naming the report type and unit (one bin:
// "total"; several: "<bin>+" per column), a line per row and the TOTAL line,
// values divided by the unit's seconds with two decimals.
std::string format_usage_report(const UsageReport& report, TimeUnit unit);

}  // namespace fluxacct
