#include "core/job_record.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/flux_r.hpp"
#include "core/jobid.hpp"
#include "core/jobspec.hpp"
#include "core/json_scan.hpp"
#include "core/utf8.hpp"

namespace fluxacct::jobrec {
namespace {

using Kind = RawField::Kind;

bool is_number(const RawField& f) {
  return f.kind == Kind::kInteger || f.kind == Kind::kReal || f.kind == Kind::kNumber;
}

bool is_missing(const RawField& f) { return f.kind == Kind::kAbsent || f.kind == Kind::kNull; }

bool is_integer_literal(std::string_view s) {
  return s.find_first_of(".eE") == std::string_view::npos;
}

// The value of a numeric field as a double; a literal too large for a
// double gives infinity (caught as out of range).
double to_double(const RawField& f) {
  switch (f.kind) {
    case Kind::kInteger:
      return static_cast<double>(f.integer);
    case Kind::kReal:
      return f.real;
    default: {
      double v = 0;
      auto [p, ec] = std::from_chars(f.text.data(), f.text.data() + f.text.size(), v);
      if (ec == std::errc::result_out_of_range)
        return f.text.starts_with('-') ? -HUGE_VAL : HUGE_VAL;
      return v;
    }
  }
}

// Text for messages: at most 40 bytes, anything unprintable as '?'.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40))
    out +=
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) ? '?' : c;
  if (s.size() > 40) out += "...";
  return out;
}

std::string field_text(const RawField& f) {
  switch (f.kind) {
    case Kind::kInteger:
      return std::to_string(f.integer);
    case Kind::kReal:
      return fmt::format("{}", f.real);
    case Kind::kAbsent:
    case Kind::kNull:
      return "null";
    default:
      return printable(f.text);
  }
}

// The job ID as decimal text; false with a reason when it is not one.
Skip job_id(const RawField& f, std::string& out, std::string& detail) {
  switch (f.kind) {
    case Kind::kInteger:
      if (f.integer < 0) break;
      out = std::to_string(f.integer);
      return Skip::kNone;
    case Kind::kReal:
      if (!(f.real >= 0 && f.real < 18446744073709551616.0) || std::floor(f.real) != f.real) break;
      out = std::to_string(static_cast<std::uint64_t>(f.real));
      return Skip::kNone;
    case Kind::kNumber: {
      std::uint64_t v = 0;
      auto [p, ec] = std::from_chars(f.text.data(), f.text.data() + f.text.size(), v);
      if (ec != std::errc() || p != f.text.data() + f.text.size()) break;
      out = std::to_string(v);
      return Skip::kNone;
    }
    case Kind::kText:
      try {
        out = std::to_string(parse_jobid(f.text));
        return Skip::kNone;
      } catch (const Error&) {
      }
      break;
    default:
      break;
  }
  detail = fmt::format("id {} is not a Flux job ID", field_text(f));
  return Skip::kBadJobId;
}

Skip userid(const RawField& f, std::int64_t& out, std::string& detail) {
  if (!is_number(f)) {
    detail = fmt::format("userid {} is not a number", field_text(f));
    return Skip::kBadField;
  }
  if (f.kind == Kind::kInteger) {
    out = f.integer;
  } else if (f.kind == Kind::kNumber && is_integer_literal(f.text)) {
    auto [p, ec] = std::from_chars(f.text.data(), f.text.data() + f.text.size(), out);
    if (ec != std::errc()) out = f.text.starts_with('-') ? -1 : kMaxUserid + 1;  // too large
  } else {
    const double v = to_double(f);
    if (std::isfinite(v) && std::floor(v) != v) {
      detail = fmt::format("userid {} is not an integer", field_text(f));
      return Skip::kBadField;
    }
    out = !std::isfinite(v) || v > static_cast<double>(kMaxUserid) ? kMaxUserid + 1
          : v < 0                                                  ? -1
                                                                   : static_cast<std::int64_t>(v);
  }
  if (out < 0 || out > kMaxUserid) {
    detail = fmt::format("userid {} is not between 0 and {}", field_text(f), kMaxUserid);
    return Skip::kOutOfRange;
  }
  return Skip::kNone;
}

Skip time_field(const char* name, const RawField& f, double& out, std::string& detail) {
  if (!is_number(f)) {
    detail = fmt::format("{} {} is not a number", name, field_text(f));
    return Skip::kBadField;
  }
  out = to_double(f);
  if (!std::isfinite(out) || out > kMaxTime) {
    detail = fmt::format("{} {} is out of range", name, field_text(f));
    return Skip::kOutOfRange;
  }
  if (out < 0) {
    detail = fmt::format("{} {} is negative", name, field_text(f));
    return Skip::kBadTimes;
  }
  return Skip::kNone;
}

constexpr json::Keep kExecutionKeep[] = {{"R_lite"}};
constexpr json::Keep kRKeep[] = {{"version"}, {"execution", kExecutionKeep}};
constexpr json::Keep kSystemKeep[] = {{"bank"}, {"project"}, {"queue"}, {"duration"}};
constexpr json::Keep kAttributesKeep[] = {{"system", kSystemKeep}};
constexpr json::Keep kJobspecKeep[] = {{"attributes", kAttributesKeep}};

// The pruned text of R or a jobspec: made by the JSON-lines reader, or here
// (into `out`). False, with the reason in `detail`, when it is not a JSON
// object.
bool pruned_text(std::string_view what, const RawField& f, std::span<const json::Keep> keep,
                 std::string& out, std::string_view& text, std::string& detail) {
  if (f.kind == Kind::kJson && f.pruned.data()) {
    text = f.pruned;
    return true;
  }
  out.clear();
  switch (f.kind == Kind::kText || f.kind == Kind::kJson ? json::prune_object(f.text, keep, out)
                                                         : json::Shape::kNotObject) {
    case json::Shape::kObject:
      text = out;
      return true;
    case json::Shape::kNotObject:
      detail = fmt::format("{} is not a JSON object", what);
      return false;
    case json::Shape::kInvalid:
      break;
  }
  detail = fmt::format("{} is not valid JSON", what);
  return false;
}

}  // namespace

std::string_view skip_name(Skip reason) {
  switch (reason) {
    case Skip::kNone:
      return "recorded";
    case Skip::kNeverRan:
      return "never ran";
    case Skip::kMissingField:
      return "missing field";
    case Skip::kBadField:
      return "bad field";
    case Skip::kBadJobId:
      return "bad job ID";
    case Skip::kOutOfRange:
      return "out of range";
    case Skip::kBadTimes:
      return "bad times";
    case Skip::kBadR:
      return "unparsable R";
    case Skip::kBadJobspec:
      return "unparsable jobspec";
    case Skip::kNotUtf8:
      return "not UTF-8";
    case Skip::kMalformedLine:
      return "malformed JSON";
    case Skip::kDuplicate:
      return "duplicate";
    case Skip::kCount:
      break;
  }
  return "?";
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string display_id(const RawJob& raw) {
  switch (raw.id.kind) {
    case Kind::kAbsent:
    case Kind::kNull:
      return "?";
    default: {
      std::string id, ignored;
      if (job_id(raw.id, id, ignored) == Skip::kNone) return id;
      return field_text(raw.id);
    }
  }
}

std::span<const json::Keep> r_keep() { return kRKeep; }
std::span<const json::Keep> jobspec_keep() { return kJobspecKeep; }

const std::string& RowMaker::r_error(std::string_view pruned) {
  if (auto it = r_memo_.find(pruned); it != r_memo_.end()) return it->second;
  if (r_memo_.size() >= kMemoSize) r_memo_.clear();
  std::string error;
  try {
    count_R(pruned);
  } catch (const Error& e) {
    error = e.what();
  }
  return r_memo_.emplace(std::string(pruned), std::move(error)).first->second;
}

const RowMaker::Attributes& RowMaker::attributes(std::string_view pruned) {
  if (auto it = memo_.find(pruned); it != memo_.end()) return it->second;
  if (memo_.size() >= kMemoSize) memo_.clear();
  Attributes a;
  try {
    JobspecInfo info = parse_jobspec(pruned, JobspecResources::Ignore);
    a.bank = info.bank.value_or("");
    a.project = info.project.value_or("");
    a.duration = info.duration.value_or(0.0);
  } catch (const Error& e) {
    a.error = e.what();
  }
  return memo_.emplace(std::string(pruned), std::move(a)).first->second;
}

Skip RowMaker::make(const RawJob& raw, JobRow& row, std::string& detail) {
  detail.clear();
  // Text first: nothing that is not UTF-8 may reach a text column.
  for (const RawField* f : {&raw.id, &raw.ranks, &raw.R, &raw.jobspec})
    if ((f->kind == Kind::kText || f->kind == Kind::kJson) && !is_valid_utf8(f->text)) {
      detail = "text that is not UTF-8";
      return Skip::kNotUtf8;
    }

  // Jobs that never started have no t_run (or 0) and no R.
  if (is_missing(raw.t_run)) {
    detail = "no t_run";
    return Skip::kNeverRan;
  }
  if (is_number(raw.t_run) && to_double(raw.t_run) == 0) {
    detail = "t_run is 0";
    return Skip::kNeverRan;
  }
  if (is_missing(raw.R) || (raw.R.kind == Kind::kText && is_blank_line(raw.R.text))) {
    detail = "no R";
    return Skip::kNeverRan;
  }

  static constexpr const char* kNames[] = {"id",         "userid", "t_submit", "t_run",
                                           "t_inactive", "ranks",  "R",        "jobspec"};
  const RawField* fields[] = {&raw.id,         &raw.userid, &raw.t_submit, &raw.t_run,
                              &raw.t_inactive, &raw.ranks,  &raw.R,        &raw.jobspec};
  for (std::size_t i = 0; i < std::size(fields); ++i)
    if (is_missing(*fields[i])) {
      detail = fmt::format("no {}", kNames[i]);
      return Skip::kMissingField;
    }

  Skip s;
  if ((s = job_id(raw.id, row.id, detail)) != Skip::kNone) return s;
  if ((s = userid(raw.userid, row.userid, detail)) != Skip::kNone) return s;
  if ((s = time_field("t_submit", raw.t_submit, row.t_submit, detail)) != Skip::kNone) return s;
  if ((s = time_field("t_run", raw.t_run, row.t_run, detail)) != Skip::kNone) return s;
  if ((s = time_field("t_inactive", raw.t_inactive, row.t_inactive, detail)) != Skip::kNone)
    return s;
  if (row.t_run < row.t_submit) {
    detail = fmt::format("t_run {} is before t_submit {}", row.t_run, row.t_submit);
    return Skip::kBadTimes;
  }
  if (row.t_inactive < row.t_run) {
    detail = fmt::format("t_inactive {} is before t_run {}", row.t_inactive, row.t_run);
    return Skip::kBadTimes;
  }
  if (raw.ranks.kind != Kind::kText) {
    detail = fmt::format("ranks {} is not a string", field_text(raw.ranks));
    return Skip::kBadField;
  }
  row.ranks = raw.ranks.text;

  std::string_view text;
  if (!pruned_text("R", raw.R, kRKeep, pruned_, text, detail)) return Skip::kBadR;
  if (const std::string& error = r_error(text); !error.empty()) {
    detail = error;
    return Skip::kBadR;
  }
  row.R = raw.R.text;

  if (!pruned_text("jobspec", raw.jobspec, kJobspecKeep, pruned_, text, detail))
    return Skip::kBadJobspec;
  row.jobspec = raw.jobspec.text;
  const Attributes& a = attributes(text);
  if (!a.error.empty()) {
    detail = a.error;
    return Skip::kBadJobspec;
  }
  row.bank = a.bank;
  row.project = a.project;
  row.requested_duration = a.duration;
  if (!std::isfinite(row.requested_duration)) {
    detail = "jobspec duration is out of range";
    return Skip::kOutOfRange;
  }
  row.actual_duration = row.t_inactive - row.t_run;
  return Skip::kNone;
}

}  // namespace fluxacct::jobrec
