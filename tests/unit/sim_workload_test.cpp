// The what-if workload's JSON lines (flux-account simulate): every field,
// defaults, and every malformed line refused with its line number.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "sim/workload.hpp"

namespace fluxacct::sim {
namespace {

class Workload : public ::testing::Test {
 protected:
  WorkloadParser parser{[](const std::string& user) -> std::optional<std::uint32_t> {
    if (user == "alice") return 5001;
    if (user == "bob") return 5002;
    return std::nullopt;
  }};

  WorkloadEvent ok(std::string_view line, std::int64_t n = 1) {
    auto e = parser.parse(line, n);
    EXPECT_TRUE(e.has_value()) << line;
    return e.value_or(WorkloadEvent{});
  }
  // The message a line is refused with.
  std::string bad(std::string_view line, std::int64_t n = 1) {
    try {
      parser.parse(line, n);
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  }
};

TEST_F(Workload, SubmitWithEveryField) {
  const auto e =
      ok(R"({"t": 5, "op": "submit", "user": "bob", "bank": "A", "queue": "batch", "project": "p",)"
         R"( "nnodes": 2, "ncores": 8, "duration": "1h", "runtime": 600, "urgency": 20})",
         3);
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.t, 5);
  EXPECT_EQ(e.op, WorkloadOp::kSubmit);
  EXPECT_EQ(e.user, "bob");
  EXPECT_EQ(e.submission.userid, 5002u);
  EXPECT_EQ(e.submission.bank, "A");
  EXPECT_EQ(e.submission.queue, "batch");
  EXPECT_EQ(e.submission.project, "p");
  EXPECT_EQ(e.submission.nnodes, 2);
  EXPECT_EQ(e.submission.ncores, 8);
  EXPECT_EQ(e.submission.duration, 3600);
  EXPECT_EQ(e.submission.runtime, 600);
  EXPECT_EQ(e.submission.urgency, 20);
  EXPECT_EQ(parser.submits(), 1u);
}

TEST_F(Workload, SubmitDefaults) {
  const auto e = ok(R"({"t": 0, "uid": 7})");
  EXPECT_EQ(e.op, WorkloadOp::kSubmit);
  EXPECT_EQ(e.user, "");
  EXPECT_EQ(e.submission.userid, 7u);
  EXPECT_FALSE(e.submission.bank || e.submission.queue || e.submission.project);
  EXPECT_EQ(e.submission.nnodes, 1);
  EXPECT_EQ(e.submission.ncores, 1);
  EXPECT_EQ(e.submission.duration, 0);
  EXPECT_FALSE(e.submission.runtime);
  EXPECT_EQ(e.submission.urgency, 16);
  // ncores defaults to one per node, as flux run -N.
  EXPECT_EQ(ok(R"({"t": 0, "uid": 7, "nnodes": 3})").submission.ncores, 3);
  // Integral floats are integers.
  EXPECT_EQ(ok(R"({"t": 0, "uid": 7, "nnodes": 2.0, "ncores": 1e1})").submission.ncores, 10);
}

TEST_F(Workload, RuntimeIsCutToTheTimeLimit) {
  EXPECT_EQ(ok(R"({"t": 0, "user": "alice", "duration": 60, "runtime": "2m"})").submission.runtime,
            60);
  EXPECT_EQ(ok(R"({"t": 0, "user": "alice", "runtime": "2m"})").submission.runtime, 120);
}

TEST_F(Workload, JobEvents) {
  ok(R"({"t": 0, "user": "alice"})");
  ok(R"({"t": 0, "user": "alice"})");
  auto c = ok(R"({"t": 1, "op": "cancel", "job": 2})");
  EXPECT_EQ(c.op, WorkloadOp::kCancel);
  EXPECT_EQ(c.job, 2u);
  auto u = ok(R"({"t": 1, "op": "urgency", "job": 1, "urgency": 0})");
  EXPECT_EQ(u.op, WorkloadOp::kUrgency);
  EXPECT_EQ(u.urgency, 0);
  auto up = ok(R"({"t": 2, "op": "update", "job": 1, "queue": "debug"})");
  EXPECT_EQ(up.op, WorkloadOp::kUpdate);
  EXPECT_FALSE(up.bank);
  EXPECT_EQ(up.queue, "debug");
  EXPECT_EQ(parser.submits(), 2u);
}

TEST_F(Workload, BlankAndCommentLinesAreSkipped) {
  EXPECT_FALSE(parser.parse("", 1));
  EXPECT_FALSE(parser.parse("   \t\r", 2));
  EXPECT_FALSE(parser.parse("  # a comment", 3));
}

TEST_F(Workload, MalformedLines) {
  EXPECT_EQ(bad("{\"t\": 0,", 4), "line 4: not valid JSON (at byte 9)");
  EXPECT_EQ(bad("[1, 2]"), "line 1: not a JSON object");
  EXPECT_EQ(bad(R"({"t": 1e400, "user": "alice"})"),
            "line 1: not valid JSON (a number out of range)");
  EXPECT_EQ(bad(R"({"user": "alice"})"), "line 1: missing \"t\" (seconds from the start)");
  EXPECT_EQ(bad(R"({"t": "0", "user": "alice"})"),
            "line 1: t must be a number of seconds from 0 to 1000000000, got \"0\"");
  EXPECT_EQ(bad(R"({"t": -1, "user": "alice"})"),
            "line 1: t must be a number of seconds from 0 to 1000000000, got -1");
  EXPECT_EQ(bad(R"({"t": 1e20, "user": "alice"})"),
            "line 1: t must be a number of seconds from 0 to 1000000000, got 1e+20");
  EXPECT_EQ(bad(R"({"t": 0, "op": "kill", "job": 1})"),
            "line 1: op must be one of submit, cancel, urgency, update, got \"kill\"");
  EXPECT_EQ(bad(R"({"t": 0, "op": 3})"),
            "line 1: op must be one of submit, cancel, urgency, update, got 3");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "nodes": 2})"),
            "line 1: unknown key \"nodes\" for op submit (it takes t, op, user, uid, bank, "
            "queue, project, nnodes, ncores, duration, runtime, urgency)");
  EXPECT_EQ(bad(R"({"t": 0})"),
            "line 1: a submit line needs \"user\" (a name) or \"uid\" (a number), not both");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "uid": 5001})"),
            "line 1: a submit line needs \"user\" (a name) or \"uid\" (a number), not both");
  EXPECT_EQ(bad(R"({"t": 0, "user": "mallory"})"),
            "line 1: unknown user \"mallory\" (no association)");
  EXPECT_EQ(bad(R"({"t": 0, "user": ""})"), "line 1: user must be a non-empty string, got \"\"");
  EXPECT_EQ(bad(R"({"t": 0, "uid": -1})"),
            "line 1: uid must be an integer from 0 to 4294967295, got -1");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "bank": 3})"),
            "line 1: bank must be a non-empty string, got 3");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "nnodes": -2})"),
            "line 1: nnodes must be an integer from 1 to 2147483647, got -2");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "nnodes": 0})"),
            "line 1: nnodes must be an integer from 1 to 2147483647, got 0");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "nnodes": 1.5})"),
            "line 1: nnodes must be an integer from 1 to 2147483647, got 1.5");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "ncores": 99999999999999999999999})"),
            "line 1: ncores must be an integer from 1 to 2147483647, got 9.999999999999999e+22");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "nnodes": 4, "ncores": 2})"),
            "line 1: ncores (2) is less than nnodes (4): every node needs a core");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "duration": "forever"})"),
            "line 1: duration: invalid Flux standard duration \"forever\"");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "duration": "inf"})"),
            "line 1: duration must be a duration or seconds from 0 to 1000000000, got \"inf\"");
  EXPECT_EQ(bad(R"({"t": 0, "user": "alice", "urgency": 32})"),
            "line 1: urgency must be an integer from 0 to 31, got 32");
  EXPECT_EQ(parser.submits(), 0u) << "refused submit lines are not counted";
}

TEST_F(Workload, JobNumbersAndTimesAcrossLines) {
  ok(R"({"t": 10, "user": "alice"})", 1);
  EXPECT_EQ(bad(R"({"t": 9, "user": "alice"})", 2),
            "line 2: t 9 is before the previous line's t 10");
  EXPECT_EQ(bad(R"({"t": 10, "op": "cancel"})", 3),
            "line 3: missing \"job\" (the number of a submit line)");
  EXPECT_EQ(bad(R"({"t": 10, "op": "cancel", "job": 2})", 3),
            "line 3: job 2 has not been submitted (1 job submitted so far)");
  EXPECT_EQ(bad(R"({"t": 10, "op": "cancel", "job": 0})", 3),
            "line 3: job must be an integer from 1 to 2147483647, got 0");
  EXPECT_EQ(bad(R"({"t": 10, "op": "cancel", "job": 1, "user": "alice"})", 3),
            "line 3: unknown key \"user\" for op cancel (it takes t, op, job)");
  EXPECT_EQ(bad(R"({"t": 10, "op": "urgency", "job": 1})", 3),
            "line 3: missing \"urgency\" (0 to 31)");
  EXPECT_EQ(bad(R"({"t": 10, "op": "update", "job": 1})", 3),
            "line 3: an update line needs \"bank\" or \"queue\"");
  // A refused line leaves the time where it was.
  EXPECT_EQ(ok(R"({"t": 10, "op": "cancel", "job": 1})", 4).t, 10);
}

// Found by fuzz_workload_line: a message dumped the bad value with
// nlohmann's recursive dump(), so a deeply nested one overflowed the stack.
TEST_F(Workload, DeeplyNestedValuesAreRefusedWithoutDumpingThem) {
  const std::size_t depth = 1000000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(bad(R"({"t": )" + deep + "}"),
            "line 1: t must be a number of seconds from 0 to 1000000000, got an array nested over "
            "64 levels deep");
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(depth, '}');
  EXPECT_EQ(bad(R"({"t": 0, "uid": )" + objects + "}"),
            "line 1: uid must be an integer from 0 to 4294967295, got an object nested over 64 "
            "levels deep");
  // Shallow values are still shown as written.
  EXPECT_EQ(bad(R"({"t": [[1, 2]]})"),
            "line 1: t must be a number of seconds from 0 to 1000000000, got [[1,2]]");
}

}  // namespace
}  // namespace fluxacct::sim
