// Moments that concern many jobs: reprioritize (after data arrive),
// replay (after a reload), priorities (re-score every pending job).
#include <fmt/format.h>

#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/job_list.hpp"
#include "core/error.hpp"

namespace fluxacct::engine {

void Engine::reprioritize(Decisions& out) {
  if (catalog_.has_data()) {
    // Jobs accepted before data arrived are bound now, to the bank they
    // named (upstream: always the default bank, §6.3 #7).
    for (Slot s = unbound_.head; s != kNoSlot;) {
      const Slot next = jobs_[s].held.next;
      if (jobs_[s].state == JobState::New) {
        // Not yet past depend: bind quietly when possible; depend() then
        // checks its limits like any other job's.
        const Job& j = jobs_[s];
        std::optional<std::string_view> bank;
        if (j.bank != kEmptyName) bank = catalog_.names().name(j.bank);
        const std::uint32_t ai = catalog_.resolve(j.userid, bank);
        if (ai != kNoAssoc) {
          list_unlink<&Job::held>(jobs_, unbound_, s);
          bind(s, ai, out);
        }
      } else {
        try_late_bind(s, out);
      }
      s = next;
    }
  }
  release_all(out);
}

void Engine::replay(std::vector<ReplayJob> jobs, Decisions& out) {
  for (const ReplayJob& r : jobs)
    if (index_.count(r.id)) throw Error(fmt::format("job.new: job {} already exists", r.id));
  // Upstream's job-load order: -state (RUN first), so that every running
  // and scheduled job is counted before a pending one is checked; within a
  // state, released jobs first, so that their promised room is taken again
  // before any other job is checked against it.
  auto released = [](const ReplayJob& r) {
    return r.released && (r.state == JobState::Priority || r.state == JobState::Sched);
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](const ReplayJob& a, const ReplayJob& b) {
    if (a.state != b.state) return a.state > b.state;
    return released(a) && !released(b);
  });
  const auto& soft = limits_.soft();
  for (const ReplayJob& r : jobs) {
    const Slot s = admit(make_job(r.id, r.request), r.request, r.state,
                         catalog_.resolve(r.request.userid, r.request.bank), out);
    Job& j = jobs_[s];
    if (released(r)) {
      // Reserved against the limits a release reserves (engine_ledger.cpp);
      // unbound, when data bind it (bind()).
      if (j.bound())
        set_reserved(s, true);
      else
        j.promised = true;
      continue;
    }
    if (r.state == JobState::Priority && j.bound()) hold_in_priority_if_over(s);
    if (r.state != JobState::Depend) continue;
    std::uint16_t had = 0;
    for (const std::string& name : r.dependencies)
      if (int i = limits_.soft_index(name); i >= 0) had |= static_cast<std::uint16_t>(1u << i);
    std::uint16_t deps = had;
    if (j.bound()) {
      const LimitView v = view(j);
      for (std::size_t i = 0; i < soft.size(); ++i) {
        const auto bit = static_cast<std::uint16_t>(1u << i);
        if ((had & bit) || !soft[i]->blocks(v)) continue;
        deps |= bit;
        out.push_back(AddDependency{j.id, soft[i]->dependency()});
      }
    }
    j.deps = deps;
    if (j.deps && j.bound()) hold(s);
  }
  release_all(out);
}

void Engine::priorities(Decisions& out) {
  const Weights& w = catalog_.weights();
  for (const Job& j : jobs_) {
    if (!j.live || !j.bound() || j.held_in_priority()) continue;
    if (j.state != JobState::Priority && j.state != JobState::Sched) continue;
    out.push_back(SetPriority{j.id, compute_priority(inputs(j), w)});
  }
}

}  // namespace fluxacct::engine
