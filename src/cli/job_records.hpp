// Job records as view-job-records and view-usage-report see them: the
// stored row plus what is derived from it (node/core/GPU counts from R, the
// owner's user name, the requested-minus-actual duration, the job ID in
// each of Flux's forms), and view-job-records' three output forms.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output.hpp"
#include "cli/output_format.hpp"
#include "core/flux_r.hpp"
#include "core/r_counter.hpp"
#include "store/job_queries.hpp"

namespace fluxacct::cli {

struct JobRecord {
  std::uint64_t id = 0;
  std::int64_t userid = 0;
  std::string username;  // from the password database, else the uid as text
  double t_submit = 0, t_run = 0, t_inactive = 0;
  ResourceCounts counts;
  std::string resources;  // R as stored (kept only when asked for)
  std::string project, bank;
  double requested_duration = 0, actual_duration = 0;
  double duration_delta() const { return requested_duration - actual_duration; }
};

// Reads the records matching a filter, leaving out jobs whose R cannot be
// counted or whose ID cannot be read (upstream skips the former and fails on
// the latter). Can be read twice (rewind); memory does not grow with the
// number of records.
class JobRecordReader {
 public:
  // What to fill in besides the stored values: R's text, and the user name
  // (a password-database lookup per distinct uid).
  struct Needs {
    bool resources = false;
    bool username = true;
  };
  // `order`: the sort keys SQLite applies (job_records_order), empty for
  // the order the records were stored in.
  JobRecordReader(sql::Connection& db, const store::JobFilter& filter, Needs needs,
                  const std::vector<store::JobOrder>& order = {});
  bool next(JobRecord& rec);
  void rewind();

 private:
  const std::string& username(std::int64_t uid);

  store::JobQuery query_;
  Needs needs_;
  std::map<std::int64_t, std::string> usernames_;
  RCounter r_counter_;  // each shape of R counted once, as update-usage does
};

// -u/--user: the uid of a user name from the password database, else from
// the first association with that name; else, for a number, that number
// (a uid without a name shows as its number); else 4294967295, which no
// job has.
std::int64_t resolve_userid(sql::Connection& db, const std::string& user);

// The fields -o may name and their headings, in the order of JobField.
enum class JobField : std::size_t {
  kUserid,
  kUsername,
  kJobid,
  kTSubmit,
  kTRun,
  kTInactive,
  kNnodes,
  kResources,
  kProject,
  kBank,
  kRequestedDuration,
  kActualDuration,
  kDurationDelta,
  kJobidDec,
  kJobidHex,
  kJobidDotHex,
  kJobidKvs,
  kJobidWords,
  kJobidEmoji,
  kJobidF58Plain,
  kJobidF58,
  kNcores,
  kNgpus,
  kCount
};
const OutputFormat::Headings& job_record_headings();
// A field of a record: "jobid" in f58, "jobid.<form>" in that form.
Value job_record_field(const JobRecord& rec, JobField field);

// The default table: the 12 columns of upstream, each left-aligned to its
// widest value or heading, times and durations with two decimals.
void render_job_records_table(JobRecordReader& records, Output& out);
// Throws Error for a -o/--format string that is malformed, names an unknown
// field or sort key, or whose specs do not fit a field's type, so that no
// output starts before the error. (Every field has one type for all records,
// so formatting one sample record finds every such error.)
void check_job_records_format(const std::string& format);
// A -o/--format string with flux's OutputFormat rules.
// The sort keys of an -o format as the order keys of the query, every key
// of a field (none when it has none): SQLite's sorter spills to temporary
// files, so a million sorted records are never held in memory.
std::vector<store::JobOrder> job_records_order(const std::string& format);

void render_job_records_format(JobRecordReader& records, const std::string& format, Output& out);
// A JSON list of objects (jobid as a decimal number).
void render_job_records_json(JobRecordReader& records, Output& out);

}  // namespace fluxacct::cli
