// The job manager model itself: Flux's states, the scheduler, the clock,
// cancel from every state, urgency, and bad input leaving the model as it was.
#include <nlohmann/json.hpp>

#include "core/engine/decode.hpp"
#include "core/error.hpp"
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimModel : public Session {
 protected:
  SimModel() : Session({2, 4}) {
    site.bank("A");
    site.user(1001, "A").max_running_jobs(10).max_active_jobs(20);
    push_site();
  }
};

TEST_F(SimModel, JobGoesThroughEveryStateAndEndsAfterItsRuntime) {
  const JobId j = submit(as(1001).nodes(1).cores(4).runs(60));
  EXPECT_EQ(state(j), State::Run);
  EXPECT_EQ(priority(j), 50000u);
  model.advance(59);
  EXPECT_EQ(state(j), State::Run);
  model.advance(1);
  EXPECT_EQ(state(j), State::Inactive);
  const SimJob& job = model.job(j);
  EXPECT_EQ(job.t_run, 0.0);
  EXPECT_EQ(job.t_inactive, 60.0);
  const std::vector<std::string> expected{"submit",
                                          "jobspec-update attributes.system.bank=\"A\"",
                                          "jobspec-update attributes.system.project=\"*\"",
                                          "depend",
                                          "memo fairshare=0.5",
                                          "priority priority=50000",
                                          "alloc",
                                          "finish status=0",
                                          "clean"};
  EXPECT_EQ(job.eventlog, expected);
}

TEST_F(SimModel, SchedulerStartsByPriorityThenSubmitOrderAndFreesResources) {
  // Two nodes of four cores: a whole-machine job first, then three waiting.
  const JobId big = submit(as(1001).nodes(2).cores(8).runs(100));
  const JobId a = submit(as(1001).nodes(1).cores(4).runs(10));
  const JobId b = submit(as(1001).nodes(1).cores(4).runs(10));
  const JobId urgent = submit(as(1001).nodes(1).cores(4).runs(10).urgency(20));
  EXPECT_EQ(running(), Ids{big});
  EXPECT_EQ(model.queue_position(urgent), 0u);
  EXPECT_EQ(model.queue_position(a), 1u);
  model.advance(100);
  // urgent (priority 54000) and a (50000, submitted before b) start.
  EXPECT_EQ(running(), (Ids{a, urgent}));
  EXPECT_EQ(state(b), State::Sched);
  model.run_until_idle();
  EXPECT_EQ(model.job(b).t_run, 110.0);
  EXPECT_EQ(model.cluster().free_cores_total(), 8);
}

TEST_F(SimModel, UrgencyZeroHoldsAtPriorityZeroAndIsNeverScheduled) {
  const JobId j = submit(as(1001).urgency(0));
  EXPECT_EQ(state(j), State::Sched);
  EXPECT_EQ(priority(j), 0u);
  EXPECT_EQ(model.queue_position(j), std::nullopt);
  model.set_urgency(j, 16);
  EXPECT_EQ(state(j), State::Run);
}

TEST_F(SimModel, UrgencyChangeReprioritizesAPendingJob) {
  submit(as(1001).nodes(2).cores(8));  // fills the machine, runs forever
  const JobId j = submit(as(1001));
  EXPECT_EQ(priority(j), 50000u);
  model.set_urgency(j, 31);
  EXPECT_EQ(priority(j), 4294967295u);
  model.set_urgency(j, 10);
  EXPECT_EQ(priority(j), 44000u);
  EXPECT_THROW(model.set_urgency(j, 32), Error);
}

TEST_F(SimModel, CancelEndsAJobFromEveryState) {
  site.user(1001, "A").max_running_jobs(1);
  push_site();
  const JobId run = submit(as(1001));
  const JobId dep = submit(as(1001));
  EXPECT_EQ(state(dep), State::Depend);
  model.cancel(dep);
  EXPECT_EQ(state(dep), State::Inactive);
  EXPECT_TRUE(model.job(dep).cancelled);
  const JobId held0 = submit(as(1001).urgency(0));
  EXPECT_EQ(state(held0), State::Depend);
  model.cancel(run);
  EXPECT_EQ(state(run), State::Inactive);
  EXPECT_EQ(model.job(run).eventlog.back(), "clean");
  // held0 was released but has urgency 0: SCHED at priority 0.
  EXPECT_EQ(state(held0), State::Sched);
  model.cancel(held0);
  EXPECT_EQ(model.active_count(), 0u);
}

TEST_F(SimModel, UnsatisfiableRequestEndsWithAnException) {
  const JobId j = submit(as(1001).nodes(3).cores(3));
  EXPECT_EQ(state(j), State::Inactive);
  EXPECT_EQ(model.job(j).exception, "alloc: unsatisfiable request");
}

TEST_F(SimModel, BadInputThrowsAndLeavesTheModelAsItWas) {
  const JobId j = submit(as(1001).runs(10));
  EXPECT_THROW(model.cancel(999), Error);
  EXPECT_THROW(model.set_urgency(999, 3), Error);
  EXPECT_THROW(model.update(999, "A", std::nullopt), Error);
  EXPECT_THROW(model.job(999), Error);
  model.advance(20);
  EXPECT_THROW(model.cancel(j), Error);     // already inactive
  EXPECT_THROW(model.run_until(5), Error);  // the past
  EXPECT_EQ(model.now(), 20.0);
  // Payloads with a missing key or a wrong type: the engine's message.
  nlohmann::json missing = site.rec_update();
  missing["data"][0].erase("max_cores");
  try {
    model.send("rec_update", missing);
    ADD_FAILURE() << "accepted";
  } catch (const engine::DecodeError& e) {
    EXPECT_STREQ(e.what(), "mf_priority unpack: data[0]: Object item not found: max_cores");
  }
  nlohmann::json wrong = site.rec_update();
  wrong["data"][0]["bank"] = 7;
  EXPECT_THROW(model.send("rec_update", wrong), engine::DecodeError);
  EXPECT_THROW(model.send("rec_update", nlohmann::json::object()), engine::DecodeError);
  EXPECT_THROW(model.send("no_such_topic", site.rec_update()), Error);
  nlohmann::json doc = site.document();
  doc["queues"] = "x";
  EXPECT_THROW(model.priority_update(doc), engine::DecodeError);
  EXPECT_THROW(model.reload(&doc), engine::DecodeError);
  // Still the same site and the same jobs.
  const JobId k = submit(as(1001));
  EXPECT_EQ(priority(k), 50000u);
  EXPECT_EQ(model.active_count(), 1u);
}

TEST_F(SimModel, RejectedSubmissionNeverEnters) {
  const std::size_t before = model.jobs().size();
  EXPECT_EQ(rejected(as(4242)), "cannot find user/bank or user/default bank entry for uid: 4242");
  EXPECT_EQ(model.jobs().size(), before);
  EXPECT_EQ(model.engine().job_count(), 0u);
}

}  // namespace
}  // namespace fluxacct::sim::testing
