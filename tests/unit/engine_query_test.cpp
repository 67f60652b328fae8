// Engine::query(): `flux jobtap query mf_priority.so` (spec §1.6) on a small
// site — upstream's keys and shapes, and fluxacct's additions under
// "fluxacct".
#include <nlohmann/json.hpp>

#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;
using nlohmann::json;

class EngineQuery : public ::testing::Test {
 protected:
  void SetUp() override {
    DataUpdate u = base_data();
    AssociationRecord a = assoc(1002, "B");
    AssociationRecord b = assoc(1001, "B", "A");
    b.queues = {"bronze"};
    AssociationRecord c = assoc(1001, "A");
    c.queues = {"bronze"};
    c.max_running_jobs = 1;
    u.associations = std::vector<AssociationRecord>{a, b, c};
    u.queues = std::vector<QueueRecord>{queue("bronze", 10)};
    u.banks = std::vector<BankRecord>{{"A", 1.5}, {"B", 0}};
    u.factors = std::vector<FactorRecord>{{"bank", 7}};
    d.engine.apply(u);
    Sub s;
    s.queue = "bronze";
    s.nnodes = 2;
    s.ncores = 4;
    ASSERT_EQ(d.submit(11, s), "");
    d.start(11);
    ASSERT_EQ(d.submit(12, s), "");  // held: 1 running of 1
  }
  Driver d;
};

TEST_F(EngineQuery, UpstreamShape) {
  const json q = d.engine.query();
  ASSERT_TRUE(q.contains("mf_priority_map"));
  const json& map = q["mf_priority_map"];
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0]["userid"], 1001);  // users by uid
  EXPECT_EQ(map[1]["userid"], 1002);
  const json& banks = map[0]["banks"];
  ASSERT_EQ(banks.size(), 2u);
  EXPECT_EQ(banks[0]["bank_name"], "A");  // banks by name
  EXPECT_EQ(banks[1]["bank_name"], "B");
  const json& a = banks[0];
  for (const char* key :
       {"bank_name", "fairshare", "max_run_jobs", "cur_run_jobs", "max_active_jobs",
        "cur_active_jobs", "queues", "queue_factor", "projects", "def_project", "max_nodes",
        "max_cores", "cur_nodes", "cur_cores", "active", "cur_sched_jobs", "max_sched_jobs",
        "queue_usage", "held_jobs"})
    EXPECT_TRUE(a.contains(key)) << key;
  EXPECT_EQ(a["max_run_jobs"], 1);
  EXPECT_EQ(a["cur_run_jobs"], 1);
  EXPECT_EQ(a["cur_active_jobs"], 2);
  EXPECT_EQ(a["cur_nodes"], 2);
  EXPECT_EQ(a["cur_cores"], 4);
  EXPECT_EQ(a["active"], 1);
  EXPECT_EQ(a["queues"], json::array({"bronze"}));
  EXPECT_EQ(a["projects"], json::array({"*"}));
  EXPECT_EQ(a["def_project"], "*");
  EXPECT_DOUBLE_EQ(a["fairshare"].get<double>(), 0.5);
  EXPECT_EQ(a["queue_usage"]["bronze"], (json{{"cur_run_jobs", 1},
                                              {"cur_nodes", 2},
                                              {"cur_sched_jobs", 0},
                                              {"cur_sched_nodes", 0},
                                              {"cur_sched_cores", 0}}));
  EXPECT_EQ(a["held_jobs"]["12"], (json{{"nnodes", 2},
                                        {"ncores", 4},
                                        {"queue", "bronze"},
                                        {"deps", {"max-running-jobs-user-limit"}}}));
  EXPECT_EQ(banks[1]["held_jobs"], json::object());

  const json& bronze = q["queues"]["bronze"];
  EXPECT_EQ(bronze["name"], "bronze");
  EXPECT_EQ(bronze["priority"], 10);
  for (const char* key : {"min_nodes_per_job", "max_nodes_per_job", "max_time_per_job",
                          "max_running_jobs", "max_nodes_per_assoc", "max_sched_jobs",
                          "max_sched_nodes_per_assoc", "max_sched_cores_per_assoc"})
    EXPECT_TRUE(bronze.contains(key)) << key;
  EXPECT_EQ(q["projects"], json::array({"*"}));
}

TEST_F(EngineQuery, FluxacctAdditions) {
  d.finish(11);  // 12 released: its slot reserved until it runs
  const json q = d.engine.query();
  const json& a = q["mf_priority_map"][0]["banks"][0];
  EXPECT_EQ(a["held_jobs"], json::object());
  EXPECT_EQ(a["fluxacct"]["reserved"]["to_run_jobs"], 1);
  EXPECT_EQ(a["fluxacct"]["reserved"]["to_sched_nodes"], 2);
  EXPECT_EQ(a["fluxacct"]["queue_usage_reserved"]["bronze"]["to_run_cores"], 4);
  EXPECT_EQ(a["fluxacct"]["present"], true);
  const json& x = q["fluxacct"];
  EXPECT_DOUBLE_EQ(x["bank_priorities"]["A"].get<double>(), 1.5);
  EXPECT_EQ(x["priority_factors"],
            (json{{"fairshare", 100000}, {"queue", 10000}, {"bank", 7}, {"urgency", 1000}}));
  EXPECT_EQ(x["config"],
            (json{{"deny_unknown_queues", false}, {"enforce_queue_job_limits", false}}));
  EXPECT_EQ(x["queue_totals"]["bronze"]["cur_jobs"], 0);
  EXPECT_EQ(x["queue_totals"]["bronze"]["reserved"]["to_sched_jobs"], 1);
  EXPECT_EQ(x["active_jobs"], 1);
  EXPECT_EQ(x["jobs_waiting_for_data"], json::array());
  EXPECT_EQ(q["queues"]["bronze"]["fluxacct"]["max_nodes"], kIntMax);
}

}  // namespace
}  // namespace fluxacct::engine
