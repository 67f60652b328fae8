// Accounting data arriving, changing and being reloaded (spec §4.10;
// upstream families "data availability & reload" and "jobspec annotation /
// updates"; regressions #272, #280, #283, #332, #346/#385, #406, #733,
// #849, #889; fixes §6.3 #7, #13, #24).
#include <nlohmann/json.hpp>

#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimData : public Session {
 protected:
  SimData() : Session({8, 8}) {
    site.bank("A").bank("B");
    site.project("physics");
    site.queue("batch").priority(100).max_nodes_per_job(8);
    site.queue("debug").priority(1000).max_nodes_per_job(8);
    site.user(1001, "A").queues("batch,debug").projects("*,physics").default_project("physics");
    site.user(1001, "B").queues("batch").max_running_jobs(1);
  }
};

TEST_F(SimData, DefaultBankAndProjectWrittenToTheJobspec_272) {
  push_site();
  const JobId j = submit(as(1001));
  EXPECT_EQ(model.job(j).spec.bank, "A");
  EXPECT_EQ(model.job(j).spec.project, "physics");
  const JobId k = submit(as(1001).bank("B").project("*"));
  const auto& log = model.job(k).eventlog;
  EXPECT_EQ(std::count_if(log.begin(), log.end(),
                          [](const std::string& e) { return e.rfind("jobspec-update", 0) == 0; }),
            0);
}

TEST_F(SimData, NoQueueNeeded_280) {
  push_site();
  EXPECT_EQ(priority(submit(as(1001))), 50000u);
}

TEST_F(SimData, JobsBeforeDataWaitInPriorityThenBindToTheBankTheyNamed_346_7) {
  const JobId a = submit(as(1001));
  const JobId b = submit(as(1001).bank("B"));
  EXPECT_EQ(state(a), State::Priority);
  EXPECT_EQ(state(b), State::Priority);
  model.reprioritize();  // #406: still no data: they stay in PRIORITY
  EXPECT_EQ(state(a), State::Priority);
  push_site();
  EXPECT_EQ(state(a), State::Run);
  EXPECT_EQ(model.job(a).spec.bank, "A");
  // §6.3 #7: upstream rewrote b's bank to the default bank A.
  EXPECT_EQ(model.job(b).spec.bank, "B");
  EXPECT_EQ(association(1001, "B").run_jobs, 1);
}

// Changed with the fix for late-bound jobs: upstream binds them without a
// limit check (its DNE placeholder), so all three ran on a bank allowing
// one; now the two over the limit wait in PRIORITY, oldest first.
TEST_F(SimData, DNEJobsAreNotHeldInDependButUnknownUsersAreRejectedOnceDataExist_283_385) {
  Ids late;
  for (int i = 0; i < 3; ++i) late.push_back(submit(as(1001).bank("B")));  // B: 1 running job
  EXPECT_EQ(held(), Ids{});
  const JobId stranger = submit(as(4242));
  push_site();
  EXPECT_EQ(running(), Ids{late[0]});
  EXPECT_EQ(model.jobs_in(State::Priority), (Ids{late[1], late[2]}));
  model.cancel(late[0]);
  EXPECT_EQ(running(), Ids{late[1]});
  // Whoever has no association once data exist is cancelled, and new ones rejected.
  EXPECT_EQ(state(stranger), State::Inactive);
  EXPECT_EQ(model.job(stranger).exception,
            "cannot find user/bank or user/default bank entry for uid: 4242");
  EXPECT_EQ(rejected(as(4242)), "cannot find user/bank or user/default bank entry for uid: 4242");
}

TEST_F(SimData, RemovedAssociationsAreForgotten_24) {
  site.user(1002, "A");
  push_site();
  const JobId j = submit(as(1002));
  site.remove_user(1002, "A");
  push_site();
  // Its running job still counts until it ends; new jobs are refused.
  EXPECT_EQ(rejected(as(1002)), "cannot find user/bank or user/default bank entry for uid: 1002");
  model.cancel(j);
  EXPECT_EQ(model.engine().catalog().find(1002, model.engine().catalog().names().find("A")),
            engine::kNoAssoc);
}

TEST_F(SimData, QueuesRemovedFromAccountingBecomeUnknown_332_733_889) {
  push_site();
  site.remove_queue("debug");
  site.user(1001, "A").queues("batch");
  push_site();
  const JobId j = submit(as(1001).queue("debug"));
  EXPECT_EQ(priority(j), 50000u);  // factor 0, no queue limits
  EXPECT_EQ(model.engine().catalog().queue(model.engine().catalog().names().find("debug")),
            nullptr);
  // #889: a queue added later is known from the next update on.
  site.queue("gpu").priority(5).max_nodes_per_job(8);
  site.user(1001, "A").queues("batch,gpu");
  push_site();
  EXPECT_EQ(priority(submit(as(1001).queue("gpu"))), 100000u);
}

TEST_F(SimData, UpdateOfBankAndQueueMovesTheCounters_13) {
  site.user(1001, "A").max_sched_jobs(5);
  push_site();
  submit(as(1001).nodes(8).cores(64));  // fills the machine
  const JobId j = submit(as(1001).queue("debug"));
  EXPECT_EQ(state(j), State::Sched);
  EXPECT_EQ(association(1001, "A").sched_jobs, 1);
  EXPECT_EQ(association(1001, "A").usage(model.engine().catalog().names().find("debug")).sched_jobs,
            1);
  EXPECT_EQ(model.update(j, std::string("B"), std::string("batch")), std::nullopt);
  EXPECT_EQ(association(1001, "A").sched_jobs, 0);
  EXPECT_EQ(association(1001, "A").active_jobs, 1);
  EXPECT_EQ(association(1001, "B").sched_jobs, 1);
  EXPECT_EQ(association(1001, "B").usage(model.engine().catalog().names().find("batch")).sched_jobs,
            1);
  EXPECT_EQ(priority(j), 1050000u);  // batch's priority 100
}

TEST_F(SimData, UpdateRejections) {
  site.user(1001, "B").max_active_jobs(1);
  push_site();
  submit(as(1001).nodes(8).cores(64));
  const JobId j = submit(as(1001));
  EXPECT_EQ(model.update(j, std::string("Z"), std::nullopt),
            "update_bank: cannot find flux-accounting entry for uid/bank: 1001/Z");
  EXPECT_EQ(model.update(j, std::nullopt, std::string("nosuch")), std::nullopt);
  EXPECT_EQ(model.update(j, std::string("B"), std::nullopt), std::nullopt);
  const JobId k = submit(as(1001).queue("debug"));
  EXPECT_EQ(model.update(k, std::string("B"), std::nullopt),
            "new bank is already at max-active-jobs limit");
  EXPECT_EQ(model.update(k, std::nullopt, std::string("debug")), std::nullopt);
  EXPECT_EQ(model.update(j, std::nullopt, std::string("debug")),
            "mf_priority: queue not valid for user: debug");
  EXPECT_EQ(model.job(j).spec.bank, "B");
}

// Changed with the fix for late-bound jobs: `late`, past DEPEND before data
// arrived, used to be bound without a hold check and ran as a second job
// on a limit of one; now it waits in PRIORITY behind h, the older held job.
TEST_F(SimData, ReloadWithoutDataKeepsPendingJobsWaitingUntilPriorityUpdate_849) {
  site.user(1001, "A").max_running_jobs(1);
  push_site();
  const JobId r = submit(as(1001));
  const JobId h = submit(as(1001));
  model.reload();
  EXPECT_EQ(state(r), State::Run);
  EXPECT_EQ(deps(h), Deps{"max-running-jobs-user-limit"});
  const JobId late = submit(as(1001));
  EXPECT_EQ(state(late), State::Priority);
  push_site();
  // Counts were rebuilt from the replay (r); late is held in PRIORITY.
  EXPECT_EQ(state(late), State::Priority);
  EXPECT_EQ(association(1001, "A").run_jobs, 1);
  model.cancel(r);
  EXPECT_EQ(state(h), State::Run);  // the FIFO survived the reload: h first
  EXPECT_EQ(state(late), State::Priority);
  model.cancel(h);
  EXPECT_EQ(state(late), State::Run);
}

// A job submitted before data arrive, by a user already at max_running_jobs
// once they do, waits in PRIORITY (Flux takes dependencies only in DEPEND),
// is explained as held by the limit, and runs when a running job ends.
TEST_F(SimData, LateJobOverALimitWaitsInPriorityUntilARunningJobEnds) {
  site.user(1001, "A").max_running_jobs(2);
  push_site();
  const JobId r1 = submit(as(1001).runs(100));
  const JobId r2 = submit(as(1001).runs(200));
  model.reload();  // the plugin reloaded without data
  const JobId late = submit(as(1001));
  EXPECT_EQ(state(late), State::Priority);
  EXPECT_EQ(model.engine().explain(late).summary,
            "waiting for flux-accounting data (priority unavailable)");
  push_site();  // data arrive: late is bound, over the limit
  EXPECT_EQ(state(late), State::Priority);
  EXPECT_EQ(deps(late), Deps{});  // no Flux dependency: held by its priority
  EXPECT_FALSE(model.job(late).priority);
  const engine::Explanation e = model.engine().explain(late);
  ASSERT_EQ(e.waiting.size(), 1u);
  EXPECT_EQ(e.waiting[0].dependency, "max-running-jobs-user-limit");
  EXPECT_EQ(e.summary,
            "held in PRIORITY (priority unavailable): max-running-jobs-user-limit: running jobs "
            "of the association 2 of 2, this job adds 1 (1 must be freed)");
  model.reprioritize();  // asking again changes nothing
  EXPECT_EQ(state(late), State::Priority);
  model.advance(100);  // r1 ends
  EXPECT_EQ(state(r1), State::Inactive);
  EXPECT_EQ(state(late), State::Run);
  EXPECT_EQ(state(r2), State::Run);
  const auto& log = model.job(late).eventlog;
  EXPECT_NE(std::find(log.begin(), log.end(), "reprioritize"), log.end());
  EXPECT_EQ(association(1001, "A").run_jobs, 2);
}

TEST_F(SimData, ReloadWithConfigReplaysHoldsAndASecondReloadChangesNothing) {
  site.user(1001, "A").max_running_jobs(1);
  push_site();
  const JobId r = submit(as(1001));
  const JobId h1 = submit(as(1001));
  const JobId h2 = submit(as(1001));
  const nlohmann::json doc = site.document();
  model.reload(&doc);
  model.reload(&doc);
  EXPECT_EQ(held(), (Ids{h1, h2}));
  EXPECT_EQ(association(1001, "A").held.size, 2u);
  // Loaded with a raised limit: the replay releases what now fits.
  site.user(1001, "A").max_running_jobs(2);
  const nlohmann::json raised = site.document();
  model.reload(&raised);
  EXPECT_EQ(state(h1), State::Run);
  EXPECT_EQ(deps(h2), Deps{"max-running-jobs-user-limit"});
  model.cancel(r);
  EXPECT_EQ(state(h2), State::Run);
}

}  // namespace
}  // namespace fluxacct::sim::testing
