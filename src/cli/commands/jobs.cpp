// Job records: fetch-job-records, which fills the `jobs` table that
// update-usage charges from.
#include <fmt/format.h>
#include <sys/stat.h>

#include <array>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/job_pipeline.hpp"
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

// JSON lines: one record a line; blank lines are passed over.
class JsonLinesSource : public OutcomeSource {
 public:
  explicit JsonLinesSource(const std::string& path) : lines_(path) {}
  const std::string& name() const { return lines_.name(); }
  std::int64_t records_read() const override { return lines_.line_number(); }
  std::uint64_t bytes_read() const override { return lines_.bytes_read(); }
  std::uint64_t size() const { return lines_.size(); }

  bool next(Outcome& out) override {
    std::string_view line;
    bool too_long = false;
    do {
      if (!lines_.next(line, too_long)) return false;
    } while (!too_long && jobrec::is_blank_line(line));
    out.line = lines_.line_number();
    if (too_long) {
      out.skip = Skip::kMalformedLine;
      out.id = "?";
      out.detail = "the line is too long";
      return true;
    }
    out.skip = parser_.read(line, raw_, out.detail);
    if (out.skip == Skip::kNone) out.skip = maker_.make(raw_, row_, out.detail);
    if (out.skip == Skip::kNone)
      out.set_row(row_);
    else
      out.id = jobrec::display_id(raw_);
    return true;
  }

 private:
  LineReader lines_;
  jobrec::JsonLineReader parser_;
  jobrec::RawJob raw_;
  jobrec::RowMaker maker_;
  jobrec::JobRow row_;
};

// The rows of a job-archive database.
class ArchiveSource : public OutcomeSource {
 public:
  explicit ArchiveSource(const std::string& path) : archive_(path) {}
  std::int64_t records_read() const override { return archive_.rows_read(); }

  bool next(Outcome& out) override {
    if (!archive_.next(raw_)) return false;
    out.line = 0;
    out.skip = maker_.make(raw_, row_, out.detail);
    if (out.skip == Skip::kNone)
      out.set_row(row_);
    else
      out.id = jobrec::display_id(raw_);
    return true;
  }

 private:
  store::JobArchive archive_;
  jobrec::RawJob raw_;
  jobrec::RowMaker maker_;
  jobrec::JobRow row_;
};

// Writes a source's records in order, counting what becomes of each, with
// progress on a terminal. `size`: the input's size in bytes, 0 if unknown.
void ingest(OutcomeSource& source, const std::string& name, std::string_view unit,
            std::uint64_t size, store::JobWriter& writer, Tally& tally, Progress& progress) {
  std::int64_t records = 0;
  std::uint64_t bytes = 0;
  auto show = [&](bool force) {
    std::string text = fmt::format("{}: {}: {} {}", kProg, name, records, unit);
    if (size > 0)
      text +=
          fmt::format(" ({:.0f}%)", 100.0 * static_cast<double>(bytes) / static_cast<double>(size));
    progress.show(text, force);
  };
  run_pipeline(source, [&](const Batch& batch) {
    for (std::size_t i = 0; i < batch.size; ++i) {
      const Outcome& o = batch.items[i];
      const Where where{name, o.line};
      if (o.skip != Skip::kNone)
        tally.skipped(o.skip, where, o.id, o.detail);
      else if (writer.insert(o.row()))
        tally.added();
      else
        tally.skipped(Skip::kDuplicate, where, o.id, "already recorded");
    }
    records = batch.records_read;
    bytes = batch.bytes_read;
    if (progress.enabled()) show(false);
  });
  if (progress.enabled()) show(true);
}

// The job archive must not be the accounting database itself: this command
// holds it open for writing while the archive is read.
void check_not_same_file(const std::string& archive, const std::string& db) {
  struct stat a {
  }, d{};
  if (stat(archive.c_str(), &a) == 0 && stat(db.c_str(), &d) == 0 && a.st_dev == d.st_dev &&
      a.st_ino == d.st_ino)
    throw Error(fmt::format("job archive {} is the accounting database itself", archive));
}

int run_fetch_job_records(const Args& args, Context& ctx) {
  const auto copy = args.get("copy");
  const auto jsonl = args.get("jsonl");
  if (!copy && !jsonl)
    throw Error(
        "fetching job records from a running Flux instance is not supported by this build; "
        "give a job-archive database with --copy JOB_ARCHIVE_DB or JSON lines with --jsonl FILE");
  auto db = open_database(ctx.db_path, Access::kWrite);
  if (copy) check_not_same_file(*copy, ctx.db_path);
  // Sources are opened first, so that a bad one fails before anything else.
  std::unique_ptr<ArchiveSource> archive;
  std::unique_ptr<JsonLinesSource> lines;
  if (copy) archive = std::make_unique<ArchiveSource>(*copy);
  if (jsonl) lines = std::make_unique<JsonLinesSource>(*jsonl);
  sql::Transaction tx(db);
  store::create_job_indexes(db);
  store::JobWriter writer(db);
  Progress progress;
  Tally tally(args.count("verbose") > 0, progress);
  if (archive) ingest(*archive, *copy, "records", 0, writer, tally, progress);
  if (lines) ingest(*lines, lines->name(), "lines", lines->size(), writer, tally, progress);
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
