// Job records: fetch-job-records, which fills the `jobs` table that
// update-usage charges from.
#include <fmt/format.h>

#include <array>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/line_reader.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/job_line.hpp"
#include "core/job_record.hpp"
#include "store/database.hpp"
#include "store/job_records.hpp"

namespace fluxacct::cli {
namespace {

using jobrec::Skip;

constexpr const char* kProg = "fetch-job-records";

void define_fetch_job_records(Parser& p) {
  p.option({.flags = {"-c", "--copy"},
            .metavar = "JOB_ARCHIVE_DB",
            .help = "copy the job records of a flux-core job-archive database (its jobs table)"});
  p.option({.flags = {"--jsonl"},
            .metavar = "FILE",
            .help = "read job records as JSON lines, one object per line with the keys id, "
                    "userid, t_submit, t_run, t_inactive, ranks, R and jobspec ('-' reads "
                    "standard input)"});
  p.option({.flags = {"-v", "--verbose"},
            .kind = Kind::kCount,
            .help = "list every skipped record and the reason"});
  p.epilog(
      "Each job is recorded once, with the bank, project and requested duration of its jobspec "
      "and its actual duration (t_inactive - t_run). Records that cannot be used (jobs that "
      "never ran, missing or bad fields, unparsable R or jobspec, jobs already recorded) are "
      "skipped and counted; a summary goes to standard error. Everything is written in one "
      "transaction.");
}

struct Where {
  std::string_view name;
  std::int64_t line = 0;
};

// Counts what happened to each record and reports on stderr.
class Tally {
 public:
  Tally(bool verbose, Progress& progress) : verbose_(verbose), progress_(progress) {}

  void added() { ++added_; }

  // `where` is the input's name and line number (0 for a database row).
  void skipped(Skip reason, const Where& where, const std::string& id, const std::string& detail) {
    ++skipped_[static_cast<std::size_t>(reason)];
    if (!verbose_) return;
    progress_.clear();
    std::string line = where.line > 0
                           ? fmt::format("{}: {}:{}: job {} skipped: {}", kProg, where.name,
                                         where.line, id, jobrec::skip_name(reason))
                           : fmt::format("{}: {}: job {} skipped: {}", kProg, where.name, id,
                                         jobrec::skip_name(reason));
    if (!detail.empty()) line += fmt::format(" ({})", detail);
    std::fprintf(stderr, "%s\n", line.c_str());
  }

  std::int64_t records() const {
    std::int64_t n = added_;
    for (auto s : skipped_) n += s;
    return n;
  }

  std::string summary() const {
    std::int64_t total = 0;
    std::string reasons;
    for (int r = 1; r < jobrec::kSkipReasons; ++r) {
      const auto n = skipped_[static_cast<std::size_t>(r)];
      if (n == 0) continue;
      total += n;
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", n,
                             jobrec::skip_name(static_cast<Skip>(r)));
    }
    std::string s = fmt::format("{}: {} added, {} skipped", kProg, added_, total);
    if (total > 0) s += " (" + reasons + ")";
    return s;
  }

 private:
  bool verbose_;
  std::int64_t added_ = 0;
  std::array<std::int64_t, jobrec::kSkipReasons> skipped_{};
  Progress& progress_;  // erased before each verbose line
};

// Checks one raw record and records it, or counts why not.
void ingest(const jobrec::RawJob& raw, jobrec::RowMaker& maker, jobrec::JobRow& row,
            std::string& detail, store::JobWriter& writer, Tally& tally, const Where& where) {
  const Skip s = maker.make(raw, row, detail);
  if (s != Skip::kNone) {
    tally.skipped(s, where, jobrec::display_id(raw), detail);
    return;
  }
  if (writer.insert(row)) {
    tally.added();
  } else {
    tally.skipped(Skip::kDuplicate, where, row.id, "already recorded");
  }
}

// Shown every 1024 records (Progress itself shows at most ten a second),
// and once more, forced, at the end.
constexpr std::int64_t kProgressEvery = 1024;

void copy_archive(const std::string& path, store::JobWriter& writer, Tally& tally,
                  Progress& progress) {
  store::JobArchive archive(path);
  jobrec::RawJob raw;
  jobrec::RowMaker maker;
  jobrec::JobRow row;
  std::string detail;
  auto show = [&](bool force) {
    progress.show(fmt::format("{}: {}: {} records", kProg, path, archive.rows_read()), force);
  };
  while (archive.next(raw)) {
    ingest(raw, maker, row, detail, writer, tally, {path, 0});
    if (progress.enabled() && archive.rows_read() % kProgressEvery == 1) show(false);
  }
  if (progress.enabled()) show(true);
}

void read_jsonl(const std::string& path, store::JobWriter& writer, Tally& tally,
                Progress& progress) {
  LineReader lines(path);
  jobrec::JsonLineReader parser;
  jobrec::RawJob raw;
  jobrec::RowMaker maker;
  jobrec::JobRow row;
  std::string detail;
  std::string_view line;
  bool too_long = false;
  auto show = [&](bool force) {
    std::string text = fmt::format("{}: {}: {} lines", kProg, lines.name(), lines.line_number());
    if (lines.size() > 0)
      text += fmt::format(" ({:.0f}%)", 100.0 * static_cast<double>(lines.bytes_read()) /
                                            static_cast<double>(lines.size()));
    progress.show(text, force);
  };
  while (lines.next(line, too_long)) {
    if (progress.enabled() && lines.line_number() % kProgressEvery == 1) show(false);
    const Where where{lines.name(), lines.line_number()};
    if (too_long) {
      tally.skipped(Skip::kMalformedLine, where, "?", "the line is too long");
      continue;
    }
    if (jobrec::is_blank_line(line)) continue;
    const Skip s = parser.read(line, raw, detail);
    if (s != Skip::kNone) {
      tally.skipped(s, where, jobrec::display_id(raw), detail);
      continue;
    }
    ingest(raw, maker, row, detail, writer, tally, where);
  }
  if (progress.enabled()) show(true);
}

int run_fetch_job_records(const Args& args, Context& ctx) {
  const auto copy = args.get("copy");
  const auto jsonl = args.get("jsonl");
  if (!copy && !jsonl)
    throw Error(
        "fetching job records from a running Flux instance is not supported by this build; "
        "give a job-archive database with --copy JOB_ARCHIVE_DB or JSON lines with --jsonl FILE");
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::create_job_indexes(db);
  store::JobWriter writer(db);
  Progress progress;
  Tally tally(args.count("verbose") > 0, progress);
  if (copy) copy_archive(*copy, writer, tally, progress);
  if (jsonl) read_jsonl(*jsonl, writer, tally, progress);
  progress.clear();
  tx.commit();
  std::fflush(stdout);
  std::fprintf(stderr, "%s\n", tally.summary().c_str());
  return 0;
}

}  // namespace

std::vector<Command> job_commands() {
  return {
      {"fetch-job-records",
       "add finished jobs to the job records (from a job archive or JSON lines)",
       define_fetch_job_records, run_fetch_job_records},
  };
}

}  // namespace fluxacct::cli
