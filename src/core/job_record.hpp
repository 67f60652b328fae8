// One finished Flux job as a source hands it over (a job-archive row, a JSON
// line), and the rule that turns it into a row of the `jobs` table or says
// why it is skipped. Pure: no SQL, no files. The same rule serves every
// source, so a job is recorded the same way however it arrives.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/json_scan.hpp"

namespace fluxacct::jobrec {

// A field as the source gave it, before any check. Text views point into the
// source's buffers and stay valid until the source moves on.
struct RawField {
  enum class Kind {
    kAbsent,   // no such key / column
    kNull,     // JSON null, SQL NULL
    kInteger,  // an SQLite integer
    kReal,     // an SQLite real
    kNumber,   // a JSON number literal, in `text`
    kText,     // a string (JSON strings decoded)
    kJson,     // a JSON object, array or boolean, its text in `text`
  };
  Kind kind = Kind::kAbsent;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view text;
  // For R and jobspec objects of a JSON line: the already validated, pruned
  // copy (see r_keep()), when the reader made one.
  std::string_view pruned{};

  static RawField integer_of(std::int64_t v) { return {Kind::kInteger, v, 0, {}}; }
  static RawField real_of(double v) { return {Kind::kReal, 0, v, {}}; }
  static RawField text_of(std::string_view t) { return {Kind::kText, 0, 0, t}; }
  static RawField json_of(std::string_view t) { return {Kind::kJson, 0, 0, t}; }
  static RawField number_of(std::string_view t) { return {Kind::kNumber, 0, 0, t}; }
  static RawField null() { return {Kind::kNull, 0, 0, {}}; }
};

struct RawJob {
  RawField id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec;
};

// Why a record was not recorded. The order is the order of the summary.
enum class Skip {
  kNone = 0,
  kNeverRan,       // no t_run, t_run 0, or R empty: the job never started
  kMissingField,   // a required field absent or null
  kBadField,       // a field of the wrong type (userid "abc", ranks 3)
  kBadJobId,       // id is not a Flux job ID
  kOutOfRange,     // a number too large or not finite (userid 1e20, t_run 1e300)
  kBadTimes,       // negative, or t_run < t_submit, or t_inactive < t_run
  kBadR,           // R does not parse as a Flux resource set
  kBadJobspec,     // jobspec does not parse
  kNotUtf8,        // text that is not UTF-8
  kMalformedLine,  // a JSON line that is not one JSON object (JSON lines only)
  kDuplicate,      // a job already recorded, or seen earlier in the input
  kCount
};
inline constexpr int kSkipReasons = static_cast<int>(Skip::kCount);

// "never ran", "unparsable R", … as the summary prints them.
std::string_view skip_name(Skip reason);

// The row written to `jobs`. Text views point into the RawJob.
struct JobRow {
  std::string id;  // decimal
  std::int64_t userid = 0;
  double t_submit = 0, t_run = 0, t_inactive = 0;
  std::string_view ranks, R, jobspec;
  std::string project, bank;      // "" when the jobspec names none (as upstream)
  double requested_duration = 0;  // jobspec attributes.system.duration, 0 if absent
  double actual_duration = 0;     // t_inactive - t_run
};

// Largest accepted time: 9999-12-31T23:59:59Z, the last second that dates
// can be printed for.
inline constexpr double kMaxTime = 253402300799.0;
// Flux user ids are 32-bit; 4294967295 is (uid_t)-1, "no user".
inline constexpr std::int64_t kMaxUserid = 4294967294;

// The members of R and of a jobspec that count_R() and parse_jobspec(…,
// Ignore) read: those parsers are given the pruned documents (the same
// answer as from the whole ones, without building a tree of the rest).
std::span<const json::Keep> r_keep();
std::span<const json::Keep> jobspec_keep();

// Turns raw records into rows, reusing its buffers from record to record.
class RowMaker {
 public:
  // Checks `raw` and fills `row`. Returns kNone when the job is to be
  // recorded, otherwise the reason, with a short `detail` for the verbose
  // listing ("t_inactive 10 is before t_run 20").
  Skip make(const RawJob& raw, JobRow& row, std::string& detail);

 private:
  // What a jobspec's attributes.system gives a job record, or why not.
  struct Attributes {
    std::string bank, project, error;
    double duration = 0;
  };
  // Jobs look alike: the verdict on a pruned R and the attributes of a
  // pruned jobspec are remembered (up to kMemoSize texts each, then
  // forgotten at once).
  static constexpr std::size_t kMemoSize = 4096;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const Attributes& attributes(std::string_view pruned);
  const std::string& r_error(std::string_view pruned);  // "" when R can be counted

  std::string pruned_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> r_memo_;  // text -> error
  std::unordered_map<std::string, Attributes, Hash, std::equal_to<>> memo_;
};

// True for text with nothing but JSON whitespace: a blank JSON line
// (skipped silently), an R column that is blank (a job that never ran).
bool is_blank_line(std::string_view line);

// The job's ID as text for messages: the decimal ID when it parsed, else the
// raw text, else "?".
std::string display_id(const RawJob& raw);

}  // namespace fluxacct::jobrec
