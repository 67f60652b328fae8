#include "core/job_record.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/flux_r.hpp"
#include "core/job_line.hpp"
#include "core/jobspec.hpp"
#include "core/json_scan.hpp"

namespace fluxacct::jobrec {
namespace {

const std::string kR =
    R"({"version": 1, "execution": {"R_lite": [{"rank": "0-1", "children": {"core": "0-3"}}]}})";
const std::string kJobspec =
    R"({"attributes": {"system": {"duration": 600, "bank": "b", "project": "p"}}})";

std::string line_with(const std::string& fields) {
  return "{" + fields + R"(, "ranks": "0-1", "R": )" + kR + R"(, "jobspec": )" + kJobspec + "}";
}

// The row's views point into the line, so the outcome keeps it.
struct Outcome {
  std::string line;
  Skip skip;
  std::string detail;
  JobRow row;
};

std::unique_ptr<Outcome> from_line(const std::string& line) {
  static JsonLineReader reader;
  static RowMaker maker;
  auto o = std::make_unique<Outcome>();
  o->line = line;
  RawJob raw;
  o->skip = reader.read(o->line, raw, o->detail);
  if (o->skip == Skip::kNone) o->skip = maker.make(raw, o->row, o->detail);
  return o;
}

TEST(JobRecord, GoodLineBecomesARow) {
  auto o = from_line(
      line_with(R"("id": 42, "userid": 1001, "t_submit": 10, "t_run": 20.5, "t_inactive": 80)"));
  ASSERT_EQ(o->skip, Skip::kNone) << o->detail;
  EXPECT_EQ(o->row.id, "42");
  EXPECT_EQ(o->row.userid, 1001);
  EXPECT_EQ(o->row.t_run, 20.5);
  EXPECT_EQ(o->row.ranks, "0-1");
  EXPECT_EQ(o->row.R, kR);
  EXPECT_EQ(o->row.jobspec, kJobspec);
  EXPECT_EQ(o->row.bank, "b");
  EXPECT_EQ(o->row.project, "p");
  EXPECT_EQ(o->row.requested_duration, 600);
  EXPECT_EQ(o->row.actual_duration, 59.5);
}

TEST(JobRecord, IdForms) {
  for (const char* id : {"6787342413402046", "\"6787342413402046\"", "\"ƒuzzybunny\"",
                         "\"0x181d0d4d850fbe\"", "\"0018.1d0d.4d85.0fbe\"", "6787342413402046.0"}) {
    auto o = from_line(line_with(std::string(R"("id": )") + id +
                                 R"(, "userid": 1, "t_submit": 1, "t_run": 2, "t_inactive": 3)"));
    if (std::string(id).ends_with(".0")) {  // a JSON number must be an integer
      EXPECT_EQ(o->skip, Skip::kBadJobId) << id;
      continue;
    }
    ASSERT_EQ(o->skip, Skip::kNone) << id << ": " << o->detail;
    EXPECT_EQ(o->row.id, "6787342413402046") << id;
  }
  auto max = from_line(line_with(
      R"("id": 18446744073709551615, "userid": 1, "t_submit": 1, "t_run": 2, "t_inactive": 3)"));
  EXPECT_EQ(max->row.id, "18446744073709551615");
}

TEST(JobRecord, EverySkipReason) {
  const std::string t = R"(, "t_submit": 10, "t_run": 20, "t_inactive": 30)";
  struct Case {
    std::string line;
    Skip skip;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {line_with(R"("id": 1, "userid": 1, "t_submit": 10, "t_inactive": 30)"), Skip::kNeverRan,
       "no t_run"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": 10, "t_run": null, "t_inactive": 30)"),
       Skip::kNeverRan, "no t_run"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": 10, "t_run": 0.0, "t_inactive": 30)"),
       Skip::kNeverRan, "t_run is 0"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": " ", "jobspec": {}})",
       Skip::kNeverRan, "no R"},
      {line_with(R"("id": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30)"), Skip::kMissingField,
       "no userid"},
      {line_with(R"("userid": 1)" + t), Skip::kMissingField, "no id"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "R": {}, "jobspec": {}})",
       Skip::kMissingField, "no ranks"},
      {line_with(R"("id": 1, "userid": 1.5)" + t), Skip::kBadField, "userid 1.5 is not an integer"},
      {line_with(R"("id": 1, "userid": [1])" + t), Skip::kBadField, "userid [1] is not a number"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": "10", "t_run": 20, "t_inactive": 30)"),
       Skip::kBadField, "t_submit 10 is not a number"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": 0, "R": {}, "jobspec": {}})",
       Skip::kBadField, "ranks 0 is not a string"},
      {line_with(R"("id": -1, "userid": 1)" + t), Skip::kBadJobId, "id -1 is not a Flux job ID"},
      {line_with(R"("id": "x y", "userid": 1)" + t), Skip::kBadJobId,
       "id x y is not a Flux job ID"},
      {line_with(R"("id": 18446744073709551616, "userid": 1)" + t), Skip::kBadJobId,
       "id 18446744073709551616 is not a Flux job ID"},
      {line_with(R"("id": 1, "userid": 4294967295)" + t), Skip::kOutOfRange,
       "userid 4294967295 is not between 0 and 4294967294"},
      {line_with(R"("id": 1, "userid": -1)" + t), Skip::kOutOfRange,
       "userid -1 is not between 0 and 4294967294"},
      {line_with(R"("id": 1, "userid": 99999999999999999999)" + t), Skip::kOutOfRange,
       "userid 99999999999999999999 is not between 0 and 4294967294"},
      {line_with(
           R"("id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 253402300800)"),
       Skip::kOutOfRange, "t_inactive 253402300800 is out of range"},
      // JSON numbers beyond a double make the line malformed (as for nlohmann)
      {line_with(R"("id": 1, "userid": 1, "t_submit": -1e999, "t_run": 20, "t_inactive": 30)"),
       Skip::kMalformedLine, "number out of range at byte 36"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": 10, "t_run": -20, "t_inactive": 30)"),
       Skip::kBadTimes, "t_run -20 is negative"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": 25, "t_run": 20, "t_inactive": 30)"),
       Skip::kBadTimes, "t_run 20 is before t_submit 25"},
      {line_with(R"("id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 19.5)"),
       Skip::kBadTimes, "t_inactive 19.5 is before t_run 20"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": {"version": 1}, "jobspec": {}})",
       Skip::kBadR, "R has no execution"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": "{\"version\": 1", "jobspec": {}})",
       Skip::kBadR, "R is not valid JSON"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": [], "jobspec": {}})",
       Skip::kBadR, "R is not a JSON object"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": )" +
           kR + R"(, "jobspec": {"attributes": {"system": {"bank": 7}}}})",
       Skip::kBadJobspec, "jobspec attributes.system.bank is not a string"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": )" +
           kR + R"(, "jobspec": "[]"})",
       Skip::kBadJobspec, "jobspec is not a JSON object"},
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0", "R": )" +
           kR + R"(, "jobspec": {"attributes": {"system": {"duration": -5}}}})",
       Skip::kBadJobspec, "jobspec attributes.system.duration is not a non-negative number"},
      {line_with(R"("id": 1, "userid": 1)" + t).insert(1, "\"note\": \"\xc3\x28\", "),
       Skip::kNotUtf8, "the line is not UTF-8"},
      {line_with(
           R"("id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "x": "\ud800")"),
       Skip::kNone, ""},  // an unknown key's value is never decoded
      {R"({"id": 1, "userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "\ud800", "R": {}, "jobspec": {}})",
       Skip::kNotUtf8, "a string with an unpaired surrogate escape"},
      {"{\"id\": 1,", Skip::kMalformedLine, "expected a string key at the end of the line"},
  };
  for (const auto& c : cases) {
    auto o = from_line(c.line);
    EXPECT_EQ(o->skip, c.skip) << c.line << ": " << o->detail;
    EXPECT_EQ(o->detail, c.detail) << c.line;
  }
}

TEST(JobRecord, ArchiveFieldsAndUtf8) {
  RowMaker maker;
  RawJob raw;
  raw.id = RawField::integer_of(7);
  raw.userid = RawField::integer_of(100);
  raw.t_submit = RawField::integer_of(5);
  raw.t_run = RawField::real_of(6);
  raw.t_inactive = RawField::real_of(9.5);
  raw.ranks = RawField::text_of("0");
  raw.R = RawField::text_of(kR);
  raw.jobspec = RawField::text_of("{}");
  JobRow row;
  std::string detail;
  ASSERT_EQ(maker.make(raw, row, detail), Skip::kNone) << detail;
  EXPECT_EQ(row.id, "7");
  EXPECT_EQ(row.bank, "");
  EXPECT_EQ(row.project, "");
  EXPECT_EQ(row.requested_duration, 0);
  EXPECT_EQ(row.actual_duration, 3.5);
  raw.ranks = RawField::text_of("\xff");
  EXPECT_EQ(maker.make(raw, row, detail), Skip::kNotUtf8);
  raw.ranks = RawField::text_of("0");
  raw.t_inactive = RawField::real_of(HUGE_VAL);  // SQLite stores 1e999 as infinity
  EXPECT_EQ(maker.make(raw, row, detail), Skip::kOutOfRange);
  EXPECT_EQ(detail, "t_inactive inf is out of range");
  raw.t_inactive = RawField::real_of(9.5);
  raw.id = RawField::real_of(7.5);
  EXPECT_EQ(maker.make(raw, row, detail), Skip::kBadJobId);
  EXPECT_EQ(display_id(raw), "7.5");
  raw.id = RawField::text_of("ƒ2");
  EXPECT_EQ(display_id(raw), "1");
  raw.id = RawField::text_of("bad\nid\xff");
  EXPECT_EQ(display_id(raw), "bad?id?");
  raw.id = RawField::null();
  EXPECT_EQ(display_id(raw), "?");
}

// The memo returns the same verdicts as a fresh parse, record after record.
TEST(JobRecord, RememberedVerdictsMatch) {
  RowMaker maker;
  JsonLineReader reader;
  const std::string base =
      R"("userid": 1, "t_submit": 10, "t_run": 20, "t_inactive": 30, "ranks": "0")";
  for (int i = 0; i < 10000; ++i) {
    const bool bad_r = i % 3 == 0, bad_js = i % 5 == 0;
    const std::string R =
        bad_r ? R"({"version": 1, "execution": {"R_lite": [{"rank": "x"}]}})"
              : R"({"version": 1, "execution": {"R_lite": [{"rank": ")" + std::to_string(i % 5000) +
                    R"(", "children": {"core": "0"}}]}, "starttime": )" + std::to_string(i) + "}";
    const std::string js =
        bad_js ? R"({"attributes": {"system": {"project": []}}})"
               : R"({"attributes": {"system": {"bank": "b)" + std::to_string(i % 5000) + R"("}}})";
    const std::string line = "{\"id\": " + std::to_string(i) + ", " + base + ", \"R\": " + R +
                             ", \"jobspec\": " + js + "}";
    RawJob raw;
    JobRow row;
    std::string detail;
    ASSERT_EQ(reader.read(line, raw, detail), Skip::kNone);
    const Skip s = maker.make(raw, row, detail);
    if (bad_r) {
      EXPECT_EQ(s, Skip::kBadR);
      EXPECT_EQ(detail, "R_lite entry has no children");
    } else if (bad_js) {
      EXPECT_EQ(s, Skip::kBadJobspec);
      EXPECT_EQ(detail, "jobspec attributes.system.project is not a string");
    } else {
      ASSERT_EQ(s, Skip::kNone) << detail;
      EXPECT_EQ(row.bank, "b" + std::to_string(i % 5000));
    }
  }
}

// count_R and parse_jobspec give the same answer for the pruned document as
// for the whole one: the pruned members are all they read.
TEST(JobRecord, PruningKeepsWhatTheParsersRead) {
  const std::vector<std::string> Rs = {
      kR,
      R"({"version": 1, "execution": {"R_lite": [{"rank": "0-3", "children": {"core": "0-7", "gpu": "0-1"}},)"
      R"( {"rank": "9", "children": {"core": "0"}}], "starttime": 1, "expiration": 2, "nodelist": ["n[0-3,9]"],)"
      R"( "properties": {"debug": "0"}}, "scheduling": {"graph": {"nodes": [{"id": "0"}], "edges": []}}})",
      R"({"execution": {"R_lite": []}, "version": 1})",
      R"({"version": 2, "execution": {"R_lite": []}})",
      R"({"version": 1, "execution": {"R_lite": [{"rank": "0"}]}})",
      R"({"version": 1, "execution": []})",
      R"({"version": 1, "execution": {"R_lite": [{"rank": "0", "children": {"core": "3-1"}}]}})",
      R"({"version": 1, "execution": {"R_lite": 5}, "execution": {"R_lite": [{"rank": "1", "children": {"core": "0"}}]}})",
      R"({"version": 1})",
      R"({})",
  };
  for (const auto& text : Rs) {
    std::string pruned;
    ASSERT_EQ(json::prune_object(text, r_keep(), pruned), json::Shape::kObject) << text;
    std::string whole_result, pruned_result;
    try {
      auto c = count_R(std::string_view(text));
      whole_result =
          std::to_string(c.nnodes) + "/" + std::to_string(c.ncores) + "/" + std::to_string(c.ngpus);
    } catch (const Error& e) {
      whole_result = e.what();
    }
    try {
      auto c = count_R(std::string_view(pruned));
      pruned_result =
          std::to_string(c.nnodes) + "/" + std::to_string(c.ncores) + "/" + std::to_string(c.ngpus);
    } catch (const Error& e) {
      pruned_result = e.what();
    }
    EXPECT_EQ(whole_result, pruned_result) << text << " -> " << pruned;
  }
  const std::vector<std::string> jobspecs = {
      kJobspec,
      R"({"version": 1, "resources": [{"type": "node", "count": 1}], "tasks": [],)"
      R"( "attributes": {"system": {"duration": 0, "queue": "q", "environment": {"PATH": "/bin"},)"
      R"( "shell": {"options": {"rlimit": {}}}, "cwd": "/tmp"}, "user": {"x": 1}}})",
      R"({"attributes": {"system": {"bank": 1}}})",
      R"({"attributes": {"system": []}})",
      R"({"attributes": 5})",
      R"({"attributes": {"system": {"duration": "1h"}}})",
      R"({"attributes": {"system": {"bank": "x"}, "system": {"project": "y"}}})",
      R"({"attributes": {"system": {"b\u0061nk": "escaped"}}})",
      R"({})",
  };
  for (const auto& text : jobspecs) {
    std::string pruned;
    ASSERT_EQ(json::prune_object(text, jobspec_keep(), pruned), json::Shape::kObject) << text;
    auto describe = [](std::string_view t) {
      try {
        auto i = parse_jobspec(t, JobspecResources::Ignore);
        return i.bank.value_or("-") + "/" + i.project.value_or("-") + "/" + i.queue.value_or("-") +
               "/" + std::to_string(i.duration.value_or(-1));
      } catch (const Error& e) {
        return std::string(e.what());
      }
    };
    EXPECT_EQ(describe(text), describe(pruned)) << text << " -> " << pruned;
  }
}

}  // namespace
}  // namespace fluxacct::jobrec
