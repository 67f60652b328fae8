#include "cli/job_records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "cli/passwd.hpp"
#include "core/error.hpp"
#include "core/jobid.hpp"
#include "core/pyformat.hpp"
#include "core/utf8.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::int64_t kUnknownUserid = 4294967295;  // FLUX_USERID_UNKNOWN

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The stored ID is decimal; read other forms too, as upstream's JobID() does.
std::optional<std::uint64_t> read_id(std::string_view text) {
  if (!text.empty() && text.size() <= 19 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::uint64_t id = 0;
    for (char c : text) id = id * 10 + static_cast<std::uint64_t>(c - '0');
    return id;
  }
  try {
    return parse_jobid(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// The default table's columns, in upstream's order; the float ones show two decimals.
struct Column {
  JobField field;
  bool fixed2;
};
constexpr Column kTableColumns[] = {
    {JobField::kJobid, false},         {JobField::kUsername, false},
    {JobField::kUserid, false},        {JobField::kTSubmit, true},
    {JobField::kTRun, true},           {JobField::kTInactive, true},
    {JobField::kNnodes, false},        {JobField::kProject, false},
    {JobField::kBank, false},          {JobField::kRequestedDuration, true},
    {JobField::kActualDuration, true}, {JobField::kDurationDelta, true},
};

constexpr const char* kFieldNames[] = {"userid",
                                       "username",
                                       "jobid",
                                       "t_submit",
                                       "t_run",
                                       "t_inactive",
                                       "nnodes",
                                       "resources",
                                       "project",
                                       "bank",
                                       "requested_duration",
                                       "actual_duration",
                                       "duration_delta",
                                       "jobid.dec",
                                       "jobid.hex",
                                       "jobid.dothex",
                                       "jobid.kvs",
                                       "jobid.words",
                                       "jobid.emoji",
                                       "jobid.f58plain",
                                       "jobid.f58",
                                       "ncores",
                                       "ngpus"};
static_assert(std::size(kFieldNames) == static_cast<std::size_t>(JobField::kCount));

bool is_jobid(JobField f) {
  return f == JobField::kJobid || (f >= JobField::kJobidDec && f <= JobField::kJobidF58);
}

double number(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  return 0.0;
}

// Prints the header and the lines of `format` (the header even with no records).
void print_with(OutputFormat& format, JobRecordReader& records, Output& out) {
  JobRecord rec;
  auto getter = [&rec](std::size_t f) { return job_record_field(rec, JobField(f)); };
  if (format.needs_scan()) {
    while (records.next(rec)) format.observe(getter);
    format.resolve();
    records.rewind();
  }
  out.line(format.header());
  // Sorted, if at all, by the query (job_records_order).
  while (records.next(rec)) {
    auto line = format.format(getter);
    if (!line.empty()) out.line(line);
  }
}

}  // namespace

JobRecordReader::JobRecordReader(sql::Connection& db, const store::JobFilter& filter, Needs needs,
                                 const std::vector<store::JobOrder>& order)
    : query_(db, filter, order, [this](std::int64_t uid) { return username(uid); }),
      needs_(needs) {}

void JobRecordReader::rewind() { query_.rewind(); }

const std::string& JobRecordReader::username(std::int64_t uid) {
  auto it = usernames_.find(uid);
  if (it == usernames_.end())
    it = usernames_.emplace(uid, passwd_username(uid).value_or(std::to_string(uid))).first;
  return it->second;
}

bool JobRecordReader::next(JobRecord& rec) {
  store::JobRow row;
  while (query_.next(row)) {
    // Counted (by the query when it sorted by a count) again on a second
    // pass rather than remembered per record: memory stays flat however many
    // records there are.
    const auto counts = row.counted ? row.counts : r_counter_.count(row.R);
    if (!counts) continue;
    auto id = read_id(row.id);
    if (!id) continue;
    rec.id = *id;
    rec.userid = row.userid;
    if (needs_.username) rec.username = username(row.userid);
    rec.t_submit = row.t_submit;
    rec.t_run = row.t_run;
    rec.t_inactive = row.t_inactive;
    rec.counts = *counts;
    if (needs_.resources) rec.resources.assign(row.R);
    rec.project.assign(row.project);
    rec.bank.assign(row.bank);
    rec.requested_duration = row.requested_duration;
    rec.actual_duration = row.actual_duration;
    return true;
  }
  return false;
}

std::int64_t resolve_userid(sql::Connection& db, const std::string& user) {
  if (auto uid = passwd_uid(user)) return *uid;
  if (auto uid = store::association_userid(db, user)) return *uid;
  if (all_digits(user)) {
    const long long n = std::stoll(user);
    if (n < kUnknownUserid) return n;
  }
  return kUnknownUserid;
}

const OutputFormat::Headings& job_record_headings() {
  static const OutputFormat::Headings headings = [] {
    OutputFormat::Headings h;
    for (const char* f : kFieldNames) h.emplace_back(f, f);
    return h;
  }();
  return headings;
}

Value job_record_field(const JobRecord& r, JobField f) {
  switch (f) {
    case JobField::kUserid:
      return r.userid;
    case JobField::kUsername:
      return r.username;
    case JobField::kJobid:
    case JobField::kJobidF58:
      return format_jobid(r.id, JobIdForm::F58);
    case JobField::kTSubmit:
      return r.t_submit;
    case JobField::kTRun:
      return r.t_run;
    case JobField::kTInactive:
      return r.t_inactive;
    case JobField::kNnodes:
      return r.counts.nnodes;
    case JobField::kResources:
      return r.resources;
    case JobField::kProject:
      return r.project;
    case JobField::kBank:
      return r.bank;
    case JobField::kRequestedDuration:
      return r.requested_duration;
    case JobField::kActualDuration:
      return r.actual_duration;
    case JobField::kDurationDelta:
      return r.duration_delta();
    case JobField::kJobidDec:
      return format_jobid(r.id, JobIdForm::Dec);
    case JobField::kJobidHex:
      return format_jobid(r.id, JobIdForm::Hex);
    case JobField::kJobidDotHex:
      return format_jobid(r.id, JobIdForm::DotHex);
    case JobField::kJobidKvs:
      return format_jobid(r.id, JobIdForm::Kvs);
    case JobField::kJobidWords:
      return format_jobid(r.id, JobIdForm::Words);
    case JobField::kJobidEmoji:
      return format_jobid(r.id, JobIdForm::Emoji);
    case JobField::kJobidF58Plain:
      return format_jobid(r.id, JobIdForm::F58Plain);
    case JobField::kNcores:
      return r.counts.ncores;
    case JobField::kNgpus:
      return r.counts.ngpus;
    case JobField::kCount:
      break;
  }
  return {};
}

void render_job_records_table(JobRecordReader& records, Output& out) {
  // What upstream's "{jobid:<W} | {username:<W} | … {t_submit:<W.2f} …"
  // prints, written directly: this is the common listing, and a format
  // string per field costs several times more.
  constexpr std::size_t kColumns = std::size(kTableColumns);
  std::string cell;
  auto cell_of = [&cell](const JobRecord& r, const Column& c) -> const std::string& {
    cell.clear();
    if (c.fixed2) {
      fmt::format_to(std::back_inserter(cell), "{:.2f}", number(job_record_field(r, c.field)));
      return cell;
    }
    switch (c.field) {
      case JobField::kUsername:
        return r.username;
      case JobField::kProject:
        return r.project;
      case JobField::kBank:
        return r.bank;
      case JobField::kJobid:
        cell = format_jobid(r.id, JobIdForm::F58);
        return cell;
      default:
        cell = py::str(job_record_field(r, c.field));
        return cell;
    }
  };
  std::size_t width[kColumns];
  for (std::size_t i = 0; i < kColumns; ++i)
    width[i] = utf8_length(kFieldNames[static_cast<std::size_t>(kTableColumns[i].field)]);
  JobRecord rec;
  while (records.next(rec))
    for (std::size_t i = 0; i < kColumns; ++i)
      width[i] = std::max(width[i], utf8_length(cell_of(rec, kTableColumns[i])));
  records.rewind();

  std::string line;
  auto append = [&line, &width](std::size_t i, const std::string& text) {
    if (i) line += " | ";
    line += text;
    const std::size_t n = utf8_length(text);
    if (n < width[i]) line.append(width[i] - n, ' ');
  };
  for (std::size_t i = 0; i < kColumns; ++i)
    append(i, kFieldNames[static_cast<std::size_t>(kTableColumns[i].field)]);
  out.line(line);
  while (records.next(rec)) {
    line.clear();
    for (std::size_t i = 0; i < kColumns; ++i) append(i, cell_of(rec, kTableColumns[i]));
    out.line(line);
  }
}

void check_job_records_format(const std::string& format) {
  OutputFormat f(format, job_record_headings());
  JobRecord sample;
  sample.id = 1;
  sample.userid = 1;
  sample.username = sample.project = sample.bank = sample.resources = "x";
  sample.t_submit = sample.t_run = sample.t_inactive = 1;
  sample.requested_duration = sample.actual_duration = 1;
  sample.counts = {1, 1, 1};
  f.format([&sample](std::size_t field) { return job_record_field(sample, JobField(field)); });
}

std::vector<store::JobOrder> job_records_order(const std::string& format) {
  using Column = store::JobOrder::Column;
  OutputFormat f(format, job_record_headings());
  std::vector<store::JobOrder> order;
  for (const auto& k : f.sort_keys()) {
    const auto field = JobField(k.index);
    std::optional<Column> column;
    if (is_jobid(field)) column = Column::kId;
    switch (field) {
      case JobField::kUserid:
        column = Column::kUserid;
        break;
      case JobField::kTSubmit:
        column = Column::kTSubmit;
        break;
      case JobField::kTRun:
        column = Column::kTRun;
        break;
      case JobField::kTInactive:
        column = Column::kTInactive;
        break;
      case JobField::kProject:
        column = Column::kProject;
        break;
      case JobField::kBank:
        column = Column::kBank;
        break;
      case JobField::kRequestedDuration:
        column = Column::kRequestedDuration;
        break;
      case JobField::kActualDuration:
        column = Column::kActualDuration;
        break;
      case JobField::kDurationDelta:
        column = Column::kDurationDelta;
        break;
      case JobField::kResources:
        column = Column::kResources;
        break;
      case JobField::kNnodes:
        column = Column::kNnodes;
        break;
      case JobField::kNcores:
        column = Column::kNcores;
        break;
      case JobField::kNgpus:
        column = Column::kNgpus;
        break;
      case JobField::kUsername:
        column = Column::kUsername;
        break;
      default:
        break;
    }
    if (!column) throw Error(fmt::format("cannot sort job records by {}", k.index));
    order.push_back({.column = *column, .descending = k.reverse});
  }
  return order;
}

void render_job_records_format(JobRecordReader& records, const std::string& format, Output& out) {
  OutputFormat f(format, job_record_headings());
  print_with(f, records, out);
}

void render_job_records_json(JobRecordReader& records, Output& out) {
  static constexpr JobField kFields[] = {
      JobField::kJobid,          JobField::kUsername,     JobField::kUserid,
      JobField::kTSubmit,        JobField::kTRun,         JobField::kTInactive,
      JobField::kNnodes,         JobField::kNcores,       JobField::kNgpus,
      JobField::kProject,        JobField::kBank,         JobField::kRequestedDuration,
      JobField::kActualDuration, JobField::kDurationDelta};
  JobRecord rec;
  std::string buf;
  bool first = true;
  out.write("[");
  while (records.next(rec)) {
    buf.assign(first ? "\n  {" : ",\n  {");
    first = false;
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
      const JobField f = kFields[i];
      buf += i ? ",\n    \"" : "\n    \"";
      buf += kFieldNames[static_cast<std::size_t>(f)];
      buf += "\": ";
      // The job ID as a plain number (it may not fit a signed 64-bit value).
      buf += f == JobField::kJobid ? std::to_string(rec.id) : py::json(job_record_field(rec, f));
    }
    buf += "\n  }";
    out.write(buf);
  }
  out.write(first ? "]\n" : "\n]\n");
}

}  // namespace fluxacct::cli
