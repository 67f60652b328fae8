// Releasing held jobs (upstream's check_and_release_held_jobs, §4.9): held
// jobs are visited oldest first; each hold whose limit now has room is
// removed. A job whose last hold goes is released: it reserves its room
// against every limit (Reservation, catalog.hpp) until it is counted for
// real, so the jobs after it in this pass, and every later pass and
// depend(), see the room as taken. Upstream's offsets last one pass and skip
// resource limits (§6.3 #8), so it over-releases. A job that keeps a hold
// reserves nothing (upstream's rule for partial releases).
#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"

namespace fluxacct::engine {

// Clears hold i of job s when its limit has room; the Flux dependency goes
// with it (a job held in PRIORITY has none: it is reprioritized once free).
bool Engine::try_clear_hold(Slot s, std::size_t i, const LimitView& v, Decisions& out) {
  Job& j = jobs_[s];
  const Limit& limit = *limits_.soft()[i];
  if (limit.blocks(v)) return false;
  j.deps &= static_cast<std::uint16_t>(~(1u << i));
  if (j.state == JobState::Depend) out.push_back(RemoveDependency{j.id, limit.dependency()});
  return true;
}

void Engine::released(Slot s, Decisions& out) {
  Job& j = jobs_[s];
  list_unlink<&Job::held>(jobs_, catalog_.assoc(j.assoc).held, s);
  if (j.state == JobState::Priority) out.push_back(Reprioritize{j.id});
  set_reserved(s, true);
}

void Engine::release_association(std::uint32_t ai, Decisions& out) {
  Association& a = catalog_.assoc(ai);
  if (a.held.empty()) return;
  const std::size_t n = limits_.soft().size();
  const std::uint16_t qmask = limits_.queue_mask();
  for (Slot s = a.held.head; s != kNoSlot;) {
    const Slot next = jobs_[s].held.next;
    const LimitView v = view(jobs_[s]);
    for (std::size_t i = 0; i < n; ++i)
      if ((jobs_[s].deps & (1u << i)) && !(qmask & (1u << i))) try_clear_hold(s, i, v, out);
    if (jobs_[s].deps == 0) released(s, out);
    s = next;
  }
}

void Engine::release_queue(NameId queue, Decisions& out) {
  if (queue >= catalog_.totals_size()) return;
  QueueTotals& t = catalog_.totals(queue);
  if (t.waiting.empty()) return;
  const std::size_t n = limits_.soft().size();
  const std::uint16_t qmask = limits_.queue_mask();
  for (Slot s = t.waiting.head; s != kNoSlot;) {
    const Slot next = jobs_[s].waiting.next;
    const LimitView v = view(jobs_[s]);
    for (std::size_t i = 0; i < n; ++i)
      if ((jobs_[s].deps & (1u << i)) && (qmask & (1u << i))) try_clear_hold(s, i, v, out);
    if (!(jobs_[s].deps & qmask)) list_unlink<&Job::waiting>(jobs_, t.waiting, s);
    if (jobs_[s].deps == 0) released(s, out);
    s = next;
  }
}

void Engine::release_all(Decisions& out) {
  for (std::uint32_t ai = 0; ai < catalog_.assoc_slots(); ++ai)
    if (catalog_.assoc(ai).in_use) release_association(ai, out);
  for (NameId q = 0; q < catalog_.totals_size(); ++q) release_queue(q, out);
}

// A job bound late (or replayed) in PRIORITY is checked as depend() checks
// a new job; Flux takes dependencies only in DEPEND, so one that would
// exceed a limit is held here, its priority unavailable, in the same FIFO
// as the jobs held in DEPEND. One that fits was held too (by the missing
// data): it reserves its room like a released job.
bool Engine::hold_in_priority_if_over(Slot s) {
  Job& j = jobs_[s];
  const LimitView v = view(j);
  const auto& soft = limits_.soft();
  for (std::size_t i = 0; i < soft.size(); ++i)
    if (soft[i]->blocks(v)) j.deps |= static_cast<std::uint16_t>(1u << i);
  if (j.deps) {
    hold(s);
    return true;
  }
  set_reserved(s, true);
  return false;
}

}  // namespace fluxacct::engine
