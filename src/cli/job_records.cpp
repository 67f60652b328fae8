#include "cli/job_records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "cli/passwd.hpp"
#include "core/error.hpp"
#include "core/jobid.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::int64_t kUnknownUserid = 4294967295;  // FLUX_USERID_UNKNOWN

std::size_t text_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::uint64_t> read_id(std::string_view text) {
  try {
    return parse_jobid(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// The default table's columns, in upstream's order; the float ones show two decimals.
struct Column {
  const char* field;
  bool fixed2;
};
constexpr Column kTableColumns[] = {
    {"jobid", false},          {"username", false},
    {"userid", false},         {"t_submit", true},
    {"t_run", true},           {"t_inactive", true},
    {"nnodes", false},         {"project", false},
    {"bank", false},           {"requested_duration", true},
    {"actual_duration", true}, {"duration_delta", true},
};

// Prints the header and the lines of `format` (the header even with no records).
void print_with(OutputFormat& format, JobRecordReader& records, Output& out) {
  JobRecord rec;
  auto getter = [&rec](std::string_view f) { return job_record_field(rec, f); };
  if (format.needs_scan()) {
    while (records.next(rec)) format.observe(getter);
    format.resolve();
    records.rewind();
  }
  out.line(format.header());
  if (format.sort_keys().empty()) {
    while (records.next(rec)) {
      auto line = format.format(getter);
      if (!line.empty()) out.line(line);
    }
    return;
  }
  std::vector<JobRecord> all;
  while (records.next(rec)) all.push_back(std::move(rec));
  // Python sorts once per key, last key first; each sort is stable. Job IDs
  // sort by number in every form.
  const auto& keys = format.sort_keys();
  for (auto k = keys.rbegin(); k != keys.rend(); ++k) {
    const bool by_id = k->field == "jobid" || k->field.rfind("jobid.", 0) == 0;
    auto less = [&](const JobRecord& a, const JobRecord& b) {
      if (by_id) return a.id < b.id;
      const Value va = job_record_field(a, k->field), vb = job_record_field(b, k->field);
      auto num = [](const Value& v) {
        if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
        if (auto* d = std::get_if<double>(&v)) return *d;
        return 0.0;
      };
      if (std::holds_alternative<std::string>(va) && std::holds_alternative<std::string>(vb))
        return std::get<std::string>(va) < std::get<std::string>(vb);
      return num(va) < num(vb);
    };
    if (k->reverse)
      std::stable_sort(all.begin(), all.end(),
                       [&](const JobRecord& a, const JobRecord& b) { return less(b, a); });
    else
      std::stable_sort(all.begin(), all.end(), less);
  }
  for (const auto& r : all) {
    auto line = format.format([&r](std::string_view f) { return job_record_field(r, f); });
    if (!line.empty()) out.line(line);
  }
}

}  // namespace

JobRecordReader::JobRecordReader(sql::Connection& db, const store::JobFilter& filter,
                                 bool keep_resources)
    : query_(db, filter), keep_resources_(keep_resources) {}

void JobRecordReader::rewind() {
  query_.rewind();
  row_ = 0;
  first_pass_ = false;
}

const std::string& JobRecordReader::username(std::int64_t uid) {
  auto it = usernames_.find(uid);
  if (it == usernames_.end())
    it = usernames_.emplace(uid, passwd_username(uid).value_or(std::to_string(uid))).first;
  return it->second;
}

bool JobRecordReader::next(JobRecord& rec) {
  store::JobRow row;
  while (query_.next(row)) {
    const std::size_t i = row_++;
    if (first_pass_) {
      std::optional<ResourceCounts> counts;
      try {
        counts = count_R(row.R);
      } catch (const Error&) {
      }
      counts_.push_back(counts);
    }
    if (i >= counts_.size() || !counts_[i]) continue;
    auto id = read_id(row.id);
    if (!id) continue;
    rec.id = *id;
    rec.userid = row.userid;
    rec.username = username(row.userid);
    rec.t_submit = row.t_submit;
    rec.t_run = row.t_run;
    rec.t_inactive = row.t_inactive;
    rec.counts = *counts_[i];
    if (keep_resources_) rec.resources.assign(row.R);
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
    for (const char* f : {"userid",
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
                          "ngpus"})
      h.emplace_back(f, f);
    return h;
  }();
  return headings;
}

Value job_record_field(const JobRecord& r, std::string_view f) {
  if (f == "jobid") return format_jobid(r.id, JobIdForm::F58);
  if (f.rfind("jobid.", 0) == 0) {
    if (auto form = jobid_form_from_name(f.substr(6))) return format_jobid(r.id, *form);
    return {};
  }
  if (f == "userid") return r.userid;
  if (f == "username") return r.username;
  if (f == "t_submit") return r.t_submit;
  if (f == "t_run") return r.t_run;
  if (f == "t_inactive") return r.t_inactive;
  if (f == "nnodes") return r.counts.nnodes;
  if (f == "ncores") return r.counts.ncores;
  if (f == "ngpus") return r.counts.ngpus;
  if (f == "resources") return r.resources;
  if (f == "project") return r.project;
  if (f == "bank") return r.bank;
  if (f == "requested_duration") return r.requested_duration;
  if (f == "actual_duration") return r.actual_duration;
  if (f == "duration_delta") return r.duration_delta();
  return {};
}

void render_job_records_table(JobRecordReader& records, Output& out) {
  std::vector<std::size_t> width;
  for (const auto& c : kTableColumns) width.push_back(text_length(c.field));
  JobRecord rec;
  while (records.next(rec)) {
    for (std::size_t i = 0; i < std::size(kTableColumns); ++i) {
      const Value v = job_record_field(rec, kTableColumns[i].field);
      const std::string text = kTableColumns[i].fixed2 ? py::format_value(v, ".2f") : py::str(v);
      width[i] = std::max(width[i], text_length(text));
    }
  }
  records.rewind();
  std::string format;
  for (std::size_t i = 0; i < std::size(kTableColumns); ++i)
    format += fmt::format("{}{{{}:<{}{}}}", i ? " | " : "", kTableColumns[i].field, width[i],
                          kTableColumns[i].fixed2 ? ".2f" : "");
  OutputFormat table(format, job_record_headings());
  print_with(table, records, out);
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
  f.format([&sample](std::string_view field) { return job_record_field(sample, field); });
}

void render_job_records_format(JobRecordReader& records, const std::string& format, Output& out) {
  OutputFormat f(format, job_record_headings());
  print_with(f, records, out);
}

void render_job_records_json(JobRecordReader& records, Output& out) {
  static constexpr const char* kFields[] = {
      "jobid",           "username",      "userid", "t_submit", "t_run", "t_inactive",
      "nnodes",          "ncores",        "ngpus",  "project",  "bank",  "requested_duration",
      "actual_duration", "duration_delta"};
  JobRecord rec;
  bool first = true;
  out.write("[");
  while (records.next(rec)) {
    out.write(first ? "\n  {" : ",\n  {");
    first = false;
    bool first_field = true;
    for (const char* f : kFields) {
      // The job ID as a plain number (it may not fit a signed 64-bit value).
      const std::string value = std::string_view(f) == "jobid" ? std::to_string(rec.id)
                                                               : py::json(job_record_field(rec, f));
      out.write(fmt::format("{}\n    {}: {}", first_field ? "" : ",", py::json_string(f), value));
      first_field = false;
    }
    out.write("\n  }");
  }
  out.write(first ? "]\n" : "\n]\n");
}

}  // namespace fluxacct::cli
