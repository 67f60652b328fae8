#include "core/jobspec.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

std::string jobspec_of(const std::string& resources,
                       const std::string& system = R"("duration": 3600.0)") {
  return R"({"version": 1, "attributes": {"system": {)" + system + R"(}}, "resources": )" +
         resources +
         R"(, "tasks": [{"command": ["true"], "slot": "task", "count": {"per_slot": 1}}]})";
}

std::string error_of(const std::string& jobspec,
                     JobspecResources resources = JobspecResources::Count) {
  try {
    parse_jobspec(jobspec, resources);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr const char* kNodeSlotCore =
    R"([{"type": "node", "count": 2, "with": [{"type": "slot", "count": 3, "label": "task",
        "with": [{"type": "core", "count": 4}, {"type": "gpu", "count": 1}]}]}])";
constexpr const char* kSlotCore =
    R"([{"type": "slot", "count": 4, "label": "task", "with": [{"type": "core", "count": 2}]}])";

TEST(Jobspec, NodeSlotCore) {
  JobspecInfo info = parse_jobspec(jobspec_of(kNodeSlotCore));
  EXPECT_EQ(info.nnodes, 2);
  EXPECT_EQ(info.nslots, 6);
  EXPECT_EQ(info.ncores_per_slot, 4);
  EXPECT_EQ(info.ncores, 24);
  EXPECT_EQ(info.ngpus, 6);
  EXPECT_EQ(info.duration, 3600.0);
  EXPECT_FALSE(info.bank);
  EXPECT_FALSE(info.project);
  EXPECT_FALSE(info.queue);
}

TEST(Jobspec, CoresWithoutNodesAreOneNode) {
  JobspecInfo info = parse_jobspec(jobspec_of(kSlotCore));
  EXPECT_EQ(info.nnodes, 1);
  EXPECT_EQ(info.nslots, 4);
  EXPECT_EQ(info.ncores_per_slot, 2);
  EXPECT_EQ(info.ncores, 8);
  EXPECT_EQ(info.ngpus, 0);
}

TEST(Jobspec, ParentsMultiply) {
  // A grouping level above the nodes multiplies everything below it.
  JobspecInfo info = parse_jobspec(jobspec_of(
      R"([{"type": "switch", "count": 2, "with": [{"type": "node", "count": 3, "with":
          [{"type": "slot", "count": 1, "with": [{"type": "core", "count": 5}]}]}]}])"));
  EXPECT_EQ(info.nnodes, 6);
  EXPECT_EQ(info.nslots, 6);
  EXPECT_EQ(info.ncores, 30);
}

TEST(Jobspec, BranchesAddUp) {
  JobspecInfo info = parse_jobspec(jobspec_of(
      R"([{"type": "slot", "count": 2, "with": [{"type": "core", "count": 4}]},
          {"type": "slot", "count": 3, "with": [{"type": "core", "count": 2}]}])"));
  EXPECT_EQ(info.nslots, 5);
  EXPECT_EQ(info.ncores, 14);
  EXPECT_EQ(info.nnodes, 1);
}

TEST(Jobspec, Attributes) {
  JobspecInfo info = parse_jobspec(
      jobspec_of(kSlotCore, R"("duration": 60, "bank": "A", "project": "p1", "queue": "batch")"));
  EXPECT_EQ(info.bank, "A");
  EXPECT_EQ(info.project, "p1");
  EXPECT_EQ(info.queue, "batch");
  EXPECT_EQ(info.duration, 60.0);
  EXPECT_EQ(parse_jobspec(jobspec_of(kSlotCore, R"("duration": 0)")).duration, 0.0);
  EXPECT_EQ(parse_jobspec(jobspec_of(kSlotCore, R"("duration": 1.5)")).duration, 1.5);
  EXPECT_FALSE(parse_jobspec(jobspec_of(kSlotCore, "")).duration);
  EXPECT_FALSE(parse_jobspec(R"({"resources": [{"type": "slot", "count": 1, "with":
                                 [{"type": "core", "count": 1}]}]})")
                   .duration);
}

TEST(Jobspec, AttributesOnly) {
  JobspecInfo info = parse_jobspec(R"({"attributes": {"system": {"bank": "b", "duration": 5}}})",
                                   JobspecResources::Ignore);
  EXPECT_EQ(info.bank, "b");
  EXPECT_EQ(info.duration, 5.0);
  EXPECT_EQ(info.nnodes, 0);
  EXPECT_EQ(info.ncores, 0);
  EXPECT_EQ(parse_jobspec(jobspec_of("17"), JobspecResources::Ignore).duration, 3600.0);
}

TEST(Jobspec, Rejects) {
  EXPECT_EQ(error_of("not json"), "jobspec is not valid JSON");
  EXPECT_EQ(error_of("[]"), "jobspec is not a JSON object");
  EXPECT_EQ(error_of(R"({"attributes": []})", JobspecResources::Ignore),
            "jobspec attributes is not an object");
  EXPECT_EQ(error_of(R"({"attributes": {"system": 1}})", JobspecResources::Ignore),
            "jobspec attributes.system is not an object");
  EXPECT_EQ(error_of(jobspec_of(kSlotCore, R"("bank": 1)")),
            "jobspec attributes.system.bank is not a string");
  EXPECT_EQ(error_of(jobspec_of(kSlotCore, R"("project": null)")),
            "jobspec attributes.system.project is not a string");
  EXPECT_EQ(error_of(jobspec_of(kSlotCore, R"("queue": ["q"])")),
            "jobspec attributes.system.queue is not a string");
  EXPECT_EQ(error_of(jobspec_of(kSlotCore, R"("duration": "1h")")),
            "jobspec attributes.system.duration is not a non-negative number");
  EXPECT_EQ(error_of(jobspec_of(kSlotCore, R"("duration": -1)")),
            "jobspec attributes.system.duration is not a non-negative number");
  EXPECT_EQ(error_of(R"({"version": 1})"), "jobspec has no resources");
  EXPECT_EQ(error_of(jobspec_of(R"({"type": "node", "count": 1})")), "level 0: must be an array");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "node", "count": 1}])")),
            "Unable to determine slot count");
  EXPECT_EQ(error_of(jobspec_of(
                R"([{"type": "slot", "count": 1, "with": [{"type": "gpu", "count": 1}]}])")),
            "Unable to determine slot size");
  EXPECT_EQ(error_of(jobspec_of(
                R"([{"type": "slot", "count": 0, "with": [{"type": "core", "count": 1}]}])")),
            "Invalid count 0 for type 'slot'");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": -2}])")),
            "Invalid count -2 for type 'slot'");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": 1.5}])")),
            "level 0: no integer count for type 'slot'");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": {"min": 1}}])")),
            "level 0: no integer count for type 'slot'");
  EXPECT_EQ(error_of(jobspec_of(R"([{"count": 1}])")), "level 0: no string type");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": 1, "with": [7]}])")),
            "level 1: not an object");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": 1, "with": {}}])")),
            "level 1: must be an array");
  EXPECT_EQ(error_of(jobspec_of(R"([{"type": "slot", "count": 18446744073709551615}])")),
            "jobspec resource count is too large");
  EXPECT_EQ(
      error_of(jobspec_of(
          R"([{"type": "node", "count": 4294967296, "with": [{"type": "slot", "count": 4294967296,
                    "with": [{"type": "core", "count": 1}]}]}])")),
      "jobspec resource count is too large");
}

TEST(Jobspec, DeepNestingIsAnError) {
  std::string deep = R"({"type": "core", "count": 1})";
  for (int i = 0; i < 200; ++i) deep = R"({"type": "x", "count": 1, "with": [)" + deep + "]}";
  EXPECT_EQ(error_of(jobspec_of("[" + deep + "]")), "jobspec resources are nested too deeply");
}

}  // namespace
}  // namespace fluxacct
