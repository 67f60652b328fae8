// Reservations across a plugin reload: jobs the adapter replays as released
// (ReplayJob::released) get back the room they were promised, so no job
// takes it after the reload (docs/compatibility.md, §6.3 #8 across passes).
#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;

// One association, one running slot.
DataUpdate one_slot() {
  DataUpdate u = base_data();
  AssociationRecord a = assoc(1001, "A");
  a.max_running_jobs = 1;
  u.associations = std::vector<AssociationRecord>{a};
  return u;
}

ReplayJob replayed(JobId id, JobState state, bool released) {
  ReplayJob r{id, Sub{}.request(), state, {}};
  r.released = released;
  return r;
}

// Submits job `id` to a reloaded engine; true when it is held on the
// running-jobs limit.
bool held_on_running_limit(Engine& e, JobId id) {
  Decisions out;
  e.new_job(id, Sub{}.request(), out);
  e.depend(id, out);
  return added(out, id) == std::vector<std::string>{"max-running-jobs-user-limit"};
}

TEST(EngineReplayReleased, ReleasedJobKeepsItsSlotAcrossAReload) {
  // Before the reload: job 1 runs, job 2 is held, job 1 ends and job 2 is
  // released and reaches SCHED (its run slot still only promised).
  Driver d;
  d.engine.apply(one_slot());
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  ASSERT_TRUE(d.held(2));
  d.finish(1);
  ASSERT_EQ(released_jobs(d.last), std::vector<JobId>{2});
  Decisions out;
  d.engine.sched(2, out);

  Engine e;
  e.apply(one_slot());
  e.replay({replayed(2, JobState::Sched, true)}, out);
  const Association& a = e.catalog().assoc(e.job(2)->assoc);
  EXPECT_EQ(a.reserved.to_run_jobs, 1);
  EXPECT_EQ(a.reserved.to_sched_jobs, 0);  // SCHED counts it for real
  EXPECT_TRUE(held_on_running_limit(e, 3));
  EXPECT_TRUE(e.audit().empty()) << ::testing::PrintToString(e.audit());
  out.clear();
  e.run(2, out);  // the reservation becomes the real count: 3 still waits
  EXPECT_TRUE(of_type<RemoveDependency>(out).empty());
  EXPECT_EQ(a.reserved.to_run_jobs, 0);
  e.inactive(2, out);
  EXPECT_EQ(released_jobs(out), std::vector<JobId>{3});
  EXPECT_TRUE(e.audit().empty());
}

TEST(EngineReplayReleased, UnmarkedSchedJobLeavesItsRunSlotFree) {
  // The flag is what keeps the slot: upstream's (and our former) reload.
  Engine e;
  e.apply(one_slot());
  Decisions out;
  e.replay({replayed(2, JobState::Sched, false)}, out);
  EXPECT_FALSE(held_on_running_limit(e, 3));
  EXPECT_TRUE(e.audit().empty());
}

TEST(EngineReplayReleased, ReleasedJobInPriorityGoesBeforeUncheckedOnes) {
  // Job 3 is listed first, but job 2 was promised the slot before the reload.
  Engine e;
  e.apply(one_slot());
  Decisions out;
  e.replay({replayed(3, JobState::Priority, false), replayed(2, JobState::Priority, true)}, out);
  EXPECT_TRUE(e.job(2)->reserved);
  EXPECT_TRUE(e.job(3)->held_in_priority());
  EXPECT_NE(e.priority(2, out), std::nullopt);
  EXPECT_EQ(e.priority(3, out), std::nullopt);
  EXPECT_TRUE(e.audit().empty());
}

TEST(EngineReplayReleased, ReleasedJobKeepsItsRoomEvenOverALoweredLimit) {
  // As before the reload: a promise is not taken back by new data.
  Engine e;
  DataUpdate u = one_slot();
  u.associations->at(0).max_running_jobs = 0;
  e.apply(u);
  Decisions out;
  e.replay({replayed(2, JobState::Priority, true)}, out);
  EXPECT_TRUE(e.job(2)->reserved);
  EXPECT_NE(e.priority(2, out), std::nullopt);
  EXPECT_TRUE(e.audit().empty());
}

TEST(EngineReplayReleased, ReloadWithoutDataReservesWhenDataBindTheJob) {
  Engine e;
  Decisions out;
  e.replay({replayed(3, JobState::Priority, false), replayed(2, JobState::Priority, true),
            replayed(4, JobState::Sched, true)},
           out);
  EXPECT_TRUE(e.job(2)->promised);
  EXPECT_TRUE(e.audit().empty());
  DataUpdate u = one_slot();
  u.associations->at(0).max_running_jobs = 2;
  e.apply(u);
  e.reprioritize(out);
  EXPECT_TRUE(e.job(2)->reserved);
  EXPECT_TRUE(e.job(4)->reserved);
  EXPECT_FALSE(e.job(2)->promised);
  EXPECT_TRUE(e.job(3)->held_in_priority());  // 2 promised + 1 would exceed 2
  EXPECT_NE(e.priority(2, out), std::nullopt);
  EXPECT_EQ(e.priority(3, out), std::nullopt);
  EXPECT_TRUE(e.audit().empty()) << ::testing::PrintToString(e.audit());
}

TEST(EngineReplayReleased, FlagIgnoredOutsidePriorityAndSched) {
  Engine e;
  e.apply(one_slot());
  Decisions out;
  ReplayJob dep = replayed(3, JobState::Depend, true);
  dep.dependencies = {"max-running-jobs-user-limit"};
  e.replay({replayed(1, JobState::Run, true), dep}, out);
  EXPECT_FALSE(e.job(1)->reserved);
  EXPECT_FALSE(e.job(3)->reserved);
  EXPECT_TRUE(e.job(3)->deps != 0);
  EXPECT_TRUE(e.audit().empty()) << ::testing::PrintToString(e.audit());
}

}  // namespace
}  // namespace fluxacct::engine
