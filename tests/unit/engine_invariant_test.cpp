// Thousands of jobs through random events — submit, progress, cancel,
// finish, bank and queue updates, data updates, reprioritize, reload —
// checking after every step that every counter equals a recount of the job
// table (never negative), that the engine's jobs are exactly Flux's active
// jobs, and that every job's dependencies are exactly those the engine
// asked Flux to add and not yet to remove. Then limits stop changing (no
// data, no reloads; jobs that pass depend unheld start at once, as on an
// idle cluster) and the walk goes on checking that releases never let an
// association run more than max_running_jobs: a released job keeps its slot
// reserved until it runs (§6.3 #8 across passes).
#include <map>
#include <random>
#include <set>

#include "engine_test_util.hpp"

namespace fluxacct::engine {
namespace {

using namespace testing;

const char* const kBanks[] = {"A", "B", "C"};
const char* const kQueues[] = {"bronze", "silver", "debug"};  // debug: unknown to accounting

struct FluxJob {  // what Flux knows of a job
  JobState state = JobState::New;
  std::set<std::string> deps;
  Sub sub;
};

class World {
 public:
  explicit World(unsigned seed) : rng_(seed) { engine_ = std::make_unique<Engine>(); }

  void step() {
    const int what = pick(100);
    if (frozen_) {
      if (what < 30)
        submit();
      else if (what < 70)
        progress();
      else if (what < 80)
        cancel();
      else if (what < 90)
        update();
      else
        reprioritize();
      settle();
      check();
      if (!::testing::Test::HasFatalFailure()) check_running_limits();
      return;
    }
    if (what < 30)
      submit();
    else if (what < 55)
      progress();
    else if (what < 65)
      cancel();
    else if (what < 75)
      update();
    else if (what < 82)
      data();
    else if (what < 90)
      reprioritize();
    else if (what < 91)
      reload();
    else
      progress();
    settle();
    check();
  }

  // frozen_runs: jobs started from SCHED (released ones) after the freeze.
  std::size_t submitted = 0, rejected = 0, released = 0, reloads = 0, frozen_runs = 0;

  // Limits stop changing. Jobs that passed depend unheld and have not
  // started (they hold no reservation: upstream counts them only once they
  // run) start now; from here on such jobs start as soon as they pass.
  void freeze() {
    frozen_ = true;
    std::vector<JobId> ids;
    for (const auto& [id, j] : jobs_) ids.push_back(id);
    for (JobId id : ids) {
      const Job* e = engine_->job(id);
      if (!e || e->reserved || e->deps) continue;
      start_now(id);
    }
    settle();
    for (std::uint32_t ai = 0; ai < engine_->catalog().assoc_slots(); ++ai) bound(ai);
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <typename T>
  const T& any(const std::map<JobId, T>& m) {
    auto it = m.begin();
    std::advance(it, pick(static_cast<int>(m.size())));
    return it->second;
  }
  JobId any_job() {
    auto it = jobs_.begin();
    std::advance(it, pick(static_cast<int>(jobs_.size())));
    return it->first;
  }

  void apply(const Decisions& out) {
    for (const Decision& d : out) {
      if (const auto* a = std::get_if<AddDependency>(&d)) {
        FluxJob& j = jobs_.at(a->job);
        ASSERT_EQ(j.state, JobState::Depend);
        ASSERT_TRUE(j.deps.insert(std::string(a->name)).second) << a->name;
      } else if (const auto* r = std::get_if<RemoveDependency>(&d)) {
        FluxJob& j = jobs_.at(r->job);
        ASSERT_EQ(j.deps.erase(std::string(r->name)), 1u) << r->name;
        ++released;
      } else if (const auto* x = std::get_if<RaiseException>(&d)) {
        doomed_.insert(x->job);
      }
    }
  }

  void submit() {
    Sub s;
    s.uid = 1001 + static_cast<std::uint32_t>(pick(4));
    if (pick(3)) s.bank = kBanks[pick(3)];
    if (pick(3)) s.queue = kQueues[pick(3)];
    s.nnodes = 1 + pick(4);
    s.ncores = s.nnodes * (1 + pick(4));
    s.urgency = pick(5) ? 16 : pick(32);
    const JobId id = next_id_++;
    ++submitted;
    if (engine_->validate(s.request())) {
      ++rejected;
      return;
    }
    Decisions out;
    engine_->new_job(id, s.request(), out);
    if (!of_type<Reject>(out).empty()) {
      ++rejected;
      return;
    }
    jobs_[id] = FluxJob{JobState::New, {}, s};
    apply(out);
    out.clear();
    jobs_[id].state = JobState::Depend;
    engine_->depend(id, out);
    apply(out);
    if (frozen_ && jobs_.count(id) && jobs_[id].deps.empty()) start_now(id);
  }

  // DEPEND (no dependencies) → PRIORITY → SCHED → RUN in one go, as far as
  // the engine lets the job go (a job still waiting for data stays).
  void start_now(JobId id) {
    FluxJob& j = jobs_.at(id);
    Decisions out;
    if (j.state == JobState::Depend) {
      if (!j.deps.empty()) return;
      j.state = JobState::Priority;
      if (!engine_->priority(id, out)) return apply(out);
    } else if (j.state == JobState::Priority) {
      if (!engine_->priority(id, out)) return apply(out);
    }
    if (j.state == JobState::Priority) {
      j.state = JobState::Sched;
      engine_->sched(id, out);
    }
    if (j.state == JobState::Sched) {
      j.state = JobState::Run;
      engine_->run(id, out);
    }
    apply(out);
  }

  // What association ai may run: its limit, or what it had already running
  // or promised when limits stopped changing, whichever is more; that
  // excess may only shrink.
  std::int64_t bound(std::uint32_t ai) {
    const Association& a = engine_->catalog().assoc(ai);
    const std::int64_t committed = a.run_jobs + a.reserved.to_run_jobs;
    auto [it, fresh] = bounds_.try_emplace(ai, std::max(a.max_run_jobs, committed));
    if (!fresh) it->second = std::max(a.max_run_jobs, std::min(it->second, committed));
    return it->second;
  }

  void check_running_limits() {
    for (std::uint32_t ai = 0; ai < engine_->catalog().assoc_slots(); ++ai) {
      const Association& a = engine_->catalog().assoc(ai);
      if (!a.in_use) continue;
      const std::int64_t committed = a.run_jobs + a.reserved.to_run_jobs;
      const std::int64_t before = bounds_.count(ai) ? bounds_[ai] : a.max_run_jobs;
      ASSERT_LE(committed, before) << "association " << a.userid << " slot " << ai;
      ASSERT_LE(a.run_jobs, std::max(a.max_run_jobs, before));
      bound(ai);
    }
  }

  // Moves one job a step along, as Flux would.
  void progress() {
    if (jobs_.empty()) return;
    const JobId id = any_job();
    FluxJob& j = jobs_.at(id);
    Decisions out;
    switch (j.state) {
      case JobState::Depend:
        if (!j.deps.empty()) return;
        j.state = JobState::Priority;
        engine_->priority(id, out);
        break;
      case JobState::Priority: {
        // The scheduler sees only jobs with a priority.
        if (!engine_->priority(id, out)) break;
        j.state = JobState::Sched;
        engine_->sched(id, out);
        break;
      }
      case JobState::Sched:
        j.state = JobState::Run;
        engine_->run(id, out);
        if (frozen_) ++frozen_runs;
        break;
      case JobState::Run:
        engine_->inactive(id, out);
        jobs_.erase(id);
        break;
      default:
        break;
    }
    apply(out);
  }

  void cancel() {
    if (jobs_.empty()) return;
    const JobId id = any_job();
    Decisions out;
    engine_->inactive(id, out);
    jobs_.erase(id);
    apply(out);
  }

  void update() {
    if (jobs_.empty()) return;
    const JobId id = any_job();
    FluxJob& j = jobs_.at(id);
    if (j.state == JobState::Run) return;
    JobUpdate u;
    std::string bank = kBanks[pick(3)], queue = kQueues[pick(3)];
    if (pick(2))
      u.bank = bank;
    else
      u.queue = queue;
    if (engine_->validate_update(id, u)) return;
    Decisions out;
    engine_->update(id, u, out);
    if (u.bank) j.sub.bank = bank;
    if (u.queue) j.sub.queue = queue;
    apply(out);
  }

  void data() {
    DataUpdate u;
    std::vector<AssociationRecord> v;
    for (std::uint32_t uid = 1001; uid <= 1004; ++uid)
      for (const char* bank : kBanks) {
        if (pick(4) == 0) continue;  // sometimes absent
        AssociationRecord a = assoc(uid, bank, "A");
        a.max_running_jobs = pick(4);
        a.max_active_jobs = pick(10);
        a.max_sched_jobs = 1 + pick(4);
        a.max_nodes = pick(12);
        a.max_cores = pick(40);
        a.fairshare = pick(100) / 100.0;
        a.queues = {"bronze"};
        if (pick(2)) a.queues.push_back("silver");
        a.active = pick(8) != 0;
        v.push_back(a);
      }
    u.associations = v;
    u.replace_associations = pick(2);
    if (pick(2)) {
      std::vector<QueueRecord> qs;
      for (const char* name : {"bronze", "silver"}) {
        QueueRecord q = queue(name, pick(100));
        q.max_running_jobs = 1 + pick(5);
        q.max_sched_jobs = 1 + pick(5);
        q.max_nodes_per_assoc = 2 + pick(10);
        q.max_sched_nodes_per_assoc = 4 + pick(10);
        q.max_sched_cores_per_assoc = 8 + pick(40);
        q.max_nodes = 4 + pick(30);
        q.max_cores = 16 + pick(100);
        qs.push_back(q);
      }
      u.queues = qs;
    }
    u.projects = std::vector<std::string>{"*"};
    if (pick(4) == 0) u.deny_unknown_queues = pick(2) != 0;
    engine_->apply(u);
    // What a reload would start from: the whole of it.
    if (u.queues) last_queues_ = *u.queues;
    last_assocs_ = v;
    if (!u.replace_associations) {
      // Upserts keep associations the engine already had; keep the union.
      for (const auto& a : previous_assocs_) {
        bool listed = false;
        for (const auto& b : v) listed |= a.userid == b.userid && a.bank == b.bank;
        if (!listed) last_assocs_.push_back(a);
      }
    }
    previous_assocs_ = last_assocs_;
  }

  void reprioritize() {
    Decisions out;
    engine_->reprioritize(out);
    apply(out);
    Decisions prios;
    engine_->priorities(prios);
  }

  // A plugin reload: a new engine, loaded with the data, Flux's jobs replayed.
  void reload() {
    ++reloads;
    engine_ = std::make_unique<Engine>();
    DataUpdate u;
    u.associations = last_assocs_;
    u.replace_associations = true;
    u.queues = last_queues_;
    u.projects = std::vector<std::string>{"*"};
    if (!last_assocs_.empty()) engine_->apply(u);
    std::vector<ReplayJob> replay;
    std::vector<Sub> keep;  // the requests view these strings
    keep.reserve(jobs_.size());
    for (auto& [id, j] : jobs_) {
      keep.push_back(j.sub);
      ReplayJob r;
      r.id = id;
      r.request = keep.back().request();
      r.state = j.state;
      r.dependencies.assign(j.deps.begin(), j.deps.end());
      replay.push_back(std::move(r));
    }
    Decisions out;
    engine_->replay(std::move(replay), out);
    apply(out);
  }

  // Jobs the engine asked to end, end.
  void settle() {
    while (!doomed_.empty()) {
      const JobId id = *doomed_.begin();
      doomed_.erase(doomed_.begin());
      if (!jobs_.count(id)) continue;
      Decisions out;
      engine_->inactive(id, out);
      jobs_.erase(id);
      apply(out);
    }
  }

  void check() {
    const auto problems = engine_->audit();
    ASSERT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
    ASSERT_EQ(engine_->job_count(), jobs_.size());
    const auto& soft = engine_->limits().soft();
    for (const auto& [id, j] : jobs_) {
      const Job* e = engine_->job(id);
      ASSERT_NE(e, nullptr) << id;
      ASSERT_EQ(e->state, j.state) << id;
      std::set<std::string> deps;
      // A job held in PRIORITY has holds but no Flux dependencies.
      if (!e->held_in_priority())
        for (std::size_t i = 0; i < soft.size(); ++i)
          if (e->deps & (1u << i)) deps.insert(std::string(soft[i]->dependency()));
      ASSERT_EQ(deps, j.deps) << id;
    }
  }

  std::mt19937 rng_;
  std::unique_ptr<Engine> engine_;
  std::map<JobId, FluxJob> jobs_;
  std::set<JobId> doomed_;
  JobId next_id_ = 1;
  std::vector<AssociationRecord> last_assocs_, previous_assocs_;
  std::vector<QueueRecord> last_queues_;
  bool frozen_ = false;
  std::map<std::uint32_t, std::int64_t> bounds_;
};

TEST(EngineInvariant, RandomEventsKeepCountersExact) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(seed);
    World w(seed);
    for (int i = 0; i < 5000; ++i) {
      w.step();
      if (::testing::Test::HasFatalFailure()) return;
    }
    // The walk must have exercised holds, releases, rejections and reloads.
    EXPECT_GT(w.submitted, 1000u);
    EXPECT_GT(w.rejected, 10u);
    EXPECT_GT(w.released, 10u);
    EXPECT_GT(w.reloads, 10u);
    // Limits stop changing: released jobs never push an association past
    // max_running_jobs.
    const std::size_t released_before = w.released;
    w.freeze();
    for (int i = 0; i < 3000; ++i) {
      w.step();
      if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_GT(w.released, released_before + 10);
    EXPECT_GT(w.frozen_runs, 5u);  // released jobs that went on to run
    std::printf(
        "seed %u: %zu submitted, %zu rejected, %zu releases, %zu reloads; %zu runs after the "
        "limits froze\n",
        seed, w.submitted, w.rejected, w.released, w.reloads, w.frozen_runs);
  }
}

}  // namespace
}  // namespace fluxacct::engine
