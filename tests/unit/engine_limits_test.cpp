#include <functional>

#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;

class EngineLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    DataUpdate u = base_data();
    u.projects = std::vector<std::string>{"*", "p1", "p2"};
    d.engine.apply(u);
    set_assoc([](AssociationRecord&) {});
    d.engine.apply(queues({queue("bronze"), queue("silver")}));
  }
  void set_assoc(const std::function<void(AssociationRecord&)>& edit) {
    AssociationRecord a = assoc(1001, "A");
    a.queues = {"bronze"};
    a.projects = {"p1", "*"};
    edit(a);
    AssociationRecord b = assoc(1001, "B", "A");
    b.queues = {"bronze", "silver"};
    AssociationRecord off = assoc(1002, "A");
    off.active = false;
    d.engine.apply(associations({a, b, off}));
  }
  void set_queue(const std::function<void(QueueRecord&)>& edit) {
    QueueRecord q = queue("bronze");
    edit(q);
    d.engine.apply(queues({q, queue("silver")}));
  }
  Sub in(const char* q, std::int64_t nnodes = 1, std::int64_t ncores = 1) {
    Sub s;
    s.queue = q;
    s.nnodes = nnodes;
    s.ncores = ncores;
    return s;
  }
  Driver d;
};

TEST_F(EngineLimits, HardLimitMessagesInUpstreamOrder) {
  JobRequest bad = Sub{}.request();
  bad.attributes_ok = false;
  EXPECT_EQ(d.engine.validate(bad), "unable to unpack bank arg");
  Sub s;
  s.uid = 4242;
  EXPECT_EQ(d.submit(1, s), "cannot find user/bank or user/default bank entry for uid: 4242");
  s = Sub{};
  s.bank = "C";
  EXPECT_EQ(d.submit(1, s), "cannot find user/bank or user/default bank entry for uid: 1001");
  s = Sub{};
  s.uid = 1002;
  EXPECT_EQ(d.submit(1, s), "user/bank entry has been disabled from flux-accounting DB");
  EXPECT_EQ(d.submit(1, in("silver")),
            "queue \"silver\" not valid for user; valid queues for user: bronze");
  s = Sub{};
  s.project = "p2";
  EXPECT_EQ(d.submit(1, s), "project \"p2\" not valid for user; valid projects for user: p1,*");
  s.project = "nope";
  EXPECT_EQ(d.submit(1, s), "project \"nope\" not valid for user; valid projects for user: p1,*");
  JobRequest uncountable = Sub{}.request();
  uncountable.resources_ok = false;
  EXPECT_EQ(d.engine.validate(uncountable), "unable to count resources for job");
  set_queue([](QueueRecord& q) { q.max_nodes_per_assoc = 2; });
  EXPECT_EQ(d.submit(1, in("bronze", 3, 3)),
            "job size (3 node(s)) is greater than max resources limit configured for queue (2 "
            "node(s))");
  set_assoc([](AssociationRecord& a) {
    a.max_nodes = 2;
    a.max_cores = 8;
  });
  EXPECT_EQ(d.submit(1, in("bronze", 1, 9)),
            "job size (1 node(s), 9 core(s)) is greater than max resources limits configured for "
            "association (2 node(s), 8 core(s))");
  EXPECT_EQ(d.engine.job_count(), 0u);
}

TEST_F(EngineLimits, MaxActiveJobsRejectsNewSubmissionsOnly) {
  set_assoc([](AssociationRecord& a) { a.max_active_jobs = 2; });
  EXPECT_EQ(d.submit(1, Sub{}), "");
  EXPECT_EQ(d.submit(2, Sub{}), "");
  EXPECT_EQ(d.submit(3, Sub{}), "user has max active jobs");
  // Flux re-validating an existing job (an update) skips the check (#376).
  EXPECT_EQ(d.engine.validate(Sub{}.request(), JobState::Sched), std::nullopt);
  // Another bank of the same user has its own count.
  Sub b;
  b.bank = "B";
  EXPECT_EQ(d.submit(3, b), "");
  d.finish(1);
  EXPECT_EQ(d.submit(4, Sub{}), "");
  d.finish(4);
  // Two submissions validated while there was room for one: the second is
  // refused at job.new and not kept.
  const JobRequest r = Sub{}.request();
  EXPECT_EQ(d.engine.validate(r), std::nullopt);
  EXPECT_EQ(d.engine.validate(r), std::nullopt);
  Decisions out;
  d.engine.new_job(10, r, out);
  d.engine.new_job(11, r, out);
  ASSERT_EQ(of_type<Reject>(out).size(), 1u);
  EXPECT_EQ(of_type<Reject>(out)[0].job, 11u);
  EXPECT_EQ(of_type<Reject>(out)[0].message, "user has max active jobs");
  EXPECT_FALSE(d.engine.has_job(11));
  d.expect_sound();
}

TEST_F(EngineLimits, UnknownQueues) {
  EXPECT_EQ(d.submit(1, in("debug")), "");  // unknown to accounting: allowed
  DataUpdate deny;
  deny.deny_unknown_queues = true;
  d.engine.apply(deny);
  EXPECT_EQ(d.submit(2, in("debug")),
            "queue \"debug\" is unknown to flux-accounting and deny-unknown-queues is enabled");
}

TEST_F(EngineLimits, EverySoftLimitByItsDependencyName) {
  struct Case {
    const char* dep;
    std::function<void(AssociationRecord&)> assoc;
    std::function<void(QueueRecord&)> queue;
  };
  const Case cases[] = {
      {"max-run-jobs-queue", [](auto&) {}, [](QueueRecord& q) { q.max_running_jobs = 1; }},
      {"max-sched-jobs-queue-limit", [](auto&) {}, [](QueueRecord& q) { q.max_sched_jobs = 1; }},
      {"max-sched-nodes-queue-limit", [](auto&) {},
       [](QueueRecord& q) { q.max_sched_nodes_per_assoc = 1; }},
      {"max-sched-cores-queue-limit", [](auto&) {},
       [](QueueRecord& q) { q.max_sched_cores_per_assoc = 1; }},
      {"max-resources-queue", [](auto&) {}, [](QueueRecord& q) { q.max_nodes_per_assoc = 1; }},
      {"max-running-jobs-user-limit", [](AssociationRecord& a) { a.max_running_jobs = 1; },
       [](auto&) {}},
      {"max-sched-jobs-user-limit", [](AssociationRecord& a) { a.max_sched_jobs = 1; },
       [](auto&) {}},
      {"max-resources-user-limit", [](AssociationRecord& a) { a.max_nodes = 1; }, [](auto&) {}},
      {"max-resources-queue-total-limit", [](auto&) {}, [](QueueRecord& q) { q.max_nodes = 1; }},
  };
  JobId id = 100;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dep);
    set_assoc(c.assoc);
    set_queue(c.queue);
    const JobId first = ++id, second = ++id;
    ASSERT_EQ(d.submit(first, in("bronze")), "");
    EXPECT_TRUE(added(d.last, first).empty());
    d.last.clear();
    d.engine.sched(first, d.last);
    // "sched" limits hold while the first job waits in SCHED; the others once it runs.
    if (std::string(c.dep).find("sched") == std::string::npos) d.engine.run(first, d.last);
    ASSERT_EQ(d.submit(second, in("bronze")), "");
    EXPECT_EQ(added(d.last, second), std::vector<std::string>{c.dep});
    EXPECT_EQ(d.engine.explain(second).waiting.at(0).dependency, c.dep);
    d.finish(first);
    EXPECT_EQ(removed(d.last, second), std::vector<std::string>{c.dep});
    EXPECT_FALSE(d.held(second));
    d.finish(second);
    d.expect_sound();
    set_assoc([](auto&) {});
    set_queue([](auto&) {});
  }
}

TEST_F(EngineLimits, SeveralDependenciesInUpstreamOrder) {
  set_assoc([](AssociationRecord& a) {
    a.max_running_jobs = 1;
    a.max_nodes = 2;
  });
  set_queue([](QueueRecord& q) { q.max_running_jobs = 1; });
  ASSERT_EQ(d.submit(1, in("bronze", 2, 2)), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, in("bronze", 1, 1)), "");
  EXPECT_EQ(added(d.last, 2),
            (std::vector<std::string>{"max-run-jobs-queue", "max-running-jobs-user-limit",
                                      "max-resources-user-limit"}));
}

TEST_F(EngineLimits, FifoReleaseOneSlotOneJob) {
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 2; });
  for (JobId id = 1; id <= 6; ++id) ASSERT_EQ(d.submit(id, Sub{}), "");
  d.start(1);
  d.start(2);
  // 3…6 were not held (nothing ran at depend); hold later ones.
  for (JobId id = 3; id <= 6; ++id) d.finish(id);
  for (JobId id = 10; id <= 13; ++id) {
    ASSERT_EQ(d.submit(id, Sub{}), "");
    EXPECT_EQ(added(d.last, id), std::vector<std::string>{"max-running-jobs-user-limit"});
  }
  d.finish(1);  // one slot frees: exactly the oldest held job goes (#874)
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{10});
  d.start(10);
  d.finish(2);
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{11});
  EXPECT_TRUE(d.held(12));
  EXPECT_TRUE(d.held(13));
  d.expect_sound();
}

TEST_F(EngineLimits, ResourceReleasesReserveRoom) {
  // Upstream re-checks resource limits without pending offsets (§6.3 #8)
  // and would let all three held jobs go when 4 nodes free.
  set_assoc([](AssociationRecord& a) { a.max_nodes = 4; });
  ASSERT_EQ(d.submit(1, in("bronze", 4, 4)), "");
  d.start(1);
  for (JobId id = 2; id <= 4; ++id) {
    ASSERT_EQ(d.submit(id, in("bronze", 2, 2)), "");
    EXPECT_EQ(added(d.last, id), std::vector<std::string>{"max-resources-user-limit"});
  }
  d.finish(1);
  EXPECT_EQ(released_jobs(d.last), (std::vector<JobId>{2, 3}));
  EXPECT_TRUE(d.held(4));
  d.expect_sound();
}

TEST_F(EngineLimits, QueueResourceAndSchedReleasesReserveRoom) {
  set_queue([](QueueRecord& q) {
    q.max_nodes_per_assoc = 3;
    q.max_sched_cores_per_assoc = 4;
  });
  ASSERT_EQ(d.submit(1, in("bronze", 3, 1)), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, in("bronze", 1, 3)), "");
  ASSERT_EQ(d.submit(3, in("bronze", 1, 3)), "");
  EXPECT_EQ(added(d.last, 3), std::vector<std::string>{"max-resources-queue"});
  d.finish(1);
  // 2 goes; 3 would fit the nodes but not the SCHED cores 2 will take — it
  // had no such dependency, so it goes too: each dependency counts alone.
  EXPECT_EQ(released_jobs(d.last), (std::vector<JobId>{2, 3}));
}

TEST_F(EngineLimits, PartialReleaseReservesNothing) {
  set_assoc([](AssociationRecord& a) {
    a.max_running_jobs = 1;
    a.max_nodes = 2;
  });
  ASSERT_EQ(d.submit(1, in("bronze", 2, 2)), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, in("bronze", 2, 2)), "");  // held on running jobs and nodes
  EXPECT_EQ(added(d.last, 2),
            (std::vector<std::string>{"max-running-jobs-user-limit", "max-resources-user-limit"}));
  ASSERT_EQ(d.submit(3, in("bronze", 1, 1)), "");
  // Lift the running limit: both lose that dependency on reprioritize;
  // job 2 still waits on nodes, so it reserves nothing and job 3 is free.
  set_assoc([](AssociationRecord& a) {
    a.max_running_jobs = 5;
    a.max_nodes = 3;
  });
  Decisions out;
  d.engine.reprioritize(out);
  EXPECT_EQ(removed(out, 2), std::vector<std::string>{"max-running-jobs-user-limit"});
  EXPECT_EQ(removed(out, 3),
            (std::vector<std::string>{"max-running-jobs-user-limit", "max-resources-user-limit"}));
  EXPECT_TRUE(d.held(2));
  EXPECT_FALSE(d.held(3));
  d.expect_sound();
}

TEST_F(EngineLimits, CancelledHeldJobsAreForgotten) {
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 1; });
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  ASSERT_EQ(d.submit(3, Sub{}), "");
  ASSERT_TRUE(d.held(2));
  d.finish(2);  // cancelled while held (#754)
  EXPECT_FALSE(d.engine.has_job(2));
  d.finish(1);
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{3});
  d.expect_sound();
}

TEST_F(EngineLimits, LimitRaisedReleasesOnReprioritize) {
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 1; });
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  ASSERT_EQ(d.submit(3, Sub{}), "");
  ASSERT_EQ(d.submit(4, Sub{}), "");
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 3; });  // #749
  Decisions out;
  d.engine.reprioritize(out);
  EXPECT_EQ(released_jobs(out), (std::vector<JobId>{2, 3}));
  EXPECT_TRUE(d.held(4));
}

TEST_F(EngineLimits, QueueTotalsAcrossAssociations) {
  set_queue([](QueueRecord& q) {
    q.max_nodes = 4;
    q.max_cores = 100;
  });
  Sub b = in("bronze", 3, 3);
  b.bank = "B";
  ASSERT_EQ(d.submit(1, b), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, in("bronze", 2, 2)), "");
  EXPECT_EQ(added(d.last, 2), std::vector<std::string>{"max-resources-queue-total-limit"});
  ASSERT_EQ(d.submit(3, in("bronze", 1, 1)), "");
  EXPECT_TRUE(added(d.last, 3).empty());  // 3 + 1 ≤ 4
  const Explanation e = d.engine.explain(2);
  ASSERT_EQ(e.waiting.size(), 1u);
  EXPECT_EQ(e.waiting[0].quantities.at(0).current, 3);
  EXPECT_EQ(e.waiting[0].quantities.at(0).limit, 4);
  EXPECT_EQ(e.waiting[0].quantities.at(0).room_needed(), 1);
  d.finish(1);  // another association's job leaves the queue
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{2});
  EXPECT_EQ(d.submit(9, in("bronze", 5, 1)),
            "job size (5 node(s), 1 core(s)) is greater than max resources limits configured "
            "for queue across all associations (4 node(s), 100 core(s))");
  d.expect_sound();
}

TEST_F(EngineLimits, QueuePerJobLimitsOffUnlessTheDataSwitchThemOn) {
  set_queue([](QueueRecord& q) {
    q.min_nodes_per_job = 2;
    q.max_nodes_per_job = 4;
    q.max_time_per_job = 60;  // minutes
  });
  // Off by default: upstream never enforced them (§6.5).
  EXPECT_FALSE(d.engine.catalog().enforce_queue_job_limits());
  EXPECT_EQ(d.submit(1, in("bronze", 1, 1)), "");
  Sub s = in("bronze", 5, 5);
  s.duration = 7200;
  EXPECT_EQ(d.submit(2, s), "");

  DataUpdate on;
  on.enforce_queue_job_limits = true;  // rec_config_update / options carrying the key
  d.engine.apply(on);
  EXPECT_EQ(d.submit(3, in("bronze", 1, 1)),
            "job size (1 node(s)) is less than min nodes per job configured for queue (2 "
            "node(s))");
  EXPECT_EQ(d.submit(3, in("bronze", 5, 5)),
            "job size (5 node(s)) is greater than max nodes per job configured for queue (4 "
            "node(s))");
  s = in("bronze", 2, 2);
  s.duration = 3601;
  EXPECT_EQ(d.submit(3, s),
            "job duration (3601s) is greater than max time per job configured for queue (60 "
            "minute(s))");
  s.duration = 3600;
  EXPECT_EQ(d.submit(3, s), "");
  s.duration = 0;  // no duration requested: the instance default applies
  EXPECT_EQ(d.submit(4, s), "");

  DataUpdate unrelated;  // a config payload without the key leaves it as it is
  unrelated.deny_unknown_queues = false;
  d.engine.apply(unrelated);
  EXPECT_TRUE(d.engine.catalog().enforce_queue_job_limits());
  DataUpdate off;
  off.enforce_queue_job_limits = false;
  d.engine.apply(off);
  EXPECT_EQ(d.submit(5, in("bronze", 1, 1)), "");
}

// §6.3 #8 across passes: a released job keeps its slot until it runs, so
// the pass that runs when another released job starts does not hand the
// slot out again, and a new job cannot take it either.
TEST_F(EngineLimits, ReleasedJobsKeepTheirRoomUntilTheyRun) {
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 2; });
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  d.start(2);
  for (JobId id = 3; id <= 5; ++id) ASSERT_EQ(d.submit(id, Sub{}), "");
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 4; });
  Decisions out;
  d.engine.reprioritize(out);
  EXPECT_EQ(released_jobs(out), (std::vector<JobId>{3, 4}));
  d.last = out;
  d.follow();
  const Association& a = d.engine.catalog().assoc(d.engine.job(3)->assoc);
  EXPECT_EQ(a.reserved.to_run_jobs, 2);
  EXPECT_EQ(a.reserved.to_sched_jobs, 2);
  d.start(3);  // a release pass: 3 running + 1 reserved of 4
  EXPECT_TRUE(released_jobs(d.last).empty());
  EXPECT_TRUE(d.held(5));
  EXPECT_EQ(a.reserved.to_run_jobs, 1);
  ASSERT_EQ(d.submit(6, Sub{}), "");
  EXPECT_EQ(added(d.last, 6), std::vector<std::string>{"max-running-jobs-user-limit"});
  d.finish(4);  // released, never ran: its reservation goes, and 5 gets it
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{5});
  EXPECT_EQ(a.reserved.to_run_jobs, 1);
  d.expect_sound();
}

TEST_F(EngineLimits, ReservationsMoveWithABankUpdate) {
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 1; });
  ASSERT_EQ(d.submit(1, Sub{}), "");
  d.start(1);
  ASSERT_EQ(d.submit(2, Sub{}), "");
  d.finish(1);
  EXPECT_EQ(released_jobs(d.last), std::vector<JobId>{2});
  const std::uint32_t a = d.engine.job(2)->assoc;
  EXPECT_EQ(d.engine.catalog().assoc(a).reserved.to_run_jobs, 1);
  JobUpdate u;
  u.bank = "B";
  Decisions out;
  d.engine.update(2, u, out);
  const std::uint32_t b = d.engine.job(2)->assoc;
  EXPECT_EQ(d.engine.catalog().assoc(a).reserved.to_run_jobs, 0);
  EXPECT_EQ(d.engine.catalog().assoc(b).reserved.to_run_jobs, 1);
  d.expect_sound();
}

TEST_F(EngineLimits, ZeroRunningLimitHoldsEveryJob) {
  // As upstream (§6.3 #9): 0 is a limit, not "unlimited".
  set_assoc([](AssociationRecord& a) { a.max_running_jobs = 0; });
  ASSERT_EQ(d.submit(1, Sub{}), "");
  EXPECT_EQ(added(d.last, 1), std::vector<std::string>{"max-running-jobs-user-limit"});
}

}  // namespace
}  // namespace fluxacct::engine
