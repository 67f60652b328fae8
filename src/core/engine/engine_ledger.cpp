// Counting: what a job in SCHED or RUN adds to its association, its
// association's queue usage and its queue's totals; and the FIFOs of held
// jobs. Every change of a job's state or placement goes through charge(-1),
// the change, charge(+1), so counters always equal a recount (audit()).
#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"

namespace fluxacct::engine {

void Engine::charge(Slot s, int sign) {
  const Job& j = jobs_[s];
  if (!j.bound() || (j.state != JobState::Sched && j.state != JobState::Run)) return;
  Association& a = catalog_.assoc(j.assoc);
  QueueUsage& u = a.usage_for_update(j.queue);
  QueueTotals& t = catalog_.totals(j.queue);
  const std::int64_t n = sign * static_cast<std::int64_t>(j.nnodes);
  const std::int64_t c = sign * static_cast<std::int64_t>(j.ncores);
  if (j.state == JobState::Sched) {
    a.sched_jobs += sign;
    u.sched_jobs += sign;
    u.sched_nodes += n;
    u.sched_cores += c;
  } else {
    a.run_jobs += sign;
    a.run_nodes += n;
    a.run_cores += c;
    u.run_jobs += sign;
    u.run_nodes += n;
    u.run_cores += c;
  }
  t.jobs += sign;
  t.nodes += n;
  t.cores += c;
  if (u.zero()) {
    auto& v = a.queue_usage;
    v.erase(std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.first == j.queue; }));
  }
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
