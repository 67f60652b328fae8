#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/engine/decode.hpp"
#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using nlohmann::json;
using namespace testing;

json one_association() {
  return json::parse(R"({"userid": 5011, "bank": "account1", "def_bank": "account1",
    "fairshare": 0.285714, "max_running_jobs": 5, "max_active_jobs": 7,
    "max_nodes": 2147483647, "max_cores": 2147483647, "queues": "bronze,silver",
    "active": 1, "projects": "*", "def_project": "*", "max_sched_jobs": 2147483647})");
}

json one_queue() {
  return json::parse(R"({"queue": "bronze", "min_nodes_per_job": 1, "max_nodes_per_job": 4,
    "max_time_per_job": 60, "priority": 100, "max_running_jobs": 100,
    "max_nodes_per_assoc": 2147483647, "max_sched_jobs": 2147483647,
    "max_sched_nodes_per_assoc": 2147483647, "max_sched_cores_per_assoc": 2147483647})");
}

std::string error_of(DataTopic t, const json& payload) {
  try {
    decode_rpc(t, payload);
  } catch (const DecodeError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(EngineDecode, AssociationAllThirteenKeys) {
  const DataUpdate u = decode_rpc(DataTopic::kAssociations, {{"data", {one_association()}}});
  ASSERT_TRUE(u.associations);
  const AssociationRecord& a = u.associations->at(0);
  EXPECT_EQ(a.userid, 5011u);
  EXPECT_EQ(a.bank, "account1");
  EXPECT_DOUBLE_EQ(a.fairshare, 0.285714);
  EXPECT_EQ(a.queues, (std::vector<std::string>{"bronze", "silver"}));
  EXPECT_EQ(a.projects, (std::vector<std::string>{"*"}));
  EXPECT_FALSE(u.replace_associations);
}

TEST(EngineDecode, EveryAssociationKeyIsRequired) {
  for (const char* key :
       {"userid", "bank", "def_bank", "fairshare", "max_running_jobs", "max_active_jobs", "queues",
        "active", "projects", "def_project", "max_nodes", "max_cores", "max_sched_jobs"}) {
    json a = one_association();
    a.erase(key);
    EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {one_association(), a}}}),
              std::string("mf_priority unpack: data[1]: Object item not found: ") + key);
  }
}

TEST(EngineDecode, WrongTypes) {
  json a = one_association();
  a["bank"] = 3;
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
            "mf_priority unpack: data[0].bank: Expected string, got integer");
  a = one_association();
  a["max_running_jobs"] = 5.0;
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
            "mf_priority unpack: data[0].max_running_jobs: Expected integer, got real");
  a = one_association();
  a["fairshare"] = "0.5";
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
            "mf_priority unpack: data[0].fairshare: Expected real, got string");
  a = one_association();
  a["fairshare"] = 1;  // jansson's "F" takes an integer too
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}), "(no error)");
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {1}}}),
            "mf_priority unpack: data[0]: Expected object, got integer");
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", one_association()}}),
            "mf_priority unpack: data: Expected array, got object");
}

TEST(EngineDecode, NegativeLimitsAndBadValuesRefused) {
  for (const char* key :
       {"max_running_jobs", "max_active_jobs", "max_nodes", "max_cores", "max_sched_jobs"}) {
    json a = one_association();
    a[key] = -1;
    EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
              std::string("mf_priority unpack: data[0].") + key +
                  ": must be a non-negative integer, got -1");
  }
  json a = one_association();
  a["active"] = 2;
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
            "mf_priority unpack: data[0].active: must be 0 or 1, got 2");
  a = one_association();
  a["userid"] = -5;
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {a}}}),
            "mf_priority unpack: data[0].userid: no such userid: -5");
  json q = one_queue();
  q["max_sched_jobs"] = -3;
  EXPECT_EQ(error_of(DataTopic::kQueues, {{"data", {q}}}),
            "mf_priority unpack: data[0].max_sched_jobs: must be a non-negative integer, got -3");
  q = one_queue();
  q["priority"] = -3;  // a negative queue priority is allowed
  EXPECT_EQ(error_of(DataTopic::kQueues, {{"data", {q}}}), "(no error)");
}

TEST(EngineDecode, MissingDataAndConfigPayloads) {
  EXPECT_EQ(error_of(DataTopic::kAssociations, json::object()),
            "failed to unpack custom_priority.trigger msg");
  EXPECT_EQ(error_of(DataTopic::kQueues, json::array()),
            "failed to unpack custom_priority.trigger msg");
  EXPECT_EQ(error_of(DataTopic::kConfig, {{"data", 1}}), "mf_priority: invalid config payload");
  EXPECT_EQ(error_of(DataTopic::kConfig, {{"data", {{"deny_unknown_queues", 1}}}}),
            "mf_priority config unpack: data.deny_unknown_queues: Expected true or false, got "
            "integer");
  EXPECT_FALSE(*decode_rpc(DataTopic::kConfig, {{"data", json::object()}}).deny_unknown_queues);
  EXPECT_TRUE(*decode_rpc(DataTopic::kConfig, {{"data", {{"deny_unknown_queues", true}}}})
                   .deny_unknown_queues);
}

TEST(EngineDecode, QueuesWithAndWithoutTotals) {
  json q = one_queue();
  DataUpdate u = decode_rpc(DataTopic::kQueues, {{"data", {q}}});
  EXPECT_EQ(u.queues->at(0).max_nodes, kIntMax);
  q["max_nodes"] = 8;
  q["max_cores"] = 64;
  u = decode_rpc(DataTopic::kQueues, {{"data", {q}}});
  EXPECT_EQ(u.queues->at(0).max_nodes, 8);
  EXPECT_EQ(u.queues->at(0).max_cores, 64);
  q.erase("max_sched_cores_per_assoc");
  EXPECT_EQ(error_of(DataTopic::kQueues, {{"data", {q}}}),
            "mf_priority unpack: data[0]: Object item not found: max_sched_cores_per_assoc");
}

TEST(EngineDecode, SmallPayloads) {
  EXPECT_EQ(*decode_rpc(DataTopic::kProjects, {{"data", {{{"project", "*"}}}}}).projects,
            std::vector<std::string>{"*"});
  const auto banks =
      *decode_rpc(DataTopic::kBanks, {{"data", {{{"bank", "A"}, {"priority", 100}}}}}).banks;
  EXPECT_DOUBLE_EQ(banks.at(0).priority, 100.0);
  EXPECT_EQ(error_of(DataTopic::kFactors, {{"data", {{{"factor", "queue"}, {"weight", 1.5}}}}}),
            "mf_priority unpack: data[0].weight: Expected integer, got real");
  EXPECT_EQ(data_topic("rec_q_update"), DataTopic::kQueues);
  EXPECT_EQ(data_topic("reprioritize"), std::nullopt);
}

TEST(EngineDecode, ReplaceFlag) {
  EXPECT_TRUE(
      decode_rpc(DataTopic::kAssociations, {{"data", {one_association()}}, {"replace", true}})
          .replace_associations);
  EXPECT_EQ(error_of(DataTopic::kAssociations, {{"data", {one_association()}}, {"replace", 1}}),
            "mf_priority unpack: replace: Expected true or false, got integer");
}

TEST(EngineDecode, UpstreamSamplePayloads) {
  for (const char* name : {"small_no_tie", "small_tie", "small_tie_all", "same_fairshare"}) {
    std::ifstream in(std::string(FLUXACCT_SHARED_DIR) +
                     "/fixtures/flux-accounting/sample_payloads/" + name + ".json");
    ASSERT_TRUE(in) << name;
    const DataUpdate u = decode_rpc(DataTopic::kAssociations, json::parse(in));
    ASSERT_TRUE(u.associations) << name;
    EXPECT_GT(u.associations->size(), 3u) << name;
  }
}

TEST(EngineDecode, PluginConfigDocument) {
  json doc = {{"associations", {one_association()}},
              {"queues", {one_queue()}},
              {"projects", {{{"project", "*"}}}},
              {"banks", {{{"bank", "account1"}, {"priority", 0.0}}}},
              {"config", {{"deny_unknown_queues", true}}},
              {"priority_factors", {{{"factor", "fairshare"}, {"weight", 1000}}}},
              {"something_newer", 1}};
  const DataUpdate u = decode_plugin_config(doc);
  EXPECT_TRUE(u.replace_associations);
  EXPECT_EQ(u.associations->size(), 1u);
  EXPECT_EQ(u.queues->size(), 1u);
  EXPECT_TRUE(*u.deny_unknown_queues);
  EXPECT_EQ(u.factors->at(0).weight, 1000);

  doc["queues"][0]["priority"] = "high";
  try {
    decode_plugin_config(doc);
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_STREQ(e.what(),
                 "error initializing plugin with JSON object: queues[0].priority: Expected "
                 "integer, got string");
  }
  try {
    decode_plugin_config(json::array());
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_STREQ(e.what(),
                 "error initializing plugin with JSON object: Expected object, got array");
  }
}

TEST(EngineDecode, QueueJobLimitsSwitch) {
  // The plugin-init document: "options" absent → off, whatever was before.
  EXPECT_FALSE(*decode_plugin_config(json::object()).enforce_queue_job_limits);
  EXPECT_TRUE(*decode_plugin_config({{"options", {{"enforce_queue_job_limits", true}}}})
                   .enforce_queue_job_limits);
  EXPECT_FALSE(*decode_plugin_config({{"options", json::object()}}).enforce_queue_job_limits);
  try {
    decode_plugin_config({{"options", {{"enforce_queue_job_limits", 1}}}});
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_STREQ(e.what(),
                 "error initializing plugin with JSON object: options.enforce_queue_job_limits: "
                 "Expected true or false, got integer");
  }
  EXPECT_THROW(decode_plugin_config({{"options", 1}}), DecodeError);
  // rec_config_update: the key when present, else unchanged.
  EXPECT_FALSE(decode_rpc(DataTopic::kConfig, {{"data", json::object()}}).enforce_queue_job_limits);
  EXPECT_TRUE(*decode_rpc(DataTopic::kConfig, {{"data", {{"enforce_queue_job_limits", true}}}})
                   .enforce_queue_job_limits);
  Engine e;
  e.apply(decode_plugin_config({{"options", {{"enforce_queue_job_limits", true}}}}));
  EXPECT_TRUE(e.catalog().enforce_queue_job_limits());
  e.apply(decode_rpc(DataTopic::kConfig, {{"data", {{"deny_unknown_queues", true}}}}));
  EXPECT_TRUE(e.catalog().enforce_queue_job_limits());
  e.apply(decode_plugin_config(json::object()));  // a reload with an upstream document
  EXPECT_FALSE(e.catalog().enforce_queue_job_limits());
}

TEST(EngineDecode, WeightsFromTheDocumentAreKept) {
  // Upstream overwrites weights loaded with config= by the defaults (§6.3 #6).
  Engine e;
  json doc = {
      {"priority_factors",
       {{{"factor", "fairshare"}, {"weight", 1000}}, {{"factor", "queue"}, {"weight", 100}}}}};
  e.apply(decode_plugin_config(doc));
  EXPECT_EQ(e.catalog().weights().fairshare, 1000);
  EXPECT_EQ(e.catalog().weights().queue, 100);
  EXPECT_EQ(e.catalog().weights().urgency, 1000);
}

TEST(EngineDecode, BadElementChangesNothing) {
  Engine e;
  json bad = one_association();
  bad.erase("bank");
  EXPECT_THROW(e.apply(decode_rpc(DataTopic::kAssociations, {{"data", {one_association(), bad}}})),
               DecodeError);
  EXPECT_FALSE(e.has_data());
}

}  // namespace
}  // namespace fluxacct::engine
