// A randomized model run: thousands of jobs through random submits,
// cancels, urgency changes, bank and queue updates, data updates, reloads
// and the passing of time. After every step the engine's audit is clean,
// the engine holds exactly the model's active jobs, and no counter is
// negative (audit() checks counters against a recount).
#include <random>

#include "core/error.hpp"
#include "sim_test_util.hpp"

namespace fluxacct::sim::testing {
namespace {

class SimRandom : public Session {
 protected:
  SimRandom() : Session({6, 4}) {}

  void build_site(std::mt19937& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    site.bank("A", pick(0, 3)).bank("B", pick(0, 3));
    site.queue("batch")
        .priority(pick(0, 10))
        .max_nodes_per_job(6)
        .max_running_jobs(pick(1, 6))
        .max_nodes_per_assoc(pick(2, 12))
        .max_nodes(pick(3, 12))
        .max_cores(pick(6, 48));
    site.queue("debug")
        .priority(pick(0, 10))
        .max_nodes_per_job(6)
        .max_sched_jobs(pick(1, 4))
        .max_sched_nodes_per_assoc(pick(2, 8))
        .max_sched_cores_per_assoc(pick(2, 16));
    for (std::uint32_t uid = 1001; uid <= 1004; ++uid)
      for (const char* bank : {"A", "B"}) {
        if (uid == 1004 && bank[0] == 'B') continue;
        site.user(uid, bank)
            .queues(pick(0, 3) ? "batch,debug" : "batch")
            .fairshare(pick(0, 100) / 100.0)
            .max_running_jobs(pick(0, 4))
            .max_active_jobs(pick(0, 12))
            .max_sched_jobs(pick(1, 6))
            .max_nodes(pick(1, 8))
            .max_cores(pick(2, 24));
      }
  }

  void step(std::mt19937& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto any_job = [&]() -> JobId {
      // Mostly active jobs; sometimes a finished or unknown one (bad input).
      const auto n = model.jobs().size();
      return n ? static_cast<JobId>(pick(1, static_cast<int>(n) + 2)) : 1;
    };
    const char* queues[] = {"batch", "debug", "nosuch"};
    const char* banks[] = {"A", "B", "Z"};
    const int op = pick(0, 99);
    try {
      if (op < 45) {
        Sub s = as(static_cast<std::uint32_t>(pick(1001, 1005)))
                    .nodes(pick(1, 3))
                    .cores(pick(1, 6))
                    .runs(pick(1, 50))
                    .urgency(pick(0, 9) ? 16 : pick(0, 31));
        if (pick(0, 2) == 0) s.queue(queues[pick(0, 2)]);
        if (pick(0, 2) == 0) s.bank(banks[pick(0, 2)]);
        (void)model.submit(s);
      } else if (op < 55) {
        model.cancel(any_job());
      } else if (op < 62) {
        model.set_urgency(any_job(), pick(0, 31));
      } else if (op < 70) {
        std::optional<std::string> bank, queue;
        if (pick(0, 1)) bank = banks[pick(0, 2)];
        if (pick(0, 1)) queue = queues[pick(0, 2)];
        (void)model.update(any_job(), bank, queue);
      } else if (op < 73) {
        // An administrator changes a limit and pushes the data.
        site.user(static_cast<std::uint32_t>(pick(1001, 1003)), banks[pick(0, 1)])
            .max_running_jobs(pick(0, 5))
            .max_nodes(pick(1, 8));
        if (pick(0, 4) == 0) site.queue("batch").max_running_jobs(pick(1, 5));
        push_site();
      } else if (op < 74) {
        if (pick(0, 1)) {
          model.reload();  // without data: pending jobs wait until the next push
        } else {
          const auto doc = site.document();
          model.reload(&doc);
        }
      } else if (op < 75) {
        model.reprioritize();
      } else {
        model.advance(pick(0, 5));
      }
    } catch (const Error&) {
      // Bad input (unknown job, inactive job, running job's urgency): refused.
    }
  }
};

TEST_F(SimRandom, ThousandsOfJobsKeepEngineAndModelConsistent) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    site = Site();
    model = JobManager({6, 4});
    std::mt19937 rng(seed);
    build_site(rng);
    push_site();
    for (int i = 0; i < 4000; ++i) {
      step(rng);
      const auto problems = model.check();
      ASSERT_TRUE(problems.empty()) << "step " << i << ": " << ::testing::PrintToString(problems);
      ASSERT_EQ(model.engine().job_count(), model.active_count());
    }
    // Lift the limits and let everything finish: nothing may be stuck.
    for (std::uint32_t uid = 1001; uid <= 1004; ++uid)
      for (const char* bank : {"A", "B"}) {
        if (uid == 1004 && bank[0] == 'B') continue;
        site.user(uid, bank).max_running_jobs(100).max_sched_jobs(100).max_nodes(100).max_cores(
            1000);
      }
    site.queue("batch").max_running_jobs(100).max_nodes_per_assoc(100).max_nodes(100).max_cores(
        1000);
    site.queue("debug")
        .max_sched_jobs(100)
        .max_sched_nodes_per_assoc(100)
        .max_sched_cores_per_assoc(1000);
    push_site();
    for (JobId id : model.jobs_in(State::Sched))
      if (model.job(id).priority == 0u) model.set_urgency(id, 16);
    model.run_until_idle();
    EXPECT_EQ(model.active_count(), 0u) << ::testing::PrintToString(model.jobs_in(State::Depend));
    EXPECT_EQ(model.engine().job_count(), 0u);
    EXPECT_GT(model.jobs().size(), 500u);  // accepted jobs; thousands over the seeds
  }
}

}  // namespace
}  // namespace fluxacct::sim::testing
