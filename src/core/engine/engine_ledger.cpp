// Counting: what a job in SCHED or RUN, or a released job's reservation,
// adds to its association, its association's queue usage and its queue's
// totals; and the FIFOs of held jobs. Every change of a job's state or placement goes through
// charge(-1), the change, charge(+1), so counters always equal a recount (audit()).
#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"

namespace fluxacct::engine {

namespace {

// A released job's reservation: until SCHED for the limits on SCHED (or
// SCHED+RUN), until RUN for the limits on RUN.
void reserve(Reservation& r, JobState state, std::int64_t sign, std::int64_t n, std::int64_t c) {
  if (state < JobState::Sched) {
    r.to_sched_jobs += sign;
    r.to_sched_nodes += n;
    r.to_sched_cores += c;
  }
  r.to_run_jobs += sign;
  r.to_run_nodes += n;
  r.to_run_cores += c;
}

}  // namespace

void Engine::charge(Slot s, int sign) {
  const Job& j = jobs_[s];
  const bool counted = j.state == JobState::Sched || j.state == JobState::Run;
  if (!j.bound() || (!counted && !j.reserved)) return;
  Association& a = catalog_.assoc(j.assoc);
  QueueUsage& u = a.usage_for_update(j.queue);
  QueueTotals& t = catalog_.totals(j.queue);
  const std::int64_t n = sign * static_cast<std::int64_t>(j.nnodes);
  const std::int64_t c = sign * static_cast<std::int64_t>(j.ncores);
  if (j.reserved) {
    reserve(a.reserved, j.state, sign, n, c);
    reserve(u.reserved, j.state, sign, n, c);
    reserve(t.reserved, j.state, sign, n, c);
  }
  if (j.state == JobState::Sched) {
    a.sched_jobs += sign;
    u.sched_jobs += sign;
    u.sched_nodes += n;
    u.sched_cores += c;
  } else if (j.state == JobState::Run) {
    a.run_jobs += sign;
    a.run_nodes += n;
    a.run_cores += c;
    u.run_jobs += sign;
    u.run_nodes += n;
    u.run_cores += c;
  }
  if (counted) {
    t.jobs += sign;
    t.nodes += n;
    t.cores += c;
  }
  if (u.zero()) {
    auto& v = a.queue_usage;
    v.erase(std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.first == j.queue; }));
  }
}

void Engine::set_reserved(Slot s, bool reserved) {
  if (jobs_[s].reserved == reserved) return;
  charge(s, -1);
  jobs_[s].reserved = reserved;
  charge(s, +1);
}

void Engine::hold(Slot s) {
  Job& j = jobs_[s];
  list_push_back<&Job::held>(jobs_, catalog_.assoc(j.assoc).held, s);
  if (j.deps & limits_.queue_mask())
    list_push_back<&Job::waiting>(jobs_, catalog_.totals(j.queue).waiting, s);
}

void Engine::unhold(Slot s) {
  Job& j = jobs_[s];
  list_unlink<&Job::held>(jobs_, catalog_.assoc(j.assoc).held, s);
  if (j.deps & limits_.queue_mask())
    list_unlink<&Job::waiting>(jobs_, catalog_.totals(j.queue).waiting, s);
}

}  // namespace fluxacct::engine
