#include "core/error.hpp"
#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;

DataUpdate two_banks(std::int64_t max_run_b = 5) {
  AssociationRecord a = assoc(1001, "A");
  a.queues = {"bronze", "silver"};
  AssociationRecord b = assoc(1001, "B", "A");
  b.queues = {"bronze", "silver"};
  b.max_running_jobs = max_run_b;
  DataUpdate u = associations({a, b});
  u.queues = std::vector<QueueRecord>{queue("bronze", 10), queue("silver", 20)};
  u.projects = std::vector<std::string>{"*"};
  return u;
}

TEST(EngineLateBinding, JobsBeforeDataWaitThenBindToTheBankTheyNamed) {
  Driver d;
  Sub named;
  named.bank = "B";
  ASSERT_EQ(d.submit(1, named), "");
  ASSERT_EQ(d.submit(2, Sub{}), "");
  Sub stranger;
  stranger.uid = 7;
  ASSERT_EQ(d.submit(3, stranger), "");
  EXPECT_TRUE(d.engine.job(1)->state == JobState::Priority);
  Decisions out;
  EXPECT_EQ(d.engine.priority(1, out), std::nullopt);

  d.engine.apply(two_banks());
  out.clear();
  d.engine.reprioritize(out);
  // Job 1 keeps bank B (upstream rewrites it to the default bank, §6.3 #7);
  // job 2 gets the default bank written; both get the default project.
  std::vector<std::string> updates;
  for (const auto& u : of_type<UpdateJobspec>(out))
    updates.push_back(std::to_string(u.job) + " " + std::string(u.key) + "=" +
                      std::string(u.value));
  EXPECT_EQ(updates,
            (std::vector<std::string>{"1 attributes.system.project=*", "2 attributes.system.bank=A",
                                      "2 attributes.system.project=*"}));
  const auto exceptions = of_type<RaiseException>(out);
  ASSERT_EQ(exceptions.size(), 1u);
  EXPECT_EQ(exceptions[0].job, 3u);
  EXPECT_EQ(exceptions[0].message, "cannot find user/bank or user/default bank entry for uid: 7");
  EXPECT_EQ(d.engine.explain(1).bank, "B");
  EXPECT_EQ(d.engine.catalog().assoc(d.engine.job(1)->assoc).active_jobs, 1);
  EXPECT_EQ(d.engine.priority(1, out), 50000u);
  d.finish(3);
  d.expect_sound();
}

// Jobs past DEPEND when data arrive cannot take Flux dependencies: one over
// a soft limit stays in PRIORITY with its priority unavailable, in the
// limit's FIFO, until a release asks for its priority again.
TEST(EngineLateBinding, JobOverASoftLimitIsHeldInPriorityAndReprioritizedLater) {
  Driver d;
  for (JobId id = 1; id <= 3; ++id) ASSERT_EQ(d.submit(id, Sub{}), "");
  d.engine.apply(two_banks());
  DataUpdate one = two_banks();
  one.associations->at(0).max_running_jobs = 1;
  d.engine.apply(one);
  Decisions out;
  d.engine.reprioritize(out);
  EXPECT_TRUE(of_type<AddDependency>(out).empty());
  EXPECT_EQ(d.engine.priority(1, out), 50000u);  // within the limit: reserved
  EXPECT_TRUE(d.engine.job(1)->reserved);
  EXPECT_EQ(d.engine.priority(2, out), std::nullopt);
  EXPECT_TRUE(d.engine.job(2)->held_in_priority());
  EXPECT_TRUE(d.engine.job(3)->held_in_priority());
  out.clear();
  d.engine.priorities(out);  // reprioritize-all skips the held jobs
  EXPECT_EQ(of_type<SetPriority>(out).size(), 1u);
  const Explanation e = d.engine.explain(2);
  ASSERT_EQ(e.waiting.size(), 1u);
  EXPECT_EQ(e.waiting[0].dependency, "max-running-jobs-user-limit");
  EXPECT_EQ(e.waiting[0].quantities.at(0).reserved, 1);
  EXPECT_EQ(e.summary.rfind("held in PRIORITY (priority unavailable): max-running-jobs", 0), 0u)
      << e.summary;
  EXPECT_THROW(d.engine.sched(2, out), Error);
  d.start(1);
  EXPECT_TRUE(d.last.empty());  // 1 running of 1
  d.finish(1);
  // Only the oldest goes, by Reprioritize (no dependency to remove).
  EXPECT_TRUE(of_type<RemoveDependency>(d.last).empty());
  const auto again = of_type<Reprioritize>(d.last);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].job, 2u);
  EXPECT_EQ(d.engine.priority(2, out), 50000u);
  EXPECT_EQ(d.engine.priority(3, out), std::nullopt);
  d.expect_sound();
}

TEST(EngineLateBinding, UnknownUserRejectedOnceDataExist) {
  Driver d;
  d.engine.apply(two_banks());
  Sub stranger;
  stranger.uid = 7;
  EXPECT_EQ(d.submit(1, stranger), "cannot find user/bank or user/default bank entry for uid: 7");
}

TEST(EngineUpdate, BankUpdateMovesEveryCount) {
  Driver d;
  d.engine.apply(two_banks());
  Sub s;
  s.queue = "bronze";
  s.nnodes = 2;
  s.ncores = 4;
  ASSERT_EQ(d.submit(1, s), "");
  Decisions out;
  d.engine.sched(1, out);
  const auto& cat = d.engine.catalog();
  const std::uint32_t a = d.engine.job(1)->assoc;
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"B", std::nullopt, std::nullopt}), std::nullopt);
  d.engine.update(1, JobUpdate{"B", std::nullopt, std::nullopt}, out);
  const std::uint32_t b = d.engine.job(1)->assoc;
  ASSERT_NE(a, b);
  // Upstream moves only the active count (§6.3 #13).
  EXPECT_EQ(cat.assoc(a).active_jobs, 0);
  EXPECT_EQ(cat.assoc(a).sched_jobs, 0);
  EXPECT_TRUE(cat.assoc(a).queue_usage.empty());
  EXPECT_EQ(cat.assoc(b).active_jobs, 1);
  EXPECT_EQ(cat.assoc(b).sched_jobs, 1);
  EXPECT_EQ(cat.assoc(b).usage(cat.names().find("bronze")).sched_nodes, 2);
  d.engine.update(1, JobUpdate{std::nullopt, "silver", std::nullopt}, out);
  EXPECT_EQ(cat.assoc(b).usage(cat.names().find("bronze")).sched_nodes, 0);
  EXPECT_EQ(cat.assoc(b).usage(cat.names().find("silver")).sched_cores, 4);
  EXPECT_EQ(d.engine.priority(1, out), 50000u + 20u * 10000u);
  d.expect_sound();
}

TEST(EngineUpdate, HeldJobMovesToTheNewBanksFifoAndIsReleasedThere) {
  Driver d;
  AssociationRecord a = assoc(1001, "A");
  a.max_running_jobs = 1;
  AssociationRecord b = assoc(1001, "B", "A");
  d.engine.apply(base_data());
  d.engine.apply(associations({a, b}));
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  ASSERT_TRUE(d.held(2));
  Decisions out;
  d.engine.update(2, JobUpdate{"B", std::nullopt, std::nullopt}, out);
  EXPECT_EQ(removed(out, 2), std::vector<std::string>{"max-running-jobs-user-limit"});
  EXPECT_FALSE(d.held(2));
  d.expect_sound();
}

TEST(EngineUpdate, RejectionMessages) {
  Driver d;
  ASSERT_EQ(d.submit(1, Sub{}), "");
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"B", std::nullopt, std::nullopt}),
            "update_bank: plugin still waiting on flux-accounting data");
  d.engine.apply(two_banks(/*max_run_b=*/0));
  Decisions out;
  d.engine.reprioritize(out);
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"C", std::nullopt, std::nullopt}),
            "update_bank: cannot find flux-accounting entry for uid/bank: 1001/C");
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"B", std::nullopt, std::nullopt}),
            "updating to bank B while it is already at max-run-jobs limit is not allowed; try "
            "again later");
  DataUpdate u = two_banks();
  u.associations->at(1).max_active_jobs = 1;
  d.engine.apply(u);
  Sub b;
  b.bank = "B";
  ASSERT_EQ(d.submit(2, b), "");
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"B", std::nullopt, std::nullopt}),
            "new bank is already at max-active-jobs limit");
  u.queues->push_back(queue("gold"));
  d.engine.apply(u);
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{std::nullopt, "gold", std::nullopt}),
            "mf_priority: queue not valid for user: gold");
  u.deny_unknown_queues = true;
  d.engine.apply(u);
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{std::nullopt, "debug", std::nullopt}),
            "queue \"debug\" is unknown to flux-accounting and deny-unknown-queues is enabled");
  EXPECT_THROW(d.engine.update(1, JobUpdate{std::nullopt, "gold", std::nullopt}, out), Error);
  d.expect_sound();
}

TEST(EngineErrors, UnknownJobsAndEventsOutOfOrder) {
  Driver d;
  d.engine.apply(two_banks());
  Decisions out;
  try {
    d.engine.run(99, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "job.state.run: job info missing");
  }
  EXPECT_THROW(d.engine.inactive(99, out), Error);
  EXPECT_THROW(d.engine.explain(99), Error);
  d.engine.new_job(1, Sub{}.request(), out);
  EXPECT_THROW(d.engine.new_job(1, Sub{}.request(), out), Error);
  try {
    d.engine.run(1, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "job.state.run: job 1 is in state NEW, not SCHED");
  }
  EXPECT_THROW(d.engine.sched(1, out), Error);
  EXPECT_THROW(d.engine.priority(1, out), Error);
  d.engine.depend(1, out);
  EXPECT_THROW(d.engine.depend(1, out), Error);
  d.engine.priority(1, out);
  d.engine.sched(1, out);
  d.engine.run(1, out);
  EXPECT_THROW(d.engine.priority(1, out), Error);
  EXPECT_EQ(d.engine.validate_update(1, JobUpdate{"B", std::nullopt, std::nullopt}),
            "mf_priority: the bank or queue of a running job cannot be changed");
  d.expect_sound();
  d.engine.inactive(1, out);
  EXPECT_THROW(d.engine.inactive(1, out), Error);
  d.expect_sound();
}

TEST(EngineReplay, ReloadRebuildsCountsAndHolds) {
  // Before: max 1 running; job 1 runs, job 2 held, job 3 in SCHED elsewhere.
  auto data = [] {
    DataUpdate u = two_banks();
    u.associations->at(0).max_running_jobs = 1;
    return u;
  };
  Engine e;
  e.apply(data());
  std::vector<ReplayJob> jobs(4);
  jobs[0] = {2, Sub{}.request(), JobState::Depend, {"max-running-jobs-user-limit"}};
  Sub b;
  b.bank = "B";
  b.nnodes = 3;
  jobs[1] = {3, b.request(), JobState::Sched, {}};
  jobs[2] = {4, Sub{}.request(), JobState::Depend, {}};  // not yet held in Flux
  jobs[3] = {1, Sub{}.request(), JobState::Run, {}};
  Decisions out;
  e.replay(jobs, out);
  EXPECT_TRUE(of_type<RemoveDependency>(out).empty());
  EXPECT_EQ(added(out, 2), std::vector<std::string>{});  // it still has it
  EXPECT_EQ(added(out, 4), std::vector<std::string>{"max-running-jobs-user-limit"});
  const Association& a = e.catalog().assoc(e.job(1)->assoc);
  EXPECT_EQ(a.run_jobs, 1);
  EXPECT_EQ(a.held.size, 2u);
  EXPECT_EQ(e.catalog().assoc(e.job(3)->assoc).sched_jobs, 1);
  EXPECT_TRUE(e.audit().empty());
  out.clear();
  e.inactive(1, out);
  EXPECT_EQ(released_jobs(out), std::vector<JobId>{2});  // FIFO kept across the reload
}

TEST(EngineReplay, ReloadWithoutDataKeepsJobsAndBindsThemLater) {
  Engine e;
  std::vector<ReplayJob> jobs(2);
  jobs[0] = {1, Sub{}.request(), JobState::Run, {}};
  jobs[1] = {2, Sub{}.request(), JobState::Priority, {}};
  Decisions out;
  e.replay(jobs, out);
  EXPECT_EQ(e.priority(2, out), std::nullopt);
  e.apply(two_banks());
  out.clear();
  e.reprioritize(out);
  const Association& a = e.catalog().assoc(e.job(1)->assoc);
  EXPECT_EQ(a.run_jobs, 1);  // the running job counts once data arrive
  EXPECT_EQ(a.active_jobs, 2);
  EXPECT_EQ(e.priority(2, out), 50000u);
  EXPECT_TRUE(e.audit().empty());
}

TEST(EngineData, ReplacingUpdateForgetsRemovedAssociations) {
  Driver d;
  d.engine.apply(two_banks());
  Sub b;
  b.bank = "B";
  ASSERT_EQ(d.submit(1, b), "");
  d.start(1);
  // B is removed from the DB (upstream keeps it until a reload, §6.3 #24).
  DataUpdate only_a = two_banks();
  only_a.associations->pop_back();
  only_a.replace_associations = true;
  d.engine.apply(only_a);
  EXPECT_EQ(d.submit(2, b), "cannot find user/bank or user/default bank entry for uid: 1001");
  const std::uint32_t slot = d.engine.job(1)->assoc;
  EXPECT_FALSE(d.engine.catalog().assoc(slot).present);
  EXPECT_TRUE(d.engine.catalog().assoc(slot).in_use);  // its running job still counts there
  d.finish(1);
  EXPECT_FALSE(d.engine.catalog().assoc(slot).in_use);  // dropped with its last job
  // An upserting update never forgets.
  DataUpdate upsert = two_banks();
  upsert.associations->erase(upsert.associations->begin());
  d.engine.apply(upsert);
  EXPECT_EQ(d.submit(3, Sub{}), "");
  d.expect_sound();
}

TEST(EngineExplain, WaitingJobSaysWhyAndWhatItNeeds) {
  Driver d;
  DataUpdate u = two_banks();
  u.associations->at(0).max_running_jobs = 1;
  d.engine.apply(u);
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  Sub s;
  s.queue = "silver";
  ASSERT_EQ(d.submit(2, s), "");
  const Explanation e = d.engine.explain(2);
  EXPECT_EQ(e.bank, "A");
  EXPECT_EQ(e.queue, "silver");
  ASSERT_EQ(e.waiting.size(), 1u);
  EXPECT_EQ(e.waiting[0].text,
            "max-running-jobs-user-limit: running jobs of the association 1 of 1, this job adds 1 "
            "(1 must be freed)");
  EXPECT_EQ(e.summary, "held: " + e.waiting[0].text);
  ASSERT_TRUE(e.priority);
  EXPECT_DOUBLE_EQ(e.priority->terms[1].value, 20);  // silver's priority
  EXPECT_EQ(e.priority->priority, 250000u);
  EXPECT_EQ(d.engine.explain(1).summary, "priority 50000");
}

}  // namespace
}  // namespace fluxacct::engine
