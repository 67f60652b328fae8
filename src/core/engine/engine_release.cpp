// Releasing held jobs (upstream's check_and_release_held_jobs, §4.9): held
// jobs are visited oldest first; each dependency whose limit now has room is
// removed. Room taken by jobs fully released earlier in the same pass is
// reserved, for every kind of limit (upstream skips resource limits, §6.3
// #8), so one freed slot releases one job. A job that keeps a dependency
// reserves nothing.
#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"

namespace fluxacct::engine {
namespace {

// The room reserved in one pass, per (soft limit, reserve key).
class ReserveBook {
 public:
  Reserve& at(std::size_t limit, NameId key) {
    for (auto& e : entries_)
      if (e.limit == limit && e.key == key) return e.reserve;
    return entries_.push_back({limit, key, Reserve{}}), entries_.back().reserve;
  }

 private:
  struct Entry {
    std::size_t limit;
    NameId key;
    Reserve reserve;
  };
  std::vector<Entry> entries_;
};

}  // namespace

void Engine::release_association(std::uint32_t ai, Decisions& out) {
  Association& a = catalog_.assoc(ai);
  if (a.held.empty()) return;
  const auto& soft = limits_.soft();
  const std::uint16_t qmask = limits_.queue_mask();
  ReserveBook book;
  for (Slot s = a.held.head; s != kNoSlot;) {
    Job& j = jobs_[s];
    const Slot next = j.held.next;
    const LimitView v = view(j);
    for (std::size_t i = 0; i < soft.size(); ++i) {
      const auto bit = static_cast<std::uint16_t>(1u << i);
      if (!(j.deps & bit) || (qmask & bit)) continue;
      if (soft[i]->blocks(v, book.at(i, soft[i]->reserve_key(v)))) continue;
      j.deps &= static_cast<std::uint16_t>(~bit);
      out.push_back(RemoveDependency{j.id, soft[i]->dependency()});
    }
    if (j.deps == 0) {
      list_unlink<&Job::held>(jobs_, a.held, s);
      for (std::size_t i = 0; i < soft.size(); ++i)
        if (!(qmask & (1u << i))) soft[i]->reserve(v, book.at(i, soft[i]->reserve_key(v)));
    }
    s = next;
  }
}

void Engine::release_queue(NameId queue, Decisions& out) {
  if (queue >= catalog_.totals_size()) return;
  QueueTotals& t = catalog_.totals(queue);
  if (t.waiting.empty()) return;
  const auto& soft = limits_.soft();
  const std::uint16_t qmask = limits_.queue_mask();
  ReserveBook book;
  for (Slot s = t.waiting.head; s != kNoSlot;) {
    Job& j = jobs_[s];
    const Slot next = j.waiting.next;
    const LimitView v = view(j);
    for (std::size_t i = 0; i < soft.size(); ++i) {
      const auto bit = static_cast<std::uint16_t>(1u << i);
      if (!(j.deps & bit) || !(qmask & bit)) continue;
      if (soft[i]->blocks(v, book.at(i, soft[i]->reserve_key(v)))) continue;
      j.deps &= static_cast<std::uint16_t>(~bit);
      out.push_back(RemoveDependency{j.id, soft[i]->dependency()});
    }
    if (!(j.deps & qmask)) list_unlink<&Job::waiting>(jobs_, t.waiting, s);
    if (j.deps == 0) {
      list_unlink<&Job::held>(jobs_, catalog_.assoc(j.assoc).held, s);
      for (std::size_t i = 0; i < soft.size(); ++i)
        if (qmask & (1u << i)) soft[i]->reserve(v, book.at(i, soft[i]->reserve_key(v)));
    }
    s = next;
  }
}

void Engine::release_all(Decisions& out) {
  for (std::uint32_t ai = 0; ai < catalog_.assoc_slots(); ++ai)
    if (catalog_.assoc(ai).in_use) release_association(ai, out);
  for (NameId q = 0; q < catalog_.totals_size(); ++q) release_queue(q, out);
}

}  // namespace fluxacct::engine
